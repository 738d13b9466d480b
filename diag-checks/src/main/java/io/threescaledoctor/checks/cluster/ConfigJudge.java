package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.checks.cluster.Installation.ContainerSpec;
import io.threescaledoctor.checks.cluster.Installation.EnvVar;
import io.threescaledoctor.checks.cluster.Installation.Workload;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.check.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A component's configuration from its environment. For APIcast (guide 1.2, 1.4.2): {@code
 * THREESCALE_PORTAL_ENDPOINT} set, its secret and key present, its host reachable (inside the
 * cluster: its service has ready endpoints; outside: a TCP connect from here), its access token
 * only ever shown masked; {@code APICAST_CONFIGURATION_LOADER} and {@code
 * APICAST_CONFIGURATION_CACHE}, which decide when a promoted configuration reaches the gateway;
 * {@code APICAST_LOG_LEVEL}. For APIcast, the backend listener and system: the worker processes
 * ({@code APICAST_WORKERS}, {@code PUMA_WORKERS}, {@code UNICORN_WORKERS}) against the CPU limit,
 * 1-2 per core.
 */
final class ConfigJudge {
  private final Installation inst;
  private final Reachability reach;

  ConfigJudge(Installation inst, Reachability reach) {
    this.inst = inst;
    this.reach = reach;
  }

  /** The variable that sets the worker processes of a component, if it has one. */
  static Optional<String> workersVariable(String workload) {
    if (workload.startsWith("apicast")) {
      return Optional.of("APICAST_WORKERS");
    }
    return switch (workload) {
      case "backend-listener" -> Optional.of("PUMA_WORKERS");
      case "system-app" -> Optional.of("UNICORN_WORKERS");
      default -> Optional.empty();
    };
  }

  static ContainerSpec mainContainer(Workload w) {
    return w.containers().stream()
        .filter(c -> c.name().equals(w.name()))
        .findFirst()
        .orElse(
            w.containers().isEmpty()
                ? new ContainerSpec(w.name(), null, java.util.List.of(), null, null)
                : w.containers().get(0));
  }

  CheckResult judge(Workload w, Duration connectTimeout) {
    ContainerSpec c = mainContainer(w);
    Verdict v = new Verdict().context("container", c.name());
    String how =
        "oc set env "
            + w.kind().toLowerCase(Locale.ROOT)
            + "/"
            + w.name()
            + " --list -n "
            + inst.namespace();
    boolean apicast = w.name().startsWith("apicast");
    boolean production = w.name().equals("apicast-production");
    if (apicast) {
      portalEndpoint(c, v, connectTimeout);
      loader(c, v, production);
      c.env("APICAST_LOG_LEVEL")
          .ifPresent(
              level -> {
                v.context("APICAST_LOG_LEVEL", level.describe());
                if (production && "debug".equalsIgnoreCase(level.value())) {
                  v.warn(
                      "apicast-log-level-debug",
                      "apicast-production logs at debug level: every request writes many lines,"
                          + " which slows the gateway and fills the logs",
                      Verdict.evidence(),
                      how);
                }
              });
    }
    workersVariable(w.name()).ifPresent(var -> workers(c, var, v, how));
    return v.result(summary(w, c, apicast), how);
  }

  private String summary(Workload w, ContainerSpec c, boolean apicast) {
    if (!apicast) {
      return w.name() + "'s worker processes fit its CPU limit";
    }
    String cache = c.env("APICAST_CONFIGURATION_CACHE").map(EnvVar::value).orElse("0");
    String loader = c.env("APICAST_CONFIGURATION_LOADER").map(EnvVar::value).orElse("lazy");
    return w.name()
        + " loads its configuration "
        + ("boot".equals(loader) ? "at start" : "when a request needs it")
        + (positive(cache)
            ? " and refreshes it every "
                + cache
                + " s: a promoted change reaches it within that time (guide 1.2)"
            : "");
  }

