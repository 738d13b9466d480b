package io.threescaledoctor.checks.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.RouteIngressCondition;
import io.threescaledoctor.checks.cluster.Installation.ApiManagerView;
import io.threescaledoctor.checks.cluster.Installation.ClaimView;
import io.threescaledoctor.checks.cluster.Installation.Condition;
import io.threescaledoctor.checks.cluster.Installation.ContainerSpec;
import io.threescaledoctor.checks.cluster.Installation.ContainerStateView;
import io.threescaledoctor.checks.cluster.Installation.EndpointsView;
import io.threescaledoctor.checks.cluster.Installation.EnvVar;
import io.threescaledoctor.checks.cluster.Installation.EventView;
import io.threescaledoctor.checks.cluster.Installation.JobView;
import io.threescaledoctor.checks.cluster.Installation.PodView;
import io.threescaledoctor.checks.cluster.Installation.RouteIngress;
import io.threescaledoctor.checks.cluster.Installation.RouteView;
import io.threescaledoctor.checks.cluster.Installation.SecretRef;
import io.threescaledoctor.checks.cluster.Installation.SecretView;
import io.threescaledoctor.checks.cluster.Installation.ServiceView;
import io.threescaledoctor.checks.cluster.Installation.TenantView;
import io.threescaledoctor.checks.cluster.Installation.Workload;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.check.Secret;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns Fabric8's objects, however they were read (from the API server or from a bundle's YAML),
 * into the {@link Installation}'s views. The one place that knows Kubernetes' object shapes, so the
 * two readers cannot drift apart.
 */
final class ModelMapper {
  /** Literal environment values under these names are masked on the way in. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(TOKEN|PASSWORD|SECRET|_KEY|PORTAL_ENDPOINT|CREDENTIALS).*");

  private ModelMapper() {}

  static Workload workload(DeploymentConfig dc) {
    var spec = dc.getSpec();
    var status = dc.getStatus();
    List<Condition> conditions = new ArrayList<>();
    if (status != null && status.getConditions() != null) {
      status
          .getConditions()
          .forEach(
              c ->
                  conditions.add(
                      new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage())));
    }
    PodTemplateSpec template = spec == null ? null : spec.getTemplate();
    return new Workload(
        "DeploymentConfig",
        dc.getMetadata().getName(),
        labels(dc),
        spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas(),
        status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas(),
        spec == null || spec.getSelector() == null ? Map.of() : Map.copyOf(spec.getSelector()),
        containers(template),
        claims(template),
        conditions);
  }

  static Workload workload(Deployment d) {
    var spec = d.getSpec();
    var status = d.getStatus();
    List<Condition> conditions = new ArrayList<>();
    if (status != null && status.getConditions() != null) {
      status
          .getConditions()
          .forEach(
              c ->
                  conditions.add(
                      new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage())));
    }
    Map<String, String> selector =
        spec == null || spec.getSelector() == null || spec.getSelector().getMatchLabels() == null
            ? Map.of()
            : Map.copyOf(spec.getSelector().getMatchLabels());
    PodTemplateSpec template = spec == null ? null : spec.getTemplate();
    return new Workload(
        "Deployment",
        d.getMetadata().getName(),
        labels(d),
        spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas(),
        status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas(),
        selector,
        containers(template),
        claims(template),
        conditions);
  }

  private static List<ContainerSpec> containers(PodTemplateSpec template) {
    PodSpec spec = template == null ? null : template.getSpec();
    if (spec == null || spec.getContainers() == null) {
      return List.of();
    }
    List<ContainerSpec> out = new ArrayList<>();
    for (Container c : spec.getContainers()) {
      List<EnvVar> env = new ArrayList<>();
      if (c.getEnv() != null) {
        for (io.fabric8.kubernetes.api.model.EnvVar e : c.getEnv()) {
          env.add(env(e));
        }
      }
      Long cpu = null;
      String memory = null;
      if (c.getResources() != null && c.getResources().getLimits() != null) {
        Quantity q = c.getResources().getLimits().get("cpu");
        cpu = q == null ? null : millis(q);
        Quantity m = c.getResources().getLimits().get("memory");
        memory = m == null ? null : m.toString();
      }
      out.add(new ContainerSpec(c.getName(), c.getImage(), env, cpu, memory));
    }
    return out;
  }

  private static EnvVar env(io.fabric8.kubernetes.api.model.EnvVar e) {
    var from = e.getValueFrom();
    if (from != null && from.getSecretKeyRef() != null) {
      return new EnvVar(
          e.getName(),
          null,
          from.getSecretKeyRef().getName(),
          null,
          from.getSecretKeyRef().getKey());
    }
    if (from != null && from.getConfigMapKeyRef() != null) {
      return new EnvVar(
          e.getName(),
          null,
          null,
          from.getConfigMapKeyRef().getName(),
          from.getConfigMapKeyRef().getKey());
    }
    return new EnvVar(e.getName(), maskedIfSecret(e.getName(), e.getValue()), null, null, null);
  }

  /**
   * A literal value that carries a credential keeps only its masked form (URLs keep their host).
   */
  static String maskedIfSecret(String name, String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    String masked = Redactor.patternsOnly().mask(value);
    if (!masked.equals(value)) {
      return masked;
    }
    return SECRET_NAME.matcher(name).matches() && !value.contains("://")
        ? Secret.mask(value)
        : value;
  }

