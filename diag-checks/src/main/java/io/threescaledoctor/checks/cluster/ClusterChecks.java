package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.checks.cluster.Installation.Denied;
import io.threescaledoctor.checks.cluster.Installation.Workload;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.check.Tested;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checks one {@link Installation} yields: one per object that can break the chain (each
 * component's workload and configuration, each service, claim and route, the operator's resources,
 * the recent logs, the job queue, and each read the API server refused), each at its hop, ids
 * {@code cluster.KIND.NAME}. They run in the ordinary engine next to the profile's checks, so the
 * diagnosis, reports and exit codes are the same as {@code run}'s.
 *
 * <p>They exist per object of one snapshot, so they are made here for each run instead of being
 * registered through {@link java.util.ServiceLoader}; every judgement they apply lives in a class
 * of its own ({@link WorkloadJudge}, {@link ServiceJudge}, {@link RouteJudge}, ...), with its own
 * test.
 */
public final class ClusterChecks {
  private ClusterChecks() {}

  /**
   * The checks for {@code inst}.
   *
   * @param since how far back the pod logs were read
   * @param reach how the doctor probes hosts outside the cluster ({@link Reachability#OFFLINE} for
   *     bundles)
   */
  public static List<Check> of(Installation inst, Duration since, Reachability reach) {
    Redactor clusterSecrets = Redactor.of(inst.credentials().values());
    List<Check> out = new ArrayList<>();
    out.add(
        new Judged(
            "cluster.inventory",
            Hop.THREESCALE,
            "What the doctor read of the installation: namespace, operator or templates, objects",
            Tested.DIRECT,
            ctx -> inventory(inst),
            clusterSecrets));
    for (Denied d : inst.denied()) {
      out.add(
          new Judged(
              "cluster.access." + d.resource().replace('/', '-'),
              AccessJudge.hop(d),
              "The API server lets the doctor " + d.verb() + " " + d.resource(),
              Tested.DIRECT,
              ctx -> AccessJudge.judge(d),
              clusterSecrets));
    }
    RouteJudge routes = new RouteJudge(inst);
    CustomResourceLinter.Context crContext =
        new CustomResourceLinter.Context(
            RouteJudge.wildcardDomain(inst).map(RouteJudge.Wildcard::domain).orElse(null),
            inst.namespace(),
            Set.copyOf(inst.secrets()),
            !inst.hidden("secrets"));
    for (Installation.ApiManagerView m : inst.apiManagers()) {
      out.add(
          new Judged(
              "cluster.apimanager." + m.name(),
              Hop.THREESCALE,
              "The APIManager is valid and the operator reports it available",
              Tested.DIRECT,
              ctx -> CustomResourceLinter.apiManager(m, null, crContext),
              clusterSecrets));
    }
    for (Installation.TenantView t : inst.tenants()) {
      out.add(
          new Judged(
              "cluster.tenant." + t.name(),
              Hop.THREESCALE,
              "The Tenant is complete and the secrets it names exist",
              Tested.DIRECT,
              ctx -> CustomResourceLinter.tenant(t, null, crContext),
              clusterSecrets));
    }
    WorkloadJudge workloads = new WorkloadJudge(inst);
    List<Workload> ours = inst.workloads().stream().filter(Component::belongs).toList();
    if (!inst.hidden("deploymentconfigs.apps.openshift.io") || !inst.hidden("deployments.apps")) {
      for (Component c : Component.values()) {
        if (c.required() && inst.workload(c.workload()).isEmpty() && !ours.isEmpty()) {
          out.add(
              new Judged(
                  "cluster.workload." + c.workload(),
                  c.hop(),
                  "Component " + c.workload() + " is installed",
                  Tested.DIRECT,
                  ctx -> workloads.missing(c),
                  clusterSecrets));
        }
      }
    }
    ConfigJudge config = new ConfigJudge(inst, reach);
    for (Workload w : ours) {
      Hop hop = Component.hopOf(w.name());
      out.add(
          new Judged(
              "cluster.workload." + w.name(),
              hop,
              "Every replica of " + w.name() + " is ready; its pods neither crash nor wait",
              Tested.DIRECT,
              ctx -> workloads.judge(w),
              clusterSecrets));
      if (w.name().startsWith("apicast") || ConfigJudge.workersVariable(w.name()).isPresent()) {
        out.add(
            new Judged(
                "cluster.config." + w.name(),
                hop,
                "The environment of "
                    + w.name()
                    + " is consistent (portal endpoint, loader, workers)",
                Tested.DIRECT,
                ctx -> config.judge(w, ctx.timeouts().connect()),
                clusterSecrets));
      }
    }
    ServiceJudge services = new ServiceJudge(inst);
    for (Installation.ServiceView s : inst.services()) {
      if (services.judged(s)) {
        out.add(
            new Judged(
                "cluster.service." + s.name(),
                services.hop(s),
                "Service " + s.name() + " has ready endpoints",
                Tested.DIRECT,
                ctx -> services.judge(s),
                clusterSecrets));
      }
    }
    ClaimJudge claims = new ClaimJudge(inst);
    Set<String> claimNames = new LinkedHashSet<>();
    ours.forEach(w -> claimNames.addAll(w.claimNames()));
    for (String claim : claimNames) {
      out.add(
          new Judged(
              "cluster.pvc." + claim,
              claims.hop(claim),
              "Persistent volume claim " + claim + " is bound",
              Tested.DIRECT,
              ctx -> claims.judge(claim),
              clusterSecrets));
    }
    for (Installation.RouteView r : inst.routes()) {
      out.add(
          new Judged(
              "cluster.route." + r.name(),
              Hop.CLIENT_GATEWAY,
              "Route " + r.name() + " is admitted, has TLS and a host clients can reach",
              Tested.DIRECT,
              ctx -> routes.judge(r),
              clusterSecrets));
    }
    PodLogJudge logs = new PodLogJudge(inst, since);
    SidekiqJudge sidekiq = new SidekiqJudge(inst);
    for (Workload w : ours) {
      if (w.name().equals(Component.SYSTEM_SIDEKIQ.workload())) {
        out.add(
            new Judged(
                "cluster.sidekiq",
                Hop.THREESCALE,
                "The portal's job queue: sidekiq reaches Redis, jobs do not fail",
                Tested.LOGS,
                ctx -> sidekiq.judge(w),
                clusterSecrets));
      } else if (!logs.logsOf(w).isEmpty()) {
        out.add(
            new Judged(
                "cluster.logs." + w.name(),
                Component.hopOf(w.name()),
                "The recent logs of " + w.name() + "'s pods name no known problem",
                Tested.LOGS,
                ctx -> logs.judge(w),
                clusterSecrets));
      }
    }
    return out;
  }

