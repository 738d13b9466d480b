package io.threescaledoctor.cli;

import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.engine.Checklist;
import io.threescaledoctor.core.engine.Engine;
import io.threescaledoctor.core.engine.EngineListener;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.report.ExitCode;
import io.threescaledoctor.core.report.OneLineReportRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor run}: the whole checklist against a profile, and the diagnosis. */
@Command(
    name = "run",
    sortOptions = false,
    description = {
      "Run the troubleshooting checklist against a setup and say where the chain breaks.",
      "",
      "The checks walk the guide's hops from the API back to the client: api, gateway-api,"
          + " gateway, gateway-3scale, 3scale, client-gateway, client. Each check needs some"
          + " profile keys; one whose keys are missing is skipped and says which.",
      "",
      "Examples:",
      "  3scale-doctor run --config profile.yaml",
      "  3scale-doctor run --gateway https://api.example.com --user-key $USER_KEY --path /hello",
      "  3scale-doctor run -c profile.yaml --only 3scale --format json",
      "  3scale-doctor run -c profile.yaml --format html --output report.html",
      "  3scale-doctor run -c profile.yaml --quiet",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no check failed (warnings allowed)",
      "1:at least one check failed",
      "2:bad input (usage, profile, URL)",
      "3:the doctor itself broke",
      "4:inconclusive: nothing failed, but a check that mattered could not run"
    })
public final class RunCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  @Spec CommandSpec spec;

  @Mixin ProfileOptions profileOptions;

  @Mixin OutputOptions outputOptions;

  @Option(
      names = "--only",
      paramLabel = "ID",
      split = ",",
      description = "Run only these checks, endpoints or hops (and what they need).")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--skip",
      paramLabel = "ID",
      split = ",",
      description = "Leave out these checks, endpoints or hops.")
  List<String> skip = new ArrayList<>();

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only the diagnosis line (the full report still goes to --output).")
  boolean quiet;

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    outputOptions.validate();
    Profile profile = profileOptions.load();
    CheckRegistry checks = env.checks();
    checks.validate(profile, Main.class.getClassLoader());
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
                  ProgressListener.wanted(env, outputOptions.format(), quiet)
                      ? progress
                      : EngineListener.NONE)
              .build();
      diagnosis = engine.run(checklist, profile, env.cancellation());
    }
    env.sessionIfAny().ifPresent(session -> session.record(diagnosis));
    if (quiet) {
      if (!outputOptions.toStdout()) {
        outputOptions.write(diagnosis, profile, spec.commandLine(), env);
      }
      new OneLineReportRenderer().render(diagnosis, spec.commandLine().getOut());
    } else {
      outputOptions.write(diagnosis, profile, spec.commandLine(), env);
    }
    return ExitCode.of(diagnosis);
  }
}
