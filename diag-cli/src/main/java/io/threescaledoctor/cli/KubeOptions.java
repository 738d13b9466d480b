package io.threescaledoctor.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.threescaledoctor.checks.cluster.ClusterAccessException;
import io.threescaledoctor.checks.cluster.ClusterChecks;
import io.threescaledoctor.checks.cluster.ClusterProfile;
import io.threescaledoctor.checks.cluster.Installation;
import io.threescaledoctor.checks.cluster.Kubeconfig;
import io.threescaledoctor.checks.cluster.LiveReader;
import io.threescaledoctor.checks.cluster.Reachability;
import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Which cluster, namespace and time window, as {@code oc} and {@code kubectl} take them: {@code
 * --kubeconfig}, {@code --context}, {@code -n/--namespace} (else {@code KUBECONFIG}, the current
 * context and its namespace). Reads the installation live.
 */
public final class KubeOptions implements EnvironmentAware {
  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig file (default: $KUBECONFIG, a list, else ~/.kube/config), as oc.")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Kubeconfig context (default: the current context).")
  String context;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace of the 3scale installation (default: the context's namespace).")
  String namespace;

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment environment) {
    this.env = environment;
  }

  String namespace() {
    return namespace;
  }

  /** The installation and where it was read. */
  record Live(Installation installation, Kubeconfig kubeconfig) {

    /** The profile with what it lacks filled from the routes; the admin token from system-seed. */
    Profile fill(Profile profile, CliEnvironment env) throws ProfileException {
      String fromEnv = env.variable(ClusterProfile.TOKEN_VARIABLE);
      Secret token =
          fromEnv != null && !fromEnv.isBlank()
              ? Secret.of(fromEnv)
              : installation.credentials().get(Installation.ADMIN_ACCESS_TOKEN);
      return ClusterProfile.of(installation).fill(profile, token);
    }

    /** The checks the installation yields, beside {@code base}. */
    CheckRegistry checks(CheckRegistry base, Duration since) {
      return base.replacedBy(ClusterChecks.of(installation, since, Reachability.tcp()));
    }
  }

  /**
   * Reads the installation through the API server, with the profile's connect and read timeouts.
   *
   * @throws BadInputException when the kubeconfig, context or API server cannot be used, or the
   *     namespace holds no 3scale installation
   */
  Live read(Profile profile, Duration logWindow) {
    Kubeconfig kc;
    try {
      kc =
          Kubeconfig.resolve(
              env::variable,
              kubeconfig,
              context,
              namespace,
              profile.timeouts().connectOrDefault(),
              profile.timeouts().readOrDefault());
    } catch (ClusterAccessException e) {
      throw new BadInputException(e.getMessage());
    }
    Installation inst;
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(kc.config()).build()) {
      inst =
          new LiveReader(client, kc.server(), Clock.systemUTC())
              .withLogBudget(profile.timeouts().totalOrDefault())
              .read("context " + kc.contextName(), kc.namespace(), logWindow);
    } catch (ClusterAccessException e) {
      throw new BadInputException(e.getMessage() + " (context " + kc.contextName() + ")");
    }
    boolean blind = inst.hidden("pods") && inst.hidden("deploymentconfigs.apps.openshift.io");
    if (!blind
        && inst.apiManagers().isEmpty()
        && inst.workloads().isEmpty()
        && inst.pods().isEmpty()) {
      throw new BadInputException(
          "namespace "
              + kc.namespace()
              + " (context "
              + kc.contextName()
              + ") holds no 3scale installation: no APIManager, deployment config or pod; name"
              + " the right one with --namespace");
    }
    return new Live(inst, kc);
  }
}
