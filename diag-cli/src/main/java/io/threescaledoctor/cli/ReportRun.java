package io.threescaledoctor.cli;

import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.engine.Checklist;
import io.threescaledoctor.core.engine.Engine;
import io.threescaledoctor.core.engine.EngineListener;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.report.ExitCode;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs a checklist and reports it as {@code run} does (progress on a terminal, the chosen format,
 * {@code --quiet}, the session's record), for the verbs that bring checks of their own: {@code
 * cluster}, {@code bundle}, {@code lint-cr}.
 */
final class ReportRun {
  private ReportRun() {}

  /** Writes {@code text} (a profile) to {@code --output} or standard output; exit code 0. */
  static int print(String text, OutputOptions output, CommandLine cl) {
    try {
      if (output.output == null) {
        cl.getOut().print(text);
        cl.getOut().flush();
      } else {
        java.nio.file.Files.writeString(
            output.output, text, java.nio.charset.StandardCharsets.UTF_8);
      }
    } catch (java.io.IOException e) {
      throw new BadInputException("--output " + output.output + ": cannot write there");
    }
    return ExitCode.OK;
  }

  static int run(
      CliEnvironment env,
      CommandLine cl,
      OutputOptions output,
      Profile profile,
      CheckRegistry checks,
      List<String> only,
      List<String> skip) {
    Checklist checklist;
    try {
      checklist = Checklist.build(checks, profile, only, skip);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    Diagnosis diagnosis;
    try (ProgressListener progress = new ProgressListener(env.err(), System::nanoTime)) {
      Engine engine =
          Engine.builder()
              .listener(
                  ProgressListener.wanted(env, output.format(), output.quiet())
                      ? progress
                      : EngineListener.NONE)
              .build();
      diagnosis = engine.run(checklist, profile, env.cancellation());
    }
    env.sessionIfAny().ifPresent(session -> session.record(diagnosis));
    try {
      output.write(diagnosis, profile, cl, env);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return ExitCode.of(diagnosis);
  }
}
