package io.threescaledoctor.checks.cluster;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentConfigBuilder;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.RouteBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A 3scale installation as the 3scale operator lays it out in namespace {@code 3scale} with
 * wildcard domain {@code apps.example.com}: the APIManager, one deployment config per component
 * (selector {@code deploymentConfig: NAME}, the app and component labels, the templates'
 * environment and limits), one running pod each, the services and their endpoints, zync's routes
 * (edge TLS, admitted by the default router), the claims, the secrets (with sentinel values that no
 * output may show) and the APIcast and backend pods' logs. Faults are applied one at a time by
 * editing these objects, exactly as a broken cluster would show them.
 */
public final class FakeInstallation {
  public static final String NAMESPACE = "3scale";
  public static final String WILDCARD = "apps.example.com";
  public static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  /** Secret values no output may contain. */
  public static final String ADMIN_TOKEN = "sentinel-admin-token-5f0e9a7c1b2d";

  public static final String MASTER_TOKEN = "sentinel-master-token-8c3b1d6e2f4a";
  public static final String ADMIN_PASSWORD = "sentinel-admin-password-1a2b3c";

  /** name, component, element, container CPU limit (millicores), claim or null. */
  private static final String[][] COMPONENTS = {
    {"apicast-production", "apicast", "production", "1000", null},
    {"apicast-staging", "apicast", "staging", "100", null},
    {"backend-listener", "backend", "listener", "1000", null},
    {"backend-worker", "backend", "worker", "1000", null},
    {"backend-cron", "backend", "cron", "150", null},
    {"backend-redis", "backend", "redis", "2000", "backend-redis-storage"},
    {"system-app", "system", "app", "1000", "system-storage"},
    {"system-sidekiq", "system", "sidekiq", "1000", "system-storage"},
    {"system-mysql", "system", "mysql", "2000", "mysql-storage"},
    {"system-redis", "system", "redis", "500", "system-redis-storage"},
    {"system-memcache", "system", "memcache", "250", null},
    {"zync", "zync", "zync", "1000", null},
    {"zync-que", "zync", "zync-que", "250", null},
    {"zync-database", "zync", "database", "250", "postgresql-data"},
  };

  private final List<DeploymentConfig> dcs = new ArrayList<>();
  private final List<Pod> pods = new ArrayList<>();
  private final List<Service> services = new ArrayList<>();
  private final List<io.fabric8.kubernetes.api.model.Endpoints> endpoints = new ArrayList<>();
  private final List<Route> routes = new ArrayList<>();
  private final List<io.fabric8.kubernetes.api.model.PersistentVolumeClaim> claims =
      new ArrayList<>();
  private final List<Secret> secrets = new ArrayList<>();
  private final List<io.fabric8.kubernetes.api.model.Event> events = new ArrayList<>();
  private final List<GenericKubernetesResource> custom = new ArrayList<>();
  private final List<io.fabric8.kubernetes.api.model.batch.v1.Job> jobs = new ArrayList<>();

  /** Logs per pod and container: current and previous. */
  private final Map<String, String> logs = new LinkedHashMap<>();

  private final Map<String, String> previousLogs = new LinkedHashMap<>();

  private FakeInstallation() {}

