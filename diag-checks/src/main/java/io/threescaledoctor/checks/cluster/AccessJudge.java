package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.checks.cluster.Installation.Denied;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import java.util.Set;

/**
 * A read the API server refused (403): a finding that names the verb, resource and namespace to be
 * granted, at the hop whose view it blinds first. Without pods, workloads, services, endpoints or
 * routes the doctor cannot call the installation healthy, so those are ERROR (the run is
 * inconclusive); the rest (events, logs, secrets, custom resources, jobs) only narrow the evidence
 * and are WARN.
 */
final class AccessJudge {
  private static final Set<String> NEEDED =
      Set.of(
          "pods",
          "deploymentconfigs.apps.openshift.io",
          "deployments.apps",
          "services",
          "endpoints",
          "routes.route.openshift.io");

  static Hop hop(Denied d) {
    return switch (d.resource()) {
      case "routes.route.openshift.io" -> Hop.CLIENT_GATEWAY;
      case "apimanagers.apps.3scale.net", "tenants.capabilities.3scale.net", "jobs.batch" ->
          Hop.THREESCALE;
      default -> Hop.GATEWAY;
    };
  }

  static CheckResult judge(Denied d) {
    String summary =
        d.need() + ": the API server refused it (403), so the doctor cannot see " + d.resource();
    CheckResult r =
        NEEDED.contains(d.resource()) ? CheckResult.error(summary) : CheckResult.warn(summary);
    return r.withCause("cluster-access-denied")
        .withEvidence("verb", d.verb())
        .withEvidence("resource", d.resource())
        .withEvidence("namespace", d.namespace())
        .withEvidence("apiServerSaid", d.message())
        .withReproduce(d.canI());
  }
}
