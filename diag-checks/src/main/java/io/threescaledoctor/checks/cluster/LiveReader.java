package io.threescaledoctor.checks.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.openshift.client.OpenShiftClient;
import io.threescaledoctor.checks.cluster.Installation.ContainerLog;
import io.threescaledoctor.checks.cluster.Installation.Denied;
import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.profile.Durations;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads an installation through the Kubernetes API, read-only: it lists, gets and reads pod logs,
 * and nothing else (no create, patch, delete or exec). A refusal (403) is recorded as {@link
 * Denied} and the reading goes on; what namespace-scoped permissions show is enough. An API server
 * that cannot be reached, or that rejects the credentials (401), ends the reading with a {@link
 * ClusterAccessException} naming the server and what to do.
 */
public final class LiveReader {
  /** The most of one container's log that is read, from its end. */
  static final int LOG_BYTES = 4 << 20;

  /** Lines of a crashed container's previous run, for its last words. */
  static final int PREVIOUS_LINES = 20;

  private static final ResourceDefinitionContext API_MANAGERS =
      new ResourceDefinitionContext.Builder()
          .withGroup("apps.3scale.net")
          .withVersion("v1alpha1")
          .withKind("APIManager")
          .withPlural("apimanagers")
          .withNamespaced(true)
          .build();

  private static final ResourceDefinitionContext TENANTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("capabilities.3scale.net")
          .withVersion("v1alpha1")
          .withKind("Tenant")
          .withPlural("tenants")
          .withNamespaced(true)
          .build();

  private final KubernetesClient client;
  private final String server;
  private final Clock clock;
  private final Duration logBudget;

  /**
   * @param client a client already pointed at the context and namespace to read
   * @param server the API server's URL, for messages
   */
  public LiveReader(KubernetesClient client, String server, Clock clock) {
    this(client, server, clock, null);
  }

  private LiveReader(KubernetesClient client, String server, Clock clock, Duration logBudget) {
    this.client = client;
    this.server = server;
    this.clock = clock;
    this.logBudget = logBudget;
  }

  /**
   * This reader, with pod logs read only while the reading has taken less than {@code budget} (the
   * run's total timeout): every call is bounded by the read timeout, but an installation has as
   * many logs as containers, so a slow API server would otherwise stretch the run without bound.
   * Logs left unread are named in the installation's notes.
   */
  public LiveReader withLogBudget(Duration budget) {
    return new LiveReader(client, server, clock, budget);
  }

  /**
   * Reads the installation in {@code namespace}, with the logs of the last {@code since} of the
   * APIcast, backend and sidekiq pods (none when {@code since} is null).
   *
   * @param source how the context is named in reports
   * @throws ClusterAccessException when the API server is unreachable or rejects the credentials
   */
  public Installation read(String source, String namespace, Duration since) {
    Instant started = clock.instant();
    InstallationBuilder b = new InstallationBuilder(namespace);
    OpenShiftClient openshift = client.adapt(OpenShiftClient.class);
    var ns = namespace;
    list(b, ns, "pods", () -> client.pods().inNamespace(ns).list().getItems());
    list(
        b,
        ns,
        "deploymentconfigs.apps.openshift.io",
        () -> openshift.deploymentConfigs().inNamespace(ns).list().getItems());
    list(
        b,
        ns,
        "deployments.apps",
        () -> client.apps().deployments().inNamespace(ns).list().getItems());
    list(b, ns, "services", () -> client.services().inNamespace(ns).list().getItems());
    list(b, ns, "endpoints", () -> client.endpoints().inNamespace(ns).list().getItems());
    list(
        b,
        ns,
        "routes.route.openshift.io",
        () -> openshift.routes().inNamespace(ns).list().getItems());
    list(
        b,
        ns,
        "persistentvolumeclaims",
        () -> client.persistentVolumeClaims().inNamespace(ns).list().getItems());
    list(b, ns, "events", () -> client.v1().events().inNamespace(ns).list().getItems());
    list(b, ns, "jobs.batch", () -> client.batch().v1().jobs().inNamespace(ns).list().getItems());
    list(
        b,
        ns,
        "apimanagers.apps.3scale.net",
        () -> client.genericKubernetesResources(API_MANAGERS).inNamespace(ns).list().getItems());
    list(
        b,
        ns,
        "tenants.capabilities.3scale.net",
        () -> client.genericKubernetesResources(TENANTS).inNamespace(ns).list().getItems());
    readSecrets(b, ns);
    Installation seen = b.build(source, clock.instant());
    if (since != null) {
      readLogs(b, seen, since, logBudget == null ? null : started.plus(logBudget));
    }
    return b.build(source, seen.observedAt());
  }