  /** The healthy installation. */
  public static FakeInstallation healthy() {
    FakeInstallation f = new FakeInstallation();
    f.custom.add(apiManager());
    for (String[] c : COMPONENTS) {
      f.dcs.add(dc(c[0], c[1], c[2], Long.parseLong(c[3]), c[4]));
      f.pods.add(pod(c[0], c[1], c[2]));
      if (c[4] != null
          && f.claims.stream().noneMatch(x -> x.getMetadata().getName().equals(c[4]))) {
        f.claims.add(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(c[4])
                .withNamespace(NAMESPACE)
                .withLabels(labels(c[1], c[2]))
                .endMetadata()
                .withNewSpec()
                .withAccessModes(c[4].equals("system-storage") ? "ReadWriteMany" : "ReadWriteOnce")
                .withStorageClassName("gp3-csi")
                .withNewResources()
                .addToRequests(
                    "storage", new Quantity(c[4].equals("system-storage") ? "100Mi" : "1Gi"))
                .endResources()
                .endSpec()
                .withNewStatus()
                .withPhase("Bound")
                .endStatus()
                .build());
      }
    }
    String[][] services = {
      {"apicast-production", "apicast-production"},
      {"apicast-staging", "apicast-staging"},
      {"backend-listener", "backend-listener"},
      {"backend-redis", "backend-redis"},
      {"system-master", "system-app"},
      {"system-provider", "system-app"},
      {"system-developer", "system-app"},
      {"system-mysql", "system-mysql"},
      {"system-redis", "system-redis"},
      {"system-memcache", "system-memcache"},
      {"zync", "zync"},
      {"zync-database", "zync-database"},
    };
    int ip = 10;
    for (String[] s : services) {
      f.services.add(
          new ServiceBuilder()
              .withNewMetadata()
              .withName(s[0])
              .withNamespace(NAMESPACE)
              .withLabels(Map.of("app", "3scale-api-management"))
              .endMetadata()
              .withNewSpec()
              .withSelector(Map.of("deploymentConfig", s[1]))
              .withClusterIP("172.30.0." + ip++)
              .addNewPort()
              .withName("http")
              .withPort(s[0].startsWith("apicast") ? 8080 : 3000)
              .endPort()
              .endSpec()
              .build());
      f.endpoints.add(readyEndpoints(s[0], f.podOf(s[1]).getMetadata().getName()));
    }
    f.route(
        "zync-3scale-api-production",
        "api-3scale-apicast-production." + WILDCARD,
        "apicast-production");
    f.route("zync-3scale-api-staging", "api-3scale-apicast-staging." + WILDCARD, "apicast-staging");
    f.route("backend", "backend-3scale." + WILDCARD, "backend-listener");
    f.route("zync-3scale-master", "master." + WILDCARD, "system-master");
    f.route("zync-3scale-provider", "3scale-admin." + WILDCARD, "system-provider");
    f.route("zync-3scale-developer", "3scale." + WILDCARD, "system-developer");
    f.secret(
        "system-seed",
        Map.of(
            "ADMIN_ACCESS_TOKEN", ADMIN_TOKEN,
            "ADMIN_PASSWORD", ADMIN_PASSWORD,
            "ADMIN_USER", "admin",
            "MASTER_ACCESS_TOKEN", MASTER_TOKEN,
            "MASTER_DOMAIN", "master",
            "MASTER_PASSWORD", "sentinel-master-password-9d8e7f",
            "MASTER_USER", "master",
            "TENANT_NAME", "3scale"));
    f.secret(
        "system-master-apicast",
        Map.of(
            "ACCESS_TOKEN",
            "sentinel-apicast-token-2b4d6f8a0c1e",
            "BASE_URL",
            "http://" + MASTER_TOKEN + "@system-master:3000",
            "MASTER_ACCESS_TOKEN",
            MASTER_TOKEN,
            "PROXY_CONFIGS_ENDPOINT",
            "http://" + MASTER_TOKEN + "@system-master:3000/master/api/proxy/configs"));
    f.secret(
        "backend-listener",
        Map.of(
            "route_endpoint",
            "https://backend-3scale." + WILDCARD,
            "service_endpoint",
            "http://backend-listener:3000"));
    f.secret(
        "backend-internal-api",
        Map.of("username", "3scale_api_user", "password", "sentinel-internal-api-7e6d"));
    f.secret(
        "backend-redis",
        Map.of(
            "REDIS_STORAGE_URL",
            "redis://backend-redis:6379/0",
            "REDIS_QUEUES_URL",
            "redis://backend-redis:6379/1"));
    f.secret(
        "system-database",
        Map.of(
            "URL",
            "mysql2://root:sentinel-db-password-3c4d@system-mysql/system",
            "DB_USER",
            "mysql",
            "DB_PASSWORD",
            "sentinel-db-password-3c4d"));
    f.secret("system-redis", Map.of("URL", "redis://system-redis:6379/1"));
    f.secret("system-app", Map.of("SECRET_KEY_BASE", "sentinel-secret-key-base-4e5f"));
    f.secret(
        "zync",
        Map.of(
            "ZYNC_AUTHENTICATION_TOKEN",
            "sentinel-zync-token-6a7b",
            "SECRET_KEY_BASE",
            "sentinel-zync-key-8c9d"));
    f.event(
        "Normal",
        "Pod",
        f.podOf("apicast-production").getMetadata().getName(),
        "Started",
        "Started container apicast-production",
        1);
    f.logs.put(
        key(f.podOf("apicast-production").getMetadata().getName(), "apicast-production"),
        "2026/11/27 11:40:02 [notice] 1#1: using the \"epoll\" event method\n"
            + "2026/11/27 11:40:02 [notice] 1#1: start worker processes\n"
            + "2026/11/27 11:45:10 [info] 20#20: *1 [lua] configuration_loader.lua:160: updated configuration, client: 10.128.2.5\n");
    f.logs.put(
        key(f.podOf("apicast-staging").getMetadata().getName(), "apicast-staging"),
        "2026/11/27 11:40:03 [notice] 1#1: start worker processes\n");
    f.logs.put(
        key(f.podOf("backend-listener").getMetadata().getName(), "backend-listener"),
        "10.128.2.9 - - [27/Nov/2026 11:50:00 UTC] \"GET /transactions/authorize.xml?service_token=sentinel-service-token-0f1e&service_id=2555417777777&user_key=sentinel-user-key-9a8b HTTP/1.1\" 200 - 0.0041 0 0 0 1 0 0 0\n");
    f.logs.put(
        key(f.podOf("system-sidekiq").getMetadata().getName(), "system-sidekiq"),
        "2026-11-27T11:50:00.123Z 1 TID-ovdl2ty5s INFO: Booting Sidekiq 5.2.9 with redis options {:url=>\"redis://system-redis:6379/1\"}\n");
    return f;
  }

