package io.threescaledoctor.cli;

import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.report.ReportRenderer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --format}, {@code --output} and {@code --verbose}, shared by every reporting command. */
public final class OutputOptions {
  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      completionCandidates = ReportFormats.Names.class,
      description = "Report format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show the evidence of passing checks too.")
  boolean verbose;

  public String format() {
    return format;
  }

  public boolean json() {
    return "json".equals(format);
  }

  /** Whether the report goes to the terminal (and may be coloured, with progress beside it). */
  public boolean toStdout() {
    return output == null;
  }

  /** Renders {@code diagnosis} in the chosen format to the chosen place. */
  public void write(Diagnosis diagnosis, CommandLine cl, CliEnvironment env) throws IOException {
    write(diagnosis, null, cl, env);
  }

  /** As {@link #write(Diagnosis, CommandLine, CliEnvironment)}, naming the profile examined. */
  public void write(Diagnosis diagnosis, Profile target, CommandLine cl, CliEnvironment env)
      throws IOException {
    ReportRenderer renderer =
        ReportFormats.renderer(format, toStdout() && env.color(cl), verbose, target)
            .orElseThrow(
                () ->
                    new BadInputException(
                        "--format "
                            + format
                            + ": unknown format (use one of "
                            + String.join(", ", ReportFormats.names())
                            + ")"));
    if (output == null) {
      PrintWriter out = cl.getOut();
      renderer.render(diagnosis, out);
      out.flush();
      return;
    }
    try (Writer w = new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8)) {
      renderer.render(diagnosis, w);
    } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
      throw new BadInputException("--output " + output + ": cannot write there");
    }
  }

  /** Checks the format name early, before any work is done. */
  public void validate() {
    if (!ReportFormats.names().contains(format)) {
      throw new BadInputException(
          "--format "
              + format
              + ": unknown format (use one of "
              + String.join(", ", ReportFormats.names())
              + ")");
    }
  }
}
