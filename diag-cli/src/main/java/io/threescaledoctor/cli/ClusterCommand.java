package io.threescaledoctor.cli;

import io.threescaledoctor.checks.cluster.ClusterChecks;
import io.threescaledoctor.checks.cluster.ClusterProfile;
import io.threescaledoctor.checks.cluster.Reachability;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.profile.Profile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor cluster}: the 3scale installation where it runs, through the API server. */
@Command(
    name = "cluster",
    sortOptions = false,
    description = {
      "Diagnose a 3scale installation on OpenShift through the cluster's API, read-only (get,"
          + " list, pod logs; never create, patch, delete or exec), with the current kubeconfig"
          + " context as oc and kubectl use it.",
      "",
      "It judges, each at its hop: the APIManager and Tenants (or the template's deployment"
          + " configs); every component's replicas and pods (CrashLoopBackOff, OOMKilled, Pending"
          + " with the scheduler's reason, image pull errors, not ready, restarts in the last"
          + " hour) with the warning events that explain them; services without ready endpoints;"
          + " claims not bound; routes (admitted, TLS, public base URLs under the wildcard domain,"
          + " no leading digit); APIcast's THREESCALE_PORTAL_ENDPOINT, configuration loader and"
          + " cache, log level, and the worker processes against the CPU limit; the recent logs"
          + " of the APIcast, backend and sidekiq pods; failed jobs.",
      "",
      "Then it builds a profile from the routes and secrets (gateway, backend and admin portal"
          + " URLs; the admin token from secret system-seed, masked everywhere) and runs the"
          + " ordinary checklist with it from here. Profile keys and flags you give win."
          + " A 403 from the API server is a finding naming what to grant, not a failure to run.",
      "",
      "Examples:",
      "  3scale-doctor cluster",
      "  3scale-doctor cluster -n 3scale --since 30m --format json",
      "  3scale-doctor cluster --context prod --user-key $USER_KEY --path /hello",
      "  3scale-doctor cluster --print-profile > profile.yaml",
      "  3scale-doctor cluster --cluster-only --only gateway",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no check failed (warnings allowed)",
      "1:at least one check failed",
      "2:bad input (kubeconfig, context, API server unreachable or rejecting the credentials,"
          + " no 3scale in the namespace)",
      "3:the doctor itself broke",
      "4:inconclusive: nothing failed, but a check could not run (e.g. pods may not be listed)"
    })
public final class ClusterCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  @Spec CommandSpec spec;

  @Mixin KubeOptions kube;

  @Mixin LogWindow logWindow;

  @Option(
      names = "--print-profile",
      description =
          "Print the profile found in the cluster (secrets as ${ENV} placeholders) and run nothing.")
  boolean printProfile;

  @Option(
      names = "--cluster-only",
      description = "Only the cluster's findings: do not probe the routes, backend and portal.")
  boolean clusterOnly;

  @Mixin ProfileOptions profileOptions;

  @Mixin OutputOptions outputOptions;

  @Mixin Selection selection;

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment environment) {
    this.env = environment;
  }

  @Override
  public Integer call() throws Exception {
    outputOptions.validate();
    Profile user = profileOptions.load();
    KubeOptions.Live live = kube.read(user, logWindow.since());
    if (printProfile) {
      return ReportRun.print(
          ClusterProfile.of(live.installation()).yaml(live.installation()),
          outputOptions,
          spec.commandLine());
    }
    Profile profile = clusterOnly ? user : live.fill(user, env);
    CheckRegistry checks =
        clusterOnly
            ? CheckRegistry.of(
                ClusterChecks.of(live.installation(), logWindow.since(), Reachability.tcp()))
            : live.checks(env.checks(), logWindow.since());
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