  // ---- Faults, one at a time, as the cluster would show them ----

  /**
   * backend-listener exits at start: CrashLoopBackOff, Error exit 1, its last words in --previous.
   */
  public FakeInstallation backendListenerCrashLooping() {
    Pod p = podOf("backend-listener");
    String name = p.getMetadata().getName();
    p.getStatus()
        .getConditions()
        .forEach(c -> c.setStatus(c.getType().equals("PodScheduled") ? "True" : "False"));
    p.getStatus()
        .setContainerStatuses(
            List.of(
                new ContainerStatusBuilder()
                    .withName("backend-listener")
                    .withImage(image("backend"))
                    .withReady(false)
                    .withRestartCount(17)
                    .withNewState()
                    .withNewWaiting()
                    .withReason("CrashLoopBackOff")
                    .withMessage(
                        "back-off 5m0s restarting failed container=backend-listener pod=" + name)
                    .endWaiting()
                    .endState()
                    .withNewLastState()
                    .withNewTerminated()
                    .withReason("Error")
                    .withExitCode(1)
                    .withFinishedAt("2026-11-27T11:58:30Z")
                    .endTerminated()
                    .endLastState()
                    .build()));
    dcOf("backend-listener").getStatus().setReadyReplicas(0);
    dcOf("backend-listener").getStatus().setAvailableReplicas(0);
    endpoints.replaceAll(
        e ->
            e.getMetadata().getName().equals("backend-listener")
                ? notReadyEndpoints("backend-listener", name)
                : e);
    event(
        "Warning",
        "Pod",
        name,
        "BackOff",
        "Back-off restarting failed container backend-listener in pod " + name,
        42);
    previousLogs.put(
        key(name, "backend-listener"),
        "[2026-11-27 11:58:29] Starting backend listener\n"
            + "Redis::CannotConnectError: Error connecting to Redis on backend-redis:6379 (Errno::ECONNREFUSED)\n");
    return this;
  }

  /** apicast-production runs but its readiness probe fails: the service has no ready endpoint. */
  public FakeInstallation apicastNotReady() {
    Pod p = podOf("apicast-production");
    String name = p.getMetadata().getName();
    p.getStatus()
        .getConditions()
        .forEach(
            c ->
                c.setStatus(
                    c.getType().equals("Ready") || c.getType().equals("ContainersReady")
                        ? "False"
                        : "True"));
    p.getStatus().getContainerStatuses().get(0).setReady(false);
    dcOf("apicast-production").getStatus().setReadyReplicas(0);
    endpoints.replaceAll(
        e ->
            e.getMetadata().getName().equals("apicast-production")
                ? notReadyEndpoints("apicast-production", name)
                : e);
    event(
        "Warning",
        "Pod",
        name,
        "Unhealthy",
        "Readiness probe failed: HTTP probe failed with statuscode: 503",
        120);
    return this;
  }

