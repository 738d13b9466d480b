package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.checks.cluster.Installation.RouteIngress;
import io.threescaledoctor.checks.cluster.Installation.RouteView;
import io.threescaledoctor.core.check.CheckResult;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A route, as the client reaches the installation (guide 1.3, 1.4.2): admitted by a router or not
 * (and why), pointing at a service that exists, with TLS; for the APIcast routes, which carry the
 * staging and production public base URLs, a host under the cluster's wildcard domain whose first
 * label does not begin with a digit.
 */
final class RouteJudge {
  private final Installation inst;
  private final Optional<Wildcard> wildcard;

  /** The wildcard domain and where it was learned. */
  record Wildcard(String domain, String source) {}

  RouteJudge(Installation inst) {
    this.inst = inst;
    this.wildcard = wildcardDomain(inst);
  }

  /**
   * The APIManager's {@code wildcardDomain}, else the domain of the routers' canonical host name
   * ({@code router-default.apps.example.com} serves {@code *.apps.example.com}).
   */
  static Optional<Wildcard> wildcardDomain(Installation inst) {
    for (Installation.ApiManagerView m : inst.apiManagers()) {
      if (m.wildcardDomain() != null && !m.wildcardDomain().isBlank()) {
        return Optional.of(
            new Wildcard(m.wildcardDomain().toLowerCase(Locale.ROOT), "APIManager " + m.name()));
      }
    }
    for (RouteView r : inst.routes()) {
      for (RouteIngress i : r.ingresses()) {
        String canonical = i.canonicalHost();
        if (canonical != null && canonical.indexOf('.') > 0) {
          return Optional.of(
              new Wildcard(
                  canonical.substring(canonical.indexOf('.') + 1).toLowerCase(Locale.ROOT),
                  "router canonical host name " + canonical));
        }
      }
    }
    return Optional.empty();
  }

  static boolean isGatewayRoute(RouteView r) {
    return r.serviceName() != null && r.serviceName().startsWith("apicast");
  }

  CheckResult judge(RouteView r) {
    String host = r.host() == null ? "" : r.host().toLowerCase(Locale.ROOT);
    String how = "oc get route " + r.name() + " -n " + inst.namespace() + " -o yaml";
    Verdict v =
        new Verdict()
            .context("host", host)
            .context("service", r.serviceName())
            .context(
                "tls",
                r.tlsTermination() == null
                    ? "none (plain HTTP)"
                    : r.tlsTermination()
                        + (r.insecurePolicy() == null ? "" : ", insecure " + r.insecurePolicy()))
            .context(
                "routers",
                r.ingresses().stream()
                    .map(
                        i ->
                            i.routerName()
                                + ": "
                                + (Boolean.TRUE.equals(i.admitted())
                                    ? "admitted"
                                    : "not admitted"
                                        + (i.reason() == null ? "" : " (" + i.reason() + ")")))
                    .collect(Collectors.joining(", ")))
            .context(
                "wildcardDomain",
                wildcard.map(w -> w.domain() + " (from " + w.source() + ")").orElse(null));
    if (r.ingresses().isEmpty()) {
      v.fail(
          "route-not-admitted",
          "no router has admitted route " + r.name() + " (" + host + "): it has no status.ingress",
          Verdict.evidence(),
          how);
    }
    for (RouteIngress i : r.ingresses()) {
      if (!Boolean.TRUE.equals(i.admitted())) {
        v.fail(
            "route-not-admitted",
            "router "
                + i.routerName()
                + " did not admit route "
                + r.name()
                + " ("
                + host
                + ")"
                + (i.reason() == null ? "" : ": " + i.reason())
                + (i.message() == null ? "" : " - " + i.message()),
            Verdict.evidence(
                "router", i.routerName(), "reason", i.reason(), "message", i.message()),
            how);
      }
    }
    if (r.serviceName() != null
        && inst.service(r.serviceName()).isEmpty()
        && !inst.hidden("services")) {
      v.fail(
          "route-service-missing",
          "route "
              + r.name()
              + " sends traffic to service "
              + r.serviceName()
              + ", which does not exist",
          Verdict.evidence(),
          "oc get svc -n " + inst.namespace());
    }
    if (isGatewayRoute(r)) {
      String firstLabel = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
      if (!firstLabel.isEmpty() && Character.isDigit(firstLabel.charAt(0))) {
        v.fail(
            "public-base-url-digit-subdomain",
            "public base URL "
                + host
                + " begins with a digit, which wildcard routing does not serve",
            Verdict.evidence("firstLabel", firstLabel),
            how);
      }
      if (wildcard.isPresent() && !host.endsWith("." + wildcard.get().domain())) {
        v.fail(
            "public-base-url-outside-wildcard-domain",
            "public base URL "
                + host
                + " is not under the wildcard domain "
                + wildcard.get().domain()
                + ": the cluster's wildcard DNS does not send it to the router",
            Verdict.evidence("expectedSuffix", "." + wildcard.get().domain()),
            "dig +short " + host);
      }
    }
    if (r.tlsTermination() == null) {
      v.warn(
          "route-without-tls",
          "route "
              + r.name()
              + " ("
              + host
              + ") serves plain HTTP: credentials and tokens travel unencrypted",
          Verdict.evidence(),
          how);
    }
    return v.result(
        "route " + r.name() + " admitted: " + r.url() + " -> service " + r.serviceName(),
        "curl -sv " + r.url() + "/");
  }
}
