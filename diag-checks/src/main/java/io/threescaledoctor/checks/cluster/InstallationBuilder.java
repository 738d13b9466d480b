package io.threescaledoctor.checks.cluster;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.Route;
import io.threescaledoctor.checks.cluster.Installation.ContainerLog;
import io.threescaledoctor.checks.cluster.Installation.Denied;
import io.threescaledoctor.core.check.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Collects the objects a reader found, of any kind and in any order, and maps them into an {@link
 * Installation}. Objects of other namespaces and kinds the doctor does not judge are left out.
 */
final class InstallationBuilder {
  private final String namespace;
  private final Map<String, Installation.Workload> workloads = new LinkedHashMap<>();
  private final Map<String, Installation.PodView> pods = new LinkedHashMap<>();
  private final Map<String, Installation.ServiceView> services = new LinkedHashMap<>();
  private final Map<String, Installation.EndpointsView> endpoints = new LinkedHashMap<>();
  private final Map<String, Installation.RouteView> routes = new LinkedHashMap<>();
  private final Map<String, Installation.ClaimView> claims = new LinkedHashMap<>();
  private final Map<String, Installation.SecretView> secrets = new LinkedHashMap<>();
  private final List<Installation.EventView> events = new ArrayList<>();
  private final Map<String, Installation.ApiManagerView> apiManagers = new LinkedHashMap<>();
  private final Map<String, Installation.TenantView> tenants = new LinkedHashMap<>();
  private final Map<String, Installation.JobView> jobs = new LinkedHashMap<>();
  private final List<ContainerLog> logs = new ArrayList<>();
  private final List<Denied> denied = new ArrayList<>();
  private final Map<String, Secret> credentials = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  InstallationBuilder(String namespace) {
    this.namespace = namespace;
  }

  /** Adds one object; returns false for a kind the doctor does not read. */
  boolean add(HasMetadata o) {
    String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
    if (ns != null && !ns.equals(namespace)) {
      return false;
    }
    if (o instanceof DeploymentConfig dc) {
      put(workloads, ModelMapper.workload(dc), w -> "DeploymentConfig/" + w.name());
    } else if (o instanceof Deployment d) {
      put(workloads, ModelMapper.workload(d), w -> "Deployment/" + w.name());
    } else if (o instanceof Pod p) {
      put(pods, ModelMapper.pod(p), Installation.PodView::name);
    } else if (o instanceof Service s) {
      put(services, ModelMapper.service(s), Installation.ServiceView::name);
    } else if (o instanceof Endpoints e) {
      put(endpoints, ModelMapper.endpoints(e), Installation.EndpointsView::name);
    } else if (o instanceof Route r) {
      put(routes, ModelMapper.route(r), Installation.RouteView::name);
    } else if (o instanceof PersistentVolumeClaim c) {
      put(claims, ModelMapper.claim(c), Installation.ClaimView::name);
    } else if (o instanceof io.fabric8.kubernetes.api.model.Secret s) {
      put(secrets, ModelMapper.secret(s), Installation.SecretView::name);
    } else if (o instanceof Event e) {
      events.add(ModelMapper.event(e));
    } else if (o instanceof Job j) {
      put(jobs, ModelMapper.job(j), Installation.JobView::name);
    } else if (o instanceof GenericKubernetesResource g && "APIManager".equals(g.getKind())) {
      put(apiManagers, ModelMapper.apiManager(g), Installation.ApiManagerView::name);
    } else if (o instanceof GenericKubernetesResource g && "Tenant".equals(g.getKind())) {
      put(tenants, ModelMapper.tenant(g), Installation.TenantView::name);
    } else {
      return false;
    }
    return true;
  }

  private static <T> void put(Map<String, T> into, T view, Function<T, String> key) {
    into.putIfAbsent(key.apply(view), view);
  }

  void log(ContainerLog log) {
    logs.add(log);
  }

  void denied(Denied d) {
    denied.add(d);
  }

  boolean hidden(String resource) {
    return denied.stream().anyMatch(d -> d.resource().equals(resource));
  }

  void note(String note) {
    notes.add(note);
  }

  void credential(String key, Secret value) {
    credentials.put(key, value);
  }

  /** Whether a 3scale installation is here: an APIManager, or a workload a 3scale one names. */
  boolean holds3scale() {
    return !apiManagers.isEmpty()
        || workloads.values().stream().anyMatch(w -> Component.of(w.name()).isPresent());
  }

  /**
   * The latest time any event or container saw, for bundles that do not say when they were made.
   */
  Instant latestSeen() {
    Instant latest = null;
    for (Installation.EventView e : events) {
      latest = latest == null || e.lastSeen().isAfter(latest) ? e.lastSeen() : latest;
    }
    for (Installation.PodView p : pods.values()) {
      for (Installation.ContainerStateView c : p.containers()) {
        if (c.lastFinishedAt() != null && (latest == null || c.lastFinishedAt().isAfter(latest))) {
          latest = c.lastFinishedAt();
        }
      }
    }
    return latest;
  }

  Installation build(String source, Instant observedAt) {
    return new Installation(
        source,
        namespace,
        observedAt,
        sorted(workloads.values(), Installation.Workload::name),
        sorted(pods.values(), Installation.PodView::name),
        sorted(services.values(), Installation.ServiceView::name),
        sorted(endpoints.values(), Installation.EndpointsView::name),
        sorted(routes.values(), Installation.RouteView::name),
        sorted(claims.values(), Installation.ClaimView::name),
        sorted(secrets.values(), Installation.SecretView::name),
        events,
        sorted(apiManagers.values(), Installation.ApiManagerView::name),
        sorted(tenants.values(), Installation.TenantView::name),
        sorted(jobs.values(), Installation.JobView::name),
        logs,
        denied,
        credentials,
        notes);
  }

  private static <T> List<T> sorted(java.util.Collection<T> values, Function<T, String> name) {
    return values.stream().sorted(Comparator.comparing(name)).toList();
  }
}
