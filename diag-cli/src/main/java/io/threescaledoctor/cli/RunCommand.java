package io.threescaledoctor.cli;

import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.profile.Profile;
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
      "  3scale-doctor run --cluster -n 3scale --user-key $USER_KEY --path /hello",
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

  @Mixin Selection selection;

  @Option(
      names = "--cluster",
      description =
          "Also diagnose the 3scale installation of the kubeconfig context (see cluster --help);"
              + " its routes fill gateway.url, threescale.backend and threescale.admin where the"
              + " profile leaves them empty.")
  boolean cluster;

  @Mixin KubeOptions kube;

  @Mixin LogWindow logWindow;

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
    if (cluster) {
      KubeOptions.Live live = kube.read(profile, logWindow.since());
      profile = live.fill(profile, env);
      checks = live.checks(checks, logWindow.since());
    }
    checks.validate(profile, Main.class.getClassLoader());
    return ReportRun.run(
        env,
        spec.commandLine(),
        outputOptions,
        profile,
        checks,
        selection.only(),
        selection.skip());
  }
}