  private static CheckResult inventory(Installation inst) {
    String installedBy =
        inst.apiManagers().isEmpty()
            ? (inst.hidden("apimanagers.apps.3scale.net")
                ? "unknown (APIManagers cannot be read)"
                : "templates (no APIManager)")
            : "the 3scale operator (APIManager "
                + inst.apiManagers().stream()
                    .map(Installation.ApiManagerView::name)
                    .collect(Collectors.joining(", "))
                + ")";
    long ours = inst.workloads().stream().filter(Component::belongs).count();
    CheckResult r =
        CheckResult.pass(
                "namespace "
                    + inst.namespace()
                    + " from "
                    + inst.source()
                    + ": 3scale installed by "
                    + installedBy
                    + ", "
                    + ours
                    + " components, "
                    + inst.pods().size()
                    + " pods, "
                    + inst.routes().size()
                    + " routes")
            .withEvidence("source", inst.source())
            .withEvidence("namespace", inst.namespace())
            .withEvidence("observedAt", inst.observedAt())
            .withEvidence("installedBy", installedBy)
            .withEvidence(
                "wildcardDomain",
                RouteJudge.wildcardDomain(inst)
                    .map(w -> w.domain() + " (from " + w.source() + ")")
                    .orElse("unknown"))
            .withEvidence(
                "objects",
                inst.workloads().size()
                    + " workloads, "
                    + inst.pods().size()
                    + " pods, "
                    + inst.services().size()
                    + " services, "
                    + inst.routes().size()
                    + " routes, "
                    + inst.claims().size()
                    + " claims, "
                    + inst.secrets().size()
                    + " secrets, "
                    + inst.events().size()
                    + " events, "
                    + inst.logs().size()
                    + " container logs");
    if (!inst.notes().isEmpty()) {
      r = r.withEvidence("notes", String.join("; ", inst.notes()));
    }
    return r.withReproduce("oc get all -n " + inst.namespace());
  }

  /** One judgement of the snapshot as a check; results are masked with the cluster's secrets. */
  private record Judged(
      String id,
      Hop hop,
      String description,
      Tested tested,
      Function<CheckContext, CheckResult> judgement,
      Redactor clusterSecrets)
      implements Check {

    @Override
    public CheckResult run(CheckContext context) {
      return judgement.apply(context).redacted(clusterSecrets);
    }
  }
}