  /** Secret names and key names; the values of the two keys the doctor probes with, as Secrets. */
  private void readSecrets(InstallationBuilder b, String ns) {
    List<io.fabric8.kubernetes.api.model.Secret> secrets =
        call(b, ns, "list", "secrets", () -> client.secrets().inNamespace(ns).list().getItems());
    if (secrets == null) {
      return;
    }
    for (io.fabric8.kubernetes.api.model.Secret s : secrets) {
      b.add(s);
      keep(b, s, "system-seed", "ADMIN_ACCESS_TOKEN", Installation.ADMIN_ACCESS_TOKEN);
      keep(
          b,
          s,
          "system-master-apicast",
          "PROXY_CONFIGS_ENDPOINT",
          Installation.PROXY_CONFIGS_ENDPOINT);
    }
  }

  private static void keep(
      InstallationBuilder b,
      io.fabric8.kubernetes.api.model.Secret s,
      String name,
      String key,
      String as) {
    if (!name.equals(s.getMetadata().getName()) || s.getData() == null) {
      return;
    }
    String encoded = s.getData().get(key);
    if (encoded == null) {
      return;
    }
    try {
      String value = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
      if (!value.isBlank()) {
        b.credential(as, Secret.of(value.trim()));
      }
    } catch (IllegalArgumentException e) {
      // Not base64: the secret is damaged; the key's presence is still recorded by name.
    }
  }

  private void readLogs(
      InstallationBuilder b, Installation seen, Duration since, Instant deadline) {
    List<String> unread = new ArrayList<>();
    for (Installation.Workload w : seen.workloads()) {
      if (!Component.of(w.name()).map(Component::logsRead).orElse(false)) {
        continue;
      }
      for (Installation.PodView pod : seen.podsMatching(w.selector())) {
        for (Installation.ContainerStateView c : pod.containers()) {
          String name = pod.name() + "/" + c.name();
          boolean late = deadline != null && clock.instant().isAfter(deadline);
          if (c.waitingReason() == null || c.restarts() > 0) {
            if (late) {
              unread.add(name);
            } else {
              String text = podLog(b, seen.namespace(), pod.name(), c.name(), since, false);
              if (text != null) {
                b.log(new ContainerLog(pod.name(), c.name(), false, bytes(text)));
              }
            }
          }
          if (c.lastTerminationReason() != null) {
            if (late) {
              unread.add(name + " (previous)");
            } else {
              String previous = podLog(b, seen.namespace(), pod.name(), c.name(), since, true);
              if (previous != null) {
                b.log(new ContainerLog(pod.name(), c.name(), true, bytes(previous)));
              }
            }
          }
        }
      }
    }
    if (!unread.isEmpty()) {
      b.note(
          "logs not read, the reading having passed the total timeout of "
              + Durations.format(logBudget)
              + ": "
              + String.join(", ", unread));
    }
  }

  private String podLog(
      InstallationBuilder b,
      String ns,
      String pod,
      String container,
      Duration since,
      boolean previous) {
    if (b.hidden("pods/log")) {
      return null;
    }
    try {
      return call(
          b,
          ns,
          "get",
          "pods/log",
          // A plain GET of the log endpoint, as kubectl logs sends it: the client's own log
          // reading first waits for the pod to be ready through a watch, which for a pod that
          // crash-loops held a run for 25 s.
          () ->
              client.raw(
                  "/api/v1/namespaces/"
                      + encode(ns)
                      + "/pods/"
                      + encode(pod)
                      + "/log?container="
                      + encode(container)
                      + (previous
                          ? "&previous=true&tailLines=" + PREVIOUS_LINES
                          : "&sinceSeconds=" + since.toSeconds() + "&limitBytes=" + LOG_BYTES)));
    } catch (ClusterAccessException e) {
      // A container that has not started (or never crashed) has no such log: the API says 400.
      b.note(
          "no "
              + (previous ? "previous " : "")
              + "log of "
              + pod
              + "/"
              + container
              + ": "
              + e.getMessage());
      return null;
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private <T extends HasMetadata> void list(
      InstallationBuilder b, String ns, String resource, Supplier<List<T>> lister) {
    List<T> items = call(b, ns, "list", resource, lister);
    if (items != null) {
      items.forEach(b::add);
    }
  }

  /**
   * One API call: a refusal is recorded and null returned; a kind the cluster does not serve (404:
   * no operator, not OpenShift) is null too; anything that says the cluster cannot be used at all
   * is thrown.
   */
  private <T> T call(
      InstallationBuilder b, String ns, String verb, String resource, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      int code = e.getCode();
      if (code == 403) {
        String message = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
        b.denied(new Denied(verb, resource, ns, firstLine(message)));
        return null;
      }
      if (code == 404) {
        return null;
      }
      if (code == 401) {
        throw new ClusterAccessException(
            "the API server "
                + server
                + " rejected the credentials (401 Unauthorized): log in again (oc login) or"
                + " choose another context");
      }
      throw new ClusterAccessException(
          "cannot read "
              + resource
              + " in namespace "
              + ns
              + " from "
              + server
              + ": "
              + (code > 0 ? "HTTP " + code + " " : "")
              + firstLine(rootMessage(e)));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return (m == null ? t.getClass().getSimpleName() : m);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