  /** The apicast-production service's selector no longer matches its pods' labels. */
  public FakeInstallation apicastServiceSelectsNothing() {
    serviceOf("apicast-production")
        .getSpec()
        .setSelector(Map.of("deploymentConfig", "apicast-prod"));
    endpoints.replaceAll(
        e ->
            e.getMetadata().getName().equals("apicast-production")
                ? new EndpointsBuilder()
                    .withNewMetadata()
                    .withName("apicast-production")
                    .withNamespace(NAMESPACE)
                    .endMetadata()
                    .build()
                : e);
    return this;
  }

  /** Another route claims the production gateway's host: the router refuses this one. */
  public FakeInstallation productionRouteNotAdmitted() {
    Route r = routeOf("zync-3scale-api-production");
    var cond = r.getStatus().getIngress().get(0).getConditions().get(0);
    cond.setStatus("False");
    cond.setReason("HostAlreadyClaimed");
    cond.setMessage(
        "route api-old already exposes api-3scale-apicast-production."
            + WILDCARD
            + " and is older");
    return this;
  }

  /** The production public base URL was set to a host outside the wildcard domain. */
  public FakeInstallation publicBaseUrlOutsideWildcard() {
    Route r = routeOf("zync-3scale-api-production");
    r.getSpec().setHost("api.customer-domain.com");
    r.getStatus().getIngress().get(0).setHost("api.customer-domain.com");
    return this;
  }

  /** APICAST_WORKERS=8 on a container limited to one CPU. */
  public FakeInstallation apicastWorkersAboveCpu() {
    dcOf("apicast-production")
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .add(new EnvVarBuilder().withName("APICAST_WORKERS").withValue("8").build());
    return this;
  }

  /** The system-master-apicast secret is gone: APIcast cannot read its portal endpoint. */
  public FakeInstallation portalEndpointSecretMissing() {
    secrets.removeIf(s -> s.getMetadata().getName().equals("system-master-apicast"));
    for (String dc : List.of("apicast-production", "apicast-staging")) {
      Pod p = podOf(dc);
      p.getStatus()
          .getConditions()
          .forEach(c -> c.setStatus(c.getType().equals("PodScheduled") ? "True" : "False"));
      var cs = p.getStatus().getContainerStatuses().get(0);
      cs.setReady(false);
      cs.setState(
          new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
              .withNewWaiting()
              .withReason("CreateContainerConfigError")
              .withMessage("secret \"system-master-apicast\" not found")
              .endWaiting()
              .build());
      dcOf(dc).getStatus().setReadyReplicas(0);
      endpoints.replaceAll(
          e ->
              e.getMetadata().getName().equals(dc)
                  ? notReadyEndpoints(dc, p.getMetadata().getName())
                  : e);
      event(
          "Warning",
          "Pod",
          p.getMetadata().getName(),
          "Failed",
          "Error: secret \"system-master-apicast\" not found",
          9);
      logs.remove(key(p.getMetadata().getName(), dc));
    }
    return this;
  }

  /** A container's previous run was killed for memory; it runs again now. */
  public FakeInstallation oomKilled(String dc) {
    var cs = podOf(dc).getStatus().getContainerStatuses().get(0);
    cs.setRestartCount(6);
    cs.setLastState(
        new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
            .withNewTerminated()
            .withReason("OOMKilled")
            .withExitCode(137)
            .withFinishedAt("2026-11-27T11:55:00Z")
            .endTerminated()
            .build());
    return this;
  }

  /** The pod waits for an image it cannot pull. */
  public FakeInstallation imagePullFailing(String dc) {
    Pod p = podOf(dc);
    p.getStatus().setPhase("Pending");
    var cs = p.getStatus().getContainerStatuses().get(0);
    cs.setReady(false);
    cs.setState(
        new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
            .withNewWaiting()
            .withReason("ImagePullBackOff")
            .withMessage("Back-off pulling image")
            .endWaiting()
            .build());
    dcOf(dc).getStatus().setReadyReplicas(0);
    return this;
  }

  /** The pod finds no node: {@code message} is the scheduler's. */
  public FakeInstallation unschedulable(String dc, String message) {
    Pod p = podOf(dc);
    p.getStatus().setPhase("Pending");
    p.getStatus().setContainerStatuses(List.of());
    p.getStatus()
        .getConditions()
        .forEach(
            c -> {
              c.setStatus("False");
              if (c.getType().equals("PodScheduled")) {
                c.setReason("Unschedulable");
                c.setMessage(message);
              }
            });
    dcOf(dc).getStatus().setReadyReplicas(0);
    return this;
  }