  private void portalEndpoint(ContainerSpec c, Verdict v, Duration connectTimeout) {
    Optional<EnvVar> endpoint = c.env("THREESCALE_PORTAL_ENDPOINT");
    if (endpoint.isEmpty()) {
      if (c.env("THREESCALE_CONFIG_FILE").isPresent()) {
        v.context("configuration", "file " + c.env("THREESCALE_CONFIG_FILE").get().describe());
        return;
      }
      v.fail(
          "apicast-portal-endpoint-missing",
          "THREESCALE_PORTAL_ENDPOINT is not set (nor THREESCALE_CONFIG_FILE): APIcast has nowhere"
              + " to load its configuration from",
          Verdict.evidence(),
          null);
      return;
    }
    EnvVar e = endpoint.get();
    v.context("THREESCALE_PORTAL_ENDPOINT", e.describe());
    String url = e.value();
    if (e.fromSecret()) {
      var secret = inst.secret(e.secretName());
      if (secret.isEmpty() && !inst.hidden("secrets")) {
        v.fail(
            "apicast-portal-endpoint-missing",
            "THREESCALE_PORTAL_ENDPOINT comes from secret "
                + e.secretName()
                + ", which does not exist: APIcast pods cannot start",
            Verdict.evidence("secret", e.secretName(), "key", e.key()),
            "oc get secret " + e.secretName() + " -n " + inst.namespace());
        return;
      }
      if (secret.isPresent() && !secret.get().keys().contains(e.key())) {
        v.fail(
            "apicast-portal-endpoint-missing",
            "secret "
                + e.secretName()
                + " has no key "
                + e.key()
                + " for THREESCALE_PORTAL_ENDPOINT",
            Verdict.evidence(
                "secret", e.secretName(), "keys", String.join(", ", secret.get().keys())),
            "oc get secret "
                + e.secretName()
                + " -n "
                + inst.namespace()
                + " -o jsonpath='{.data}'");
        return;
      }
      Secret value =
          "system-master-apicast".equals(e.secretName()) && "PROXY_CONFIGS_ENDPOINT".equals(e.key())
              ? inst.credentials().get(Installation.PROXY_CONFIGS_ENDPOINT)
              : null;
      url = value == null ? null : value.reveal();
    }
    if (url == null || url.isBlank()) {
      return;
    }
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException ex) {
      v.fail(
          "apicast-portal-endpoint-missing",
          "THREESCALE_PORTAL_ENDPOINT is not a URL",
          Verdict.evidence("value", Redactor.patternsOnly().mask(url)),
          null);
      return;
    }
    v.context("portalEndpoint", Redactor.patternsOnly().mask(url));
    v.context("accessToken", uri.getRawUserInfo() == null ? "none in the URL" : "present (masked)");
    String host = uri.getHost();
    if (host == null) {
      return;
    }
    int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    Optional<Installation.ServiceView> service = inClusterService(host);
    if (service.isPresent()) {
      var ep = inst.endpointsOf(service.get().name());
      boolean ready = ep.map(x -> !x.readyPods().isEmpty()).orElse(false);
      v.context("portalReach", "service " + service.get().name() + " inside the cluster");
      if (!ready && ep.isPresent()) {
        v.fail(
            "portal-unreachable",
            "APIcast's portal endpoint is service "
                + service.get().name()
                + ", which has no ready endpoints: APIcast cannot load its configuration",
            Verdict.evidence("service", service.get().name()),
            "oc get endpoints " + service.get().name() + " -n " + inst.namespace());
      }
    } else if (reach.probes()) {
      Optional<String> problem = reach.problem(host, port, connectTimeout);
      v.context(
          "portalReach", problem.isEmpty() ? host + ":" + port + " reachable from here" : null);
      problem.ifPresent(
          p ->
              v.warn(
                  "portal-unreachable",
                  "APIcast's portal endpoint "
                      + host
                      + ":"
                      + port
                      + " is not reachable from where the doctor runs ("
                      + p
                      + "); APIcast may still reach it from inside the cluster",
                  Verdict.evidence("address", host + ":" + port),
                  "nc -vz -w 3 " + host + " " + port));
    }
  }

  private Optional<Installation.ServiceView> inClusterService(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    for (Installation.ServiceView s : inst.services()) {
      String n = s.name();
      String ns = inst.namespace();
      if (h.equals(n)
          || h.equals(n + "." + ns)
          || h.equals(n + "." + ns + ".svc")
          || h.equals(n + "." + ns + ".svc.cluster.local")) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static void loader(ContainerSpec c, Verdict v, boolean production) {
    String loader = c.env("APICAST_CONFIGURATION_LOADER").map(EnvVar::value).orElse(null);
    String cache = c.env("APICAST_CONFIGURATION_CACHE").map(EnvVar::value).orElse(null);
    v.context("APICAST_CONFIGURATION_LOADER", loader == null ? "unset (lazy)" : loader);
    v.context("APICAST_CONFIGURATION_CACHE", cache == null ? "unset (0)" : cache);
    if (!production) {
      return;
    }
    if ("boot".equals(loader) && !positive(cache)) {
      v.warn(
          "apicast-configuration-never-refreshed",
          "apicast-production loads its configuration at start and never refreshes it"
              + " (APICAST_CONFIGURATION_CACHE "
              + (cache == null ? "unset" : cache)
              + "): a promoted change reaches it only after a redeploy",
          Verdict.evidence(),
          null);
    } else if (!"boot".equals(loader) && !positive(cache)) {
      v.warn(
          "apicast-configuration-per-request",
          "apicast-production loads its configuration from the portal on every request"
              + " (lazy loader, no cache): slow, and the portal carries the gateway's load",
          Verdict.evidence(),
          null);
    }
  }

  private static boolean positive(String n) {
    try {
      return n != null && Integer.parseInt(n.trim()) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void workers(ContainerSpec c, String variable, Verdict v, String how) {
    Long cpu = c.cpuLimitMillis();
    v.context("cpuLimit", cpu == null ? "none" : cpu + "m");
    Optional<EnvVar> set = c.env(variable);
    if (set.isEmpty() || set.get().value() == null) {
      v.context(variable, set.map(EnvVar::describe).orElse("unset"));
      return;
    }
    int workers;
    try {
      workers = Integer.parseInt(set.get().value().trim());
    } catch (NumberFormatException e) {
      v.context(variable, set.get().value() + " (not a number)");
      return;
    }
    v.context(variable, workers);
    if (cpu == null) {
      return;
    }
    long allowed = Math.max(1, (2 * cpu) / 1000);
    v.context("maxWorkersForLimit", allowed);
    if (workers > allowed) {
      v.warn(
          "workers-exceed-cpu",
          variable
              + "="
              + workers
              + " with a CPU limit of "
              + cpu
              + "m: more than 1-2 processes per core, so they compete for CPU and answer slower"
              + " (at most "
              + allowed
              + ", guide 1.4.2)",
          Verdict.evidence(),
          how);
    }
  }
}
