package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.core.check.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One 3scale installation as the doctor saw it in one namespace: the objects that decide whether it
 * works, reduced to what the judgements read. The live reader ({@link LiveReader}) and the bundle
 * reader ({@link BundleReader}) both produce it through {@link ModelMapper}; every judgement is
 * written once against it.
 *
 * <p>Secrets are kept by name and key names only. The one exception is {@link #credentials()}: the
 * few values the doctor needs to probe the installation (the admin portal's access token), read
 * only by the live reader and held as {@link Secret} so that nothing prints them.
 *
 * @param source where it was read: {@code context NAME} or a bundle's path
 * @param namespace the namespace examined
 * @param observedAt when it was read (a bundle's gather time), the "now" of every judgement
 * @param notes what could not be read, in words
 */
public record Installation(
    String source,
    String namespace,
    Instant observedAt,
    List<Workload> workloads,
    List<PodView> pods,
    List<ServiceView> services,
    List<EndpointsView> endpoints,
    List<RouteView> routes,
    List<ClaimView> claims,
    List<SecretView> secrets,
    List<EventView> events,
    List<ApiManagerView> apiManagers,
    List<TenantView> tenants,
    List<JobView> jobs,
    List<ContainerLog> logs,
    List<Denied> denied,
    Map<String, Secret> credentials,
    List<String> notes) {

  public Installation {
    workloads = List.copyOf(workloads);
    pods = List.copyOf(pods);
    services = List.copyOf(services);
    endpoints = List.copyOf(endpoints);
    routes = List.copyOf(routes);
    claims = List.copyOf(claims);
    secrets = List.copyOf(secrets);
    events = List.copyOf(events);
    apiManagers = List.copyOf(apiManagers);
    tenants = List.copyOf(tenants);
    jobs = List.copyOf(jobs);
    logs = List.copyOf(logs);
    denied = List.copyOf(denied);
    credentials = Map.copyOf(credentials);
    notes = List.copyOf(notes);
  }

  /** The credential key for the admin portal's access token ({@code system-seed}). */
  public static final String ADMIN_ACCESS_TOKEN = "system-seed/ADMIN_ACCESS_TOKEN";

  /** The credential key for APIcast's portal endpoint ({@code system-master-apicast}). */
  public static final String PROXY_CONFIGS_ENDPOINT =
      "system-master-apicast/PROXY_CONFIGS_ENDPOINT";

  public Optional<Workload> workload(String name) {
    return workloads.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  public Optional<ServiceView> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public Optional<EndpointsView> endpointsOf(String service) {
    return endpoints.stream().filter(e -> e.name().equals(service)).findFirst();
  }

  public Optional<SecretView> secret(String name) {
    return secrets.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public Optional<ClaimView> claim(String name) {
    return claims.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Whether the reader was refused {@code resource}, so its absence proves nothing. */
  public boolean hidden(String resource) {
    return denied.stream().anyMatch(d -> d.resource().equals(resource));
  }

  /** The pods a selector matches. */
  public List<PodView> podsMatching(Map<String, String> selector) {
    if (selector == null || selector.isEmpty()) {
      return List.of();
    }
    return pods.stream()
        .filter(p -> p.labels().entrySet().containsAll(selector.entrySet()))
        .toList();
  }

  /** Warning events about one object, newest first. */
  public List<EventView> warningsAbout(String kind, String name) {
    return events.stream()
        .filter(e -> "Warning".equals(e.type()))
        .filter(e -> e.objectKind().equals(kind) && e.objectName().equals(name))
        .sorted((a, b) -> b.lastSeen().compareTo(a.lastSeen()))
        .toList();
  }

  /** A Deployment or DeploymentConfig, with the pod template it stamps out. */
  public record Workload(
      String kind,
      String name,
      Map<String, String> labels,
      int desiredReplicas,
      int readyReplicas,
      Map<String, String> selector,
      List<ContainerSpec> containers,
      List<String> claimNames,
      List<Condition> conditions) {}

  /** A container of a pod template: its image, environment and limits. */
  public record ContainerSpec(
      String name, String image, List<EnvVar> env, Long cpuLimitMillis, String memoryLimit) {

    public Optional<EnvVar> env(String variable) {
      return env.stream().filter(e -> e.name().equals(variable)).findFirst();
    }
  }

  /**
   * One environment variable: a literal value (secret-looking values arrive masked), or a reference
   * to a secret's or a config map's key.
   */
  public record EnvVar(
      String name, String value, String secretName, String configMapName, String key) {

    public boolean fromSecret() {
      return secretName != null;
    }

    /** How a person reads where the value comes from. */
    public String describe() {
      if (secretName != null) {
        return "from secret " + secretName + " key " + key;
      }
      if (configMapName != null) {
        return "from config map " + configMapName + " key " + key;
      }
      return value == null ? "(empty)" : value;
    }
  }

  public record PodView(
      String name,
      Map<String, String> labels,
      String phase,
      boolean ready,
      String nodeName,
      Instant startedAt,
      String unschedulableReason,
      String unschedulableMessage,
      List<ContainerStateView> containers) {}

  /**
   * A container's status.
   *
   * @param waitingReason e.g. {@code CrashLoopBackOff}, {@code ImagePullBackOff}, {@code
   *     CreateContainerConfigError}
   * @param lastTerminationReason why the previous run ended, e.g. {@code OOMKilled}, {@code Error}
   */
  public record ContainerStateView(
      String name,
      String image,
      boolean ready,
      int restarts,
      String waitingReason,
      String waitingMessage,
      String terminatedReason,
      String lastTerminationReason,
      Integer lastExitCode,
      Instant lastFinishedAt) {}

  public record ServiceView(
      String name, Map<String, String> labels, Map<String, String> selector, String clusterIp) {}

  /** The addresses behind a service: pods ready to serve and pods not ready. */
  public record EndpointsView(String name, List<String> readyPods, List<String> notReadyPods) {}

  /**
   * An OpenShift route and what the routers said of it.
   *
   * @param tlsTermination {@code edge}, {@code passthrough}, {@code reencrypt}, or null (plain)
   */
  public record RouteView(
      String name,
      String host,
      String path,
      String serviceName,
      String tlsTermination,
      String insecurePolicy,
      String wildcardPolicy,
      List<RouteIngress> ingresses) {

    public String url() {
      return (tlsTermination == null ? "http://" : "https://") + host;
    }
  }

  /** One router's verdict on a route: admitted or not, and why. */
  public record RouteIngress(
      String routerName, Boolean admitted, String reason, String message, String canonicalHost) {}

  public record ClaimView(String name, String phase, String storageClass, String requested) {}

  /** A secret: its name and the names of its keys, never its values. */
  public record SecretView(String name, String type, Set<String> keys) {}

  public record EventView(
      String type,
      String reason,
      String message,
      String objectKind,
      String objectName,
      int count,
      Instant lastSeen) {}

  public record Condition(String type, String status, String reason, String message) {}

  /** The 3scale operator's {@code APIManager} (apps.3scale.net). */
  public record ApiManagerView(
      String name,
      String wildcardDomain,
      String tenantName,
      List<Condition> conditions,
      List<String> deploymentsReady,
      List<String> deploymentsStarting,
      List<String> deploymentsStopped) {}

  /** The 3scale operator's {@code Tenant} (capabilities.3scale.net). */
  public record TenantView(
      String name,
      String namespace,
      String username,
      String email,
      String organizationName,
      String systemMasterUrl,
      SecretRef tenantSecretRef,
      SecretRef passwordCredentialsRef,
      SecretRef masterCredentialsRef,
      Long tenantId) {}

  public record SecretRef(String name, String namespace) {}

  public record JobView(
      String name, int active, int succeeded, int failed, String failureReason, String message) {}

  /**
   * Recent log lines of one container.
   *
   * @param previous whether these are the previous (crashed) run's lines
   * @param text the lines, without timestamps the reader added
   */
  public record ContainerLog(String pod, String container, boolean previous, byte[] text) {

    /** The last non-empty line, for evidence. */
    public String lastLine() {
      String s = new String(text, java.nio.charset.StandardCharsets.UTF_8).stripTrailing();
      int nl = s.lastIndexOf('\n');
      return nl < 0 ? s : s.substring(nl + 1);
    }
  }

  /**
   * A read the API server refused.
   *
   * @param verb {@code list} or {@code get}
   * @param resource e.g. {@code pods}, {@code pods/log}, {@code
   *     deploymentconfigs.apps.openshift.io}
   */
  public record Denied(String verb, String resource, String namespace, String message) {

    /** What the engineer needs to be granted, in words and as {@code kubectl auth can-i}. */
    public String need() {
      return "needs permission to " + verb + " " + resource + " in namespace " + namespace;
    }

    public String canI() {
      return "kubectl auth can-i " + verb + " " + resource + " -n " + namespace;
    }
  }
}
