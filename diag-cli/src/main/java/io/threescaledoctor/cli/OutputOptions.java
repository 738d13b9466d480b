package io.threescaledoctor.cli;

import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.report.OneLineReportRenderer;
import io.threescaledoctor.core.report.ReportRenderer;
import io.threescaledoctor.core.report.TargetReportRenderer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --format}, {@code --output}, {@code --quiet} and {@code --verbose}, shared by every
 * command that prints a report of a run.
 */
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

  @Mixin Verbosity verbosity;

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

  /** Whether only the one-line verdict goes to standard output. */
  public boolean quiet() {
    return verbosity.quiet();
  }

  /** Renders {@code diagnosis} in the chosen format to the chosen place. */
  public void write(Diagnosis diagnosis, CommandLine cl, CliEnvironment env) throws IOException {
    write(diagnosis, null, cl, env);
  }

  /**
   * As {@link #write(Diagnosis, CommandLine, CliEnvironment)}, naming the profile examined; with
   * {@code --quiet}, the diagnosis line goes to standard output and the report only to {@code
   * --output}.
   */
  public void write(Diagnosis diagnosis, Profile target, CommandLine cl, CliEnvironment env)
      throws IOException {
    boolean color = toStdout() && env.color(cl);
    ReportRenderer renderer = renderer(color, verbosity.verbose(), target);
    emit(diagnosis, renderer, new OneLineReportRenderer().line(diagnosis), cl);
  }

  /**
   * Renders the report of a single-target verb ({@code dns}, {@code connect}, {@code tls}): in
   * text, about {@code target} as the engineer named it ("connect 10.0.0.5 8080") rather than as a
   * hop of the chain; passing evidence is always shown, since the answers are the point of such a
   * verb.
   */
  public void writeSingleTarget(
      Diagnosis diagnosis, String target, CommandLine cl, CliEnvironment env) throws IOException {
    boolean color = toStdout() && env.color(cl);
    TargetReportRenderer text = new TargetReportRenderer(target, color, true);
    ReportRenderer renderer = "text".equals(format) ? text : renderer(color, true, null);
    emit(diagnosis, renderer, text.line(diagnosis), cl);
  }

  private ReportRenderer renderer(boolean color, boolean verbose, Profile target) {
    return ReportFormats.renderer(format, color, verbose, target)
        .orElseThrow(
            () ->
                new BadInputException(
                    "--format "
                        + format
                        + ": unknown format (use one of "
                        + String.join(", ", ReportFormats.names())
                        + ")"));
  }

  private void emit(Diagnosis diagnosis, ReportRenderer renderer, String verdict, CommandLine cl)
      throws IOException {
    if (output != null) {
      try (Writer w =
          new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8)) {
        renderer.render(diagnosis, w);
      } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
        throw new BadInputException("--output " + output + ": cannot write there");
      }
    }
    PrintWriter out = cl.getOut();
    if (quiet()) {
      out.println(verdict);
    } else if (output == null) {
      renderer.render(diagnosis, out);
    }
    out.flush();
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
