package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.checks.cluster.Installation.EndpointsView;
import io.threescaledoctor.checks.cluster.Installation.PodView;
import io.threescaledoctor.checks.cluster.Installation.ServiceView;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A service of the installation and the addresses behind it: a service whose selector matches no
 * ready pod has no endpoints, so everything that calls it (a route, APIcast calling the backend or
 * the portal) gets refused connections or the router's 503, whatever the pods say of themselves.
 */
final class ServiceJudge {
  private final Installation inst;

  ServiceJudge(Installation inst) {
    this.inst = inst;
  }

  /** Whether the service belongs to 3scale: it selects a 3scale component's pods. */
  boolean judged(ServiceView s) {
    return !s.selector().isEmpty() && workloadName(s).isPresent();
  }

  /** The component whose pods the service selects, by selector value or by name. */
  Optional<String> workloadName(ServiceView s) {
    for (String key :
        List.of("deploymentConfig", "deploymentconfig", "deployment", "app.kubernetes.io/name")) {
      String v = s.selector().get(key);
      if (v != null && inst.workload(v).isPresent()) {
        return Optional.of(v);
      }
    }
    for (Installation.Workload w : inst.workloads()) {
      if (Component.belongs(w)
          && !w.selector().isEmpty()
          && s.selector().entrySet().containsAll(w.selector().entrySet())) {
        return Optional.of(w.name());
      }
    }
    return Component.of(s.name()).map(Component::workload);
  }

  Hop hop(ServiceView s) {
    return Component.hopOf(workloadName(s).orElse(s.name()));
  }

  CheckResult judge(ServiceView s) {
    String selector =
        s.selector().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .collect(Collectors.joining(","));
    List<PodView> selected = inst.podsMatching(s.selector());
    Optional<EndpointsView> ep = inst.endpointsOf(s.name());
    Verdict v =
        new Verdict()
            .context("selector", selector)
            .context("clusterIP", s.clusterIp())
            .context(
                "podsSelected",
                selected.isEmpty()
                    ? "none"
                    : selected.stream()
                        .map(p -> p.name() + (p.ready() ? " (ready)" : " (not ready)"))
                        .collect(Collectors.joining(", ")));
    String how = "oc get endpoints " + s.name() + " -n " + inst.namespace() + " -o wide";
    if (ep.isEmpty() && inst.hidden("endpoints")) {
      return v.result("endpoints of " + s.name() + " cannot be read (permission denied)", how);
    }
    List<String> ready = ep.map(EndpointsView::readyPods).orElse(List.of());
    List<String> notReady = ep.map(EndpointsView::notReadyPods).orElse(List.of());
    v.context("readyEndpoints", ready.isEmpty() ? "none" : String.join(", ", ready));
    v.context("notReadyEndpoints", notReady.isEmpty() ? null : String.join(", ", notReady));
    if (ready.isEmpty()) {
      String why =
          selected.isEmpty()
              ? "its selector " + selector + " matches no pod"
              : "none of the " + selected.size() + " pod(s) its selector matches is ready";
      v.fail(
          "service-no-endpoints",
          "service " + s.name() + " has no ready endpoints: " + why + "; calls to it are refused",
          Verdict.evidence(),
          how);
    }
    return v.result("service " + s.name() + " has " + ready.size() + " ready endpoint(s)", how);
  }
}