  private static long millis(Quantity q) {
    BigDecimal cores = Quantity.getAmountInBytes(q);
    return cores.multiply(BigDecimal.valueOf(1000)).longValue();
  }

  private static List<String> claims(PodTemplateSpec template) {
    PodSpec spec = template == null ? null : template.getSpec();
    if (spec == null || spec.getVolumes() == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Volume v : spec.getVolumes()) {
      if (v.getPersistentVolumeClaim() != null) {
        out.add(v.getPersistentVolumeClaim().getClaimName());
      }
    }
    return out;
  }

  static PodView pod(Pod p) {
    var status = p.getStatus();
    boolean ready = false;
    String unschedulableReason = null;
    String unschedulableMessage = null;
    Instant started = null;
    List<ContainerStateView> containers = new ArrayList<>();
    if (status != null) {
      if (status.getConditions() != null) {
        for (PodCondition c : status.getConditions()) {
          if ("Ready".equals(c.getType())) {
            ready = "True".equals(c.getStatus());
          }
          if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
            unschedulableReason = c.getReason();
            unschedulableMessage = c.getMessage();
          }
        }
      }
      started = instant(status.getStartTime());
      if (status.getContainerStatuses() != null) {
        for (ContainerStatus cs : status.getContainerStatuses()) {
          containers.add(container(cs));
        }
      }
    }
    return new PodView(
        p.getMetadata().getName(),
        labels(p),
        status == null ? "Unknown" : Objects.requireNonNullElse(status.getPhase(), "Unknown"),
        ready,
        p.getSpec() == null ? null : p.getSpec().getNodeName(),
        started,
        unschedulableReason,
        unschedulableMessage,
        containers);
  }

  private static ContainerStateView container(ContainerStatus cs) {
    ContainerState state = cs.getState();
    ContainerState last = cs.getLastState();
    String waitingReason = null;
    String waitingMessage = null;
    String terminatedReason = null;
    if (state != null && state.getWaiting() != null) {
      waitingReason = state.getWaiting().getReason();
      waitingMessage = state.getWaiting().getMessage();
    }
    if (state != null && state.getTerminated() != null) {
      terminatedReason = state.getTerminated().getReason();
    }
    String lastReason = null;
    Integer lastExit = null;
    Instant lastFinished = null;
    if (last != null && last.getTerminated() != null) {
      lastReason = last.getTerminated().getReason();
      lastExit = last.getTerminated().getExitCode();
      lastFinished = instant(last.getTerminated().getFinishedAt());
    }
    return new ContainerStateView(
        cs.getName(),
        cs.getImage(),
        Boolean.TRUE.equals(cs.getReady()),
        cs.getRestartCount() == null ? 0 : cs.getRestartCount(),
        waitingReason,
        waitingMessage,
        terminatedReason,
        lastReason,
        lastExit,
        lastFinished);
  }

  static ServiceView service(Service s) {
    var spec = s.getSpec();
    return new ServiceView(
        s.getMetadata().getName(),
        labels(s),
        spec == null || spec.getSelector() == null ? Map.of() : Map.copyOf(spec.getSelector()),
        spec == null ? null : spec.getClusterIP());
  }

  static EndpointsView endpoints(Endpoints e) {
    List<String> ready = new ArrayList<>();
    List<String> notReady = new ArrayList<>();
    if (e.getSubsets() != null) {
      for (EndpointSubset s : e.getSubsets()) {
        addresses(s.getAddresses(), ready);
        addresses(s.getNotReadyAddresses(), notReady);
      }
    }
    return new EndpointsView(e.getMetadata().getName(), ready, notReady);
  }

  private static void addresses(List<EndpointAddress> addresses, List<String> into) {
    if (addresses == null) {
      return;
    }
    for (EndpointAddress a : addresses) {
      into.add(a.getTargetRef() != null ? a.getTargetRef().getName() : a.getIp());
    }
  }

  static RouteView route(Route r) {
    var spec = r.getSpec();
    List<RouteIngress> ingresses = new ArrayList<>();
    if (r.getStatus() != null && r.getStatus().getIngress() != null) {
      for (var in : r.getStatus().getIngress()) {
        Boolean admitted = null;
        String reason = null;
        String message = null;
        if (in.getConditions() != null) {
          for (RouteIngressCondition c : in.getConditions()) {
            if ("Admitted".equals(c.getType())) {
              admitted = "True".equals(c.getStatus());
              reason = c.getReason();
              message = c.getMessage();
            }
          }
        }
        ingresses.add(
            new RouteIngress(
                in.getRouterName(), admitted, reason, message, in.getRouterCanonicalHostname()));
      }
    }
    return new RouteView(
        r.getMetadata().getName(),
        spec == null ? null : spec.getHost(),
        spec == null ? null : spec.getPath(),
        spec == null || spec.getTo() == null ? null : spec.getTo().getName(),
        spec == null || spec.getTls() == null ? null : lower(spec.getTls().getTermination()),
        spec == null || spec.getTls() == null
            ? null
            : spec.getTls().getInsecureEdgeTerminationPolicy(),
        spec == null ? null : spec.getWildcardPolicy(),
        ingresses);
  }

  static ClaimView claim(PersistentVolumeClaim c) {
    String requested = null;
    var spec = c.getSpec();
    if (spec != null
        && spec.getResources() != null
        && spec.getResources().getRequests() != null
        && spec.getResources().getRequests().get("storage") != null) {
      requested = spec.getResources().getRequests().get("storage").toString();
    }
    return new ClaimView(
        c.getMetadata().getName(),
        c.getStatus() == null ? "Unknown" : c.getStatus().getPhase(),
        spec == null ? null : spec.getStorageClassName(),
        requested);
  }

  /** Names and key names only: the values are dropped here. */
  static SecretView secret(io.fabric8.kubernetes.api.model.Secret s) {
    Set<String> keys = new TreeSet<>();
    if (s.getData() != null) {
      keys.addAll(s.getData().keySet());
    }
    if (s.getStringData() != null) {
      keys.addAll(s.getStringData().keySet());
    }
    return new SecretView(s.getMetadata().getName(), s.getType(), keys);
  }

  static EventView event(Event e) {
    var involved = e.getInvolvedObject();
    Instant last = instant(e.getLastTimestamp());
    if (last == null && e.getEventTime() != null) {
      last = instant(e.getEventTime().getTime());
    }
    if (last == null) {
      last = instant(e.getMetadata().getCreationTimestamp());
    }
    return new EventView(
        e.getType(),
        e.getReason(),
        e.getMessage(),
        involved == null ? "" : Objects.requireNonNullElse(involved.getKind(), ""),
        involved == null ? "" : Objects.requireNonNullElse(involved.getName(), ""),
        e.getCount() == null ? 1 : e.getCount(),
        last == null ? Instant.EPOCH : last);
  }

  static ApiManagerView apiManager(GenericKubernetesResource r) {
    Map<String, Object> spec = map(r.getAdditionalProperties().get("spec"));
    Map<String, Object> status = map(r.getAdditionalProperties().get("status"));
    List<Condition> conditions = new ArrayList<>();
    for (Object o : list(status.get("conditions"))) {
      Map<String, Object> c = map(o);
      conditions.add(
          new Condition(
              string(c.get("type")),
              string(c.get("status")),
              string(c.get("reason")),
              string(c.get("message"))));
    }
    Map<String, Object> deployments = map(status.get("deployments"));
    return new ApiManagerView(
        r.getMetadata().getName(),
        string(spec.get("wildcardDomain")),
        string(spec.get("tenantName")),
        conditions,
        strings(deployments.get("ready")),
        strings(deployments.get("starting")),
        strings(deployments.get("stopped")));
  }

  static TenantView tenant(GenericKubernetesResource r) {
    Map<String, Object> spec = map(r.getAdditionalProperties().get("spec"));
    Map<String, Object> status = map(r.getAdditionalProperties().get("status"));
    Object id = status.get("tenantId");
    return new TenantView(
        r.getMetadata().getName(),
        r.getMetadata().getNamespace(),
        string(spec.get("username")),
        string(spec.get("email")),
        string(spec.get("organizationName")),
        string(spec.get("systemMasterUrl")),
        ref(spec.get("tenantSecretRef")),
        ref(spec.get("passwordCredentialsRef")),
        ref(spec.get("masterCredentialsRef")),
        id instanceof Number n ? n.longValue() : null);
  }

  private static SecretRef ref(Object o) {
    Map<String, Object> m = map(o);
    if (m.isEmpty()) {
      return null;
    }
    return new SecretRef(string(m.get("name")), string(m.get("namespace")));
  }

  static JobView job(Job j) {
    var status = j.getStatus();
    String reason = null;
    String message = null;
    if (status != null && status.getConditions() != null) {
      for (JobCondition c : status.getConditions()) {
        if ("Failed".equals(c.getType()) && "True".equals(c.getStatus())) {
          reason = c.getReason();
          message = c.getMessage();
        }
      }
    }
    return new JobView(
        j.getMetadata().getName(),
        status == null || status.getActive() == null ? 0 : status.getActive(),
        status == null || status.getSucceeded() == null ? 0 : status.getSucceeded(),
        status == null || status.getFailed() == null ? 0 : status.getFailed(),
        reason,
        message);
  }

  private static Map<String, String> labels(HasMetadata o) {
    Map<String, String> l = o.getMetadata().getLabels();
    return l == null ? Map.of() : Map.copyOf(l);
  }

  static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
      return out;
    }
    return Map.of();
  }

  static List<Object> list(Object o) {
    return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  static String string(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  private static List<String> strings(Object o) {
    return list(o).stream().map(String::valueOf).toList();
  }
}