  /** A claim no volume was provided for. */
  public FakeInstallation claimPending(String claim) {
    claims.stream()
        .filter(c -> c.getMetadata().getName().equals(claim))
        .findFirst()
        .orElseThrow()
        .getStatus()
        .setPhase("Pending");
    event(
        "Warning",
        "PersistentVolumeClaim",
        claim,
        "ProvisioningFailed",
        "failed to provision volume with StorageClass \"gp3-csi\": ReadWriteMany is not supported",
        80);
    return this;
  }

  public FakeInstallation scaledToZero(String dc) {
    dcOf(dc).getSpec().setReplicas(0);
    dcOf(dc).getStatus().setReadyReplicas(0);
    pods.remove(podOf(dc));
    return this;
  }

  /** The container restarted ten minutes before the snapshot and is ready again. */
  public FakeInstallation restartedRecently(String dc) {
    var cs = podOf(dc).getStatus().getContainerStatuses().get(0);
    cs.setRestartCount(3);
    cs.setLastState(
        new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
            .withNewTerminated()
            .withReason("Error")
            .withExitCode(1)
            .withFinishedAt("2026-11-27T11:50:00Z")
            .endTerminated()
            .build());
    return this;
  }

  /** Sets (or adds) an environment variable of a deployment config's first container. */
  public FakeInstallation env(String dc, String name, String value) {
    List<EnvVar> env = dcOf(dc).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    env.removeIf(e -> e.getName().equals(name));
    if (value != null) {
      env.add(new EnvVarBuilder().withName(name).withValue(value).build());
    }
    return this;
  }

  public FakeInstallation routeWithoutTls(String name) {
    routeOf(name).getSpec().setTls(null);
    return this;
  }

  public FakeInstallation routeHost(String name, String host) {
    routeOf(name).getSpec().setHost(host);
    return this;
  }

  public FakeInstallation withoutApiManager() {
    custom.clear();
    return this;
  }

  /** APIcast's and the backend's current log. */
  public FakeInstallation log(String dc, String text) {
    logs.put(key(podOf(dc).getMetadata().getName(), dc), text);
    return this;
  }

  public FakeInstallation failedJob(String name, String reason) {
    jobs.add(
        new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withNewStatus()
            .withFailed(1)
            .withSucceeded(0)
            .addNewCondition()
            .withType("Failed")
            .withStatus("True")
            .withReason(reason)
            .withMessage("Job has reached the specified backoff limit")
            .endCondition()
            .endStatus()
            .build());
    return this;
  }

  // ---- Reading it ----

  public List<HasMetadata> objects() {
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(custom);
    all.addAll(dcs);
    all.addAll(pods);
    all.addAll(services);
    all.addAll(endpoints);
    all.addAll(routes);
    all.addAll(claims);
    all.addAll(secrets);
    all.addAll(events);
    all.addAll(jobs);
    return all;
  }

  /** Logs by {@code POD/CONTAINER}. */
  public Map<String, String> logs() {
    return logs;
  }

  public Map<String, String> previousLogs() {
    return previousLogs;
  }

  public static String key(String pod, String container) {
    return pod + "/" + container;
  }

  public Pod podOf(String dc) {
    return pods.stream()
        .filter(p -> dc.equals(p.getMetadata().getLabels().get("deploymentConfig")))
        .findFirst()
        .orElseThrow();
  }

