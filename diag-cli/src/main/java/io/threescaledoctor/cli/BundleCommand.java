package io.threescaledoctor.cli;

import io.threescaledoctor.checks.cluster.BundleException;
import io.threescaledoctor.checks.cluster.BundleReader;
import io.threescaledoctor.checks.cluster.ClusterChecks;
import io.threescaledoctor.checks.cluster.ClusterProfile;
import io.threescaledoctor.checks.cluster.Installation;
import io.threescaledoctor.checks.cluster.Reachability;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.profile.Durations;
import io.threescaledoctor.core.profile.Profile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor bundle DIR|FILE.tar.gz}: the cluster diagnosis from a must-gather. */
@Command(
    name = "bundle",
    sortOptions = false,
    description = {
      "Diagnose a 3scale installation offline, from what oc adm must-gather or oc adm inspect"
          + " wrote (a directory, or the same as .tar.gz / .tar): the same judgements as"
          + " 3scale-doctor cluster, on the resource YAML per namespace and the pod logs per"
          + " container (pods/POD/CONTAINER/.../logs/current.log and previous.log). It makes no"
          + " network call; 'now' is the bundle's gather time (its timestamp file).",
      "",
      "Without --namespace, the one namespace of the bundle that holds 3scale is read.",
      "",
      "Examples:",
      "  oc adm inspect ns/3scale --dest-dir=inspect.3scale && 3scale-doctor bundle inspect.3scale",
      "  3scale-doctor bundle must-gather.tar.gz -n 3scale --format json",
      "  3scale-doctor bundle must-gather.tar.gz --print-profile > profile.yaml",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no check failed (warnings allowed)",
      "1:at least one check failed",
      "2:bad input (not a bundle, damaged archive, no or several 3scale namespaces)",
      "3:the doctor itself broke",
      "4:inconclusive: nothing failed, but a check could not run"
    })
public final class BundleCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR|FILE.tar.gz", description = "The must-gather or inspect output.")
  Path bundle;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace of the 3scale installation in the bundle.")
  String namespace;

  @Option(
      names = "--since",
      paramLabel = "DURATION",
      defaultValue = "1h",
      description =
          "Log lines of the last DURATION before the gather time count (default ${DEFAULT-VALUE}).")
  String since;

  @Option(
      names = "--print-profile",
      description = "Print the profile the bundle's routes give (secrets as ${ENV}) and stop.")
  boolean printProfile;

  @Mixin OutputOptions outputOptions;

  @Mixin Selection selection;

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment environment) {
    this.env = environment;
  }

  @Override
  public Integer call() {
    outputOptions.validate();
    Duration window;
    try {
      window = Durations.parse(since);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--since " + e.getMessage());
    }
    Installation inst;
    try {
      inst = new BundleReader(Clock.systemUTC()).read(bundle, namespace, window);
    } catch (BundleException e) {
      throw new BadInputException(e.getMessage());
    }
    if (printProfile) {
      return ReportRun.print(ClusterProfile.of(inst).yaml(inst), outputOptions, spec.commandLine());
    }
    return ReportRun.run(
        env,
        spec.commandLine(),
        outputOptions,
        Profile.empty(),
        CheckRegistry.of(ClusterChecks.of(inst, window, Reachability.OFFLINE)),
        selection.only(),
        selection.skip());
  }
}