  public DeploymentConfig dcOf(String name) {
    return dcs.stream()
        .filter(d -> d.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  public Service serviceOf(String name) {
    return services.stream()
        .filter(d -> d.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  public Route routeOf(String name) {
    return routes.stream()
        .filter(d -> d.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** The installation as the model has it, read through the bundle reader's mapper path. */
  public Installation installation() {
    InstallationBuilder b = new InstallationBuilder(NAMESPACE);
    objects().forEach(b::add);
    logs.forEach(
        (k, v) ->
            b.log(
                new Installation.ContainerLog(
                    k.split("/")[0], k.split("/")[1], false, v.getBytes(StandardCharsets.UTF_8))));
    previousLogs.forEach(
        (k, v) ->
            b.log(
                new Installation.ContainerLog(
                    k.split("/")[0], k.split("/")[1], true, v.getBytes(StandardCharsets.UTF_8))));
    return b.build("fake", NOW);
  }

  // ---- Shapes ----

  private static Map<String, String> labels(String component, String element) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("app", "3scale-api-management");
    l.put("threescale_component", component);
    l.put("threescale_component_element", element);
    return l;
  }

  private static String image(String component) {
    return "registry.redhat.io/3scale-amp2/" + component + "-rhel8:3scale2.15";
  }

  private static GenericKubernetesResource apiManager() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("wildcardDomain", WILDCARD);
    spec.put("tenantName", "3scale");
    spec.put("resourceRequirementsEnabled", true);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put(
        "conditions",
        List.of(Map.of("type", "Available", "status", "True", "reason", "", "message", "")));
    List<String> ready = new ArrayList<>();
    for (String[] c : COMPONENTS) {
      ready.add(c[0]);
    }
    status.put("deployments", Map.of("ready", ready));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("apps.3scale.net/v1alpha1")
        .withKind("APIManager")
        .withNewMetadata()
        .withName("3scale")
        .withNamespace(NAMESPACE)
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .addToAdditionalProperties("status", status)
        .build();
  }

  private static DeploymentConfig dc(
      String name, String component, String element, long cpu, String claim) {
    List<EnvVar> env = new ArrayList<>();
    if (name.startsWith("apicast")) {
      boolean production = name.equals("apicast-production");
      env.add(
          fromSecret(
              "THREESCALE_PORTAL_ENDPOINT", "system-master-apicast", "PROXY_CONFIGS_ENDPOINT"));
      env.add(fromSecret("BACKEND_ENDPOINT_OVERRIDE", "backend-listener", "service_endpoint"));
      env.add(new EnvVarBuilder().withName("APICAST_MANAGEMENT_API").withValue("status").build());
      env.add(
          new EnvVarBuilder()
              .withName("APICAST_CONFIGURATION_LOADER")
              .withValue(production ? "boot" : "lazy")
              .build());
      env.add(
          new EnvVarBuilder()
              .withName("APICAST_CONFIGURATION_CACHE")
              .withValue(production ? "300" : "0")
              .build());
      env.add(
          new EnvVarBuilder()
              .withName("THREESCALE_DEPLOYMENT_ENV")
              .withValue(production ? "production" : "staging")
              .build());
    }
    if (name.equals("backend-listener")) {
      env.add(new EnvVarBuilder().withName("PUMA_WORKERS").withValue("2").build());
      env.add(fromSecret("CONFIG_REDIS_PROXY", "backend-redis", "REDIS_STORAGE_URL"));
    }
    if (name.equals("system-app") || name.equals("system-sidekiq")) {
      env.add(fromSecret("DATABASE_URL", "system-database", "URL"));
      env.add(fromSecret("MASTER_ACCESS_TOKEN", "system-seed", "MASTER_ACCESS_TOKEN"));
    }
    var container =
        new ContainerBuilder()
            .withName(name)
            .withImage(image(component))
            .withEnv(env)
            .withNewResources()
            .addToLimits("cpu", new Quantity(cpu + "m"))
            .addToLimits("memory", new Quantity(name.startsWith("apicast") ? "128Mi" : "512Mi"))
            .endResources();
    var template =
        new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder()
            .withNewMetadata()
            .withLabels(withDc(labels(component, element), name))
            .endMetadata()
            .withNewSpec()
            .withServiceAccountName("amp")
            .withContainers(container.build())
            .endSpec()
            .build();
    if (claim != null) {
      template
          .getSpec()
          .setVolumes(
              List.of(
                  new VolumeBuilder()
                      .withName(claim)
                      .withNewPersistentVolumeClaim()
                      .withClaimName(claim)
                      .endPersistentVolumeClaim()
                      .build()));
    }
    return new DeploymentConfigBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NAMESPACE)
        .withLabels(labels(component, element))
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withSelector(Map.of("deploymentConfig", name))
        .withTemplate(template)
        .endSpec()
        .withNewStatus()
        .withReplicas(1)
        .withReadyReplicas(1)
        .withAvailableReplicas(1)
        .withLatestVersion(1L)
        .addNewCondition()
        .withType("Available")
        .withStatus("True")
        .endCondition()
        .addNewCondition()
        .withType("Progressing")
        .withStatus("True")
        .withReason("NewReplicationControllerAvailable")
        .endCondition()
        .endStatus()
        .build();
  }

  private static Map<String, String> withDc(Map<String, String> labels, String dc) {
    Map<String, String> l = new LinkedHashMap<>(labels);
    l.put("deploymentConfig", dc);
    l.put("deployment", dc + "-1");
    return l;
  }

  private static EnvVar fromSecret(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  private static Pod pod(String dc, String component, String element) {
    String suffix = Integer.toString(Math.abs(dc.hashCode()) % 100000, 36);
    return new PodBuilder()
        .withNewMetadata()
        .withName(dc + "-1-" + suffix)
        .withNamespace(NAMESPACE)
        .withLabels(withDc(labels(component, element), dc))
        .endMetadata()
        .withNewSpec()
        .withNodeName("worker-0.example.com")
        .addNewContainer()
        .withName(dc)
        .withImage(image(component))
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withStartTime("2026-11-27T09:00:00Z")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("True")
        .endCondition()
        .addNewCondition()
        .withType("Initialized")
        .withStatus("True")
        .endCondition()
        .addNewCondition()
        .withType("ContainersReady")
        .withStatus("True")
        .endCondition()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .addNewContainerStatus()
        .withName(dc)
        .withImage(image(component))
        .withReady(true)
        .withRestartCount(0)
        .withNewState()
        .withNewRunning()
        .withStartedAt("2026-11-27T09:00:05Z")
        .endRunning()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Endpoints readyEndpoints(
      String service, String pod) {
    return new EndpointsBuilder()
        .withNewMetadata()
        .withName(service)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .addNewSubset()
        .addNewAddress()
        .withIp("10.128.2." + (Math.abs(pod.hashCode()) % 200 + 2))
        .withNewTargetRef()
        .withKind("Pod")
        .withName(pod)
        .withNamespace(NAMESPACE)
        .endTargetRef()
        .endAddress()
        .addNewPort()
        .withName("http")
        .withPort(8080)
        .endPort()
        .endSubset()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Endpoints notReadyEndpoints(
      String service, String pod) {
    return new EndpointsBuilder()
        .withNewMetadata()
        .withName(service)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .addNewSubset()
        .addNewNotReadyAddress()
        .withIp("10.128.2." + (Math.abs(pod.hashCode()) % 200 + 2))
        .withNewTargetRef()
        .withKind("Pod")
        .withName(pod)
        .withNamespace(NAMESPACE)
        .endTargetRef()
        .endNotReadyAddress()
        .addNewPort()
        .withName("http")
        .withPort(8080)
        .endPort()
        .endSubset()
        .build();
  }

  private void route(String name, String host, String service) {
    routes.add(
        new RouteBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withLabels(Map.of("app", "3scale-api-management", "zync.3scale.net/route-to", service))
            .endMetadata()
            .withNewSpec()
            .withHost(host)
            .withNewTo()
            .withKind("Service")
            .withName(service)
            .endTo()
            .withNewTls()
            .withTermination("edge")
            .withInsecureEdgeTerminationPolicy("Redirect")
            .endTls()
            .withWildcardPolicy("None")
            .endSpec()
            .withNewStatus()
            .addNewIngress()
            .withHost(host)
            .withRouterName("default")
            .withRouterCanonicalHostname("router-default." + WILDCARD)
            .withWildcardPolicy("None")
            .addNewCondition()
            .withType("Admitted")
            .withStatus("True")
            .withLastTransitionTime("2026-11-20T10:00:00Z")
            .endCondition()
            .endIngress()
            .endStatus()
            .build());
  }

  private void secret(String name, Map<String, String> values) {
    Map<String, String> data = new LinkedHashMap<>();
    values.forEach(
        (k, v) ->
            data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    secrets.add(
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withLabels(Map.of("app", "3scale-api-management"))
            .endMetadata()
            .withType("Opaque")
            .withData(data)
            .build());
  }

  private void event(
      String type, String kind, String name, String reason, String message, int count) {
    events.add(
        new EventBuilder()
            .withNewMetadata()
            .withName(name + "." + Long.toHexString(Math.abs((name + reason).hashCode())))
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withCount(count)
            .withLastTimestamp("2026-11-27T11:59:00Z")
            .withFirstTimestamp("2026-11-27T10:00:00Z")
            .withNewInvolvedObject()
            .withKind(kind)
            .withName(name)
            .withNamespace(NAMESPACE)
            .endInvolvedObject()
            .build());
  }

  /** For tests that look a secret up. */
  public Optional<Secret> secretOf(String name) {
    return secrets.stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst();
  }
}
