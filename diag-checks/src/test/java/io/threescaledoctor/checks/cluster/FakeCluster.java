package io.threescaledoctor.checks.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fabric8's Kubernetes mock server in CRUD mode on 127.0.0.1, loaded with a {@link
 * FakeInstallation}; pod logs are served from the installation's log texts (CRUD mode has no logs),
 * refusals (403) are expectations. It records every request, so a test can show what the doctor
 * sent, and writes a kubeconfig that points at it.
 */
public final class FakeCluster implements AutoCloseable {
  private static final Pattern LOG_PATH =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log\\?(.*)");

  private final Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
  private final KubernetesMockServer server;
  private final Map<String, String> logs = new LinkedHashMap<>();
  private final Map<String, String> previousLogs = new LinkedHashMap<>();
  private int setupRequests;

  public FakeCluster(FakeInstallation installation) {
    KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
    Dispatcher dispatcher =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            Matcher m = LOG_PATH.matcher(request.getPath());
            if (m.matches() && "GET".equals(request.getMethod())) {
              return log(m.group(2), m.group(3));
            }
            String path = request.getPath().split("\\?")[0];
            if (discovery && DISCOVERY.containsKey(path)) {
              return new MockResponse()
                  .setResponseCode(200)
                  .setHeader("Content-Type", "application/json")
                  .setBody(DISCOVERY.get(path));
            }
            return crud.dispatch(request);
          }
        };
    server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (KubernetesClient setup = server.createClient()) {
      for (HasMetadata o : installation.objects()) {
        if (o instanceof GenericKubernetesResource g) {
          setup
              .genericKubernetesResources(definition(g))
              .inNamespace(FakeInstallation.NAMESPACE)
              .resource(g)
              .create();
        } else {
          setup.resource(o).inNamespace(FakeInstallation.NAMESPACE).create();
        }
      }
    }
    logs.putAll(installation.logs());
    previousLogs.putAll(installation.previousLogs());
    setupRequests = server.getRequestCount();
    drain();
  }

  private static ResourceDefinitionContext definition(GenericKubernetesResource g) {
    String[] groupVersion = g.getApiVersion().split("/");
    return new ResourceDefinitionContext.Builder()
        .withGroup(groupVersion[0])
        .withVersion(groupVersion[1])
        .withKind(g.getKind())
        .withPlural(g.getKind().toLowerCase() + "s")
        .withNamespaced(true)
        .build();
  }

  private MockResponse log(String pod, String query) {
    Map<String, String> params = new HashMap<>();
    for (String p : query.split("&")) {
      int eq = p.indexOf('=');
      if (eq > 0) {
        params.put(
            p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    String key = FakeInstallation.key(pod, params.getOrDefault("container", ""));
    boolean previous = "true".equals(params.get("previous"));
    String text = previous ? previousLogs.get(key) : logs.get(key);
    if (text == null) {
      return new MockResponse()
          .setResponseCode(400)
          .setBody(
              "{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":400,\"message\":\"previous terminated container \\\""
                  + key
                  + "\\\" not found\"}");
    }
    return new MockResponse().setResponseCode(200).setBody(text);
  }

  /** Answers 403 Forbidden, as OpenShift's RBAC words it, to a list of {@code resource}. */
  public FakeCluster forbid(String apiPath, String resource, String group) {
    server
        .expect()
        .get()
        .withPath(apiPath)
        .andReturn(
            403,
            new StatusBuilder()
                .withKind("Status")
                .withStatus("Failure")
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(
                    resource
                        + " is forbidden: User \"developer\" cannot list resource \""
                        + resource
                        + "\" in API group \""
                        + group
                        + "\" in the namespace \""
                        + FakeInstallation.NAMESPACE
                        + "\"")
                .build())
        .always();
    return this;
  }

  /** The discovery documents kubectl asks for before it lists pods, whatever its version. */
  public FakeCluster discovery() {
    discovery = true;
    return this;
  }

  private static final Map<String, String> DISCOVERY =
      Map.of(
          "/api",
          "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}",
          "/apis",
          "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}",
          "/api/v1",
          "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[{\"name\":\"pods\","
              + "\"singularName\":\"pod\",\"namespaced\":true,\"kind\":\"Pod\","
              + "\"verbs\":[\"get\",\"list\"],\"shortNames\":[\"po\"]}]}");

  private volatile boolean discovery;

  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /**
   * A kubeconfig with two contexts on this server: {@code admin} (namespace 3scale, current) and
   * {@code other} (namespace default), and a bearer token.
   */
  public Path kubeconfig(Path dir) {
    try {
      Path file = dir.resolve("kubeconfig");
      Files.writeString(file, kubeconfigText("admin", "3scale"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String kubeconfigText(String currentContext, String namespace) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster:
            server: %s
        contexts:
        - name: admin
          context:
            cluster: fake
            user: admin
            namespace: %s
        - name: other
          context:
            cluster: fake
            user: admin
            namespace: default
        current-context: %s
        users:
        - name: admin
          user:
            token: sentinel-kube-token-3f2e1d
        """
        .formatted(url(), namespace, currentContext);
  }

  /** Every request the server saw since it was loaded: {@code METHOD path}. */
  public List<String> requests() {
    List<String> out = new ArrayList<>(seen);
    out.addAll(drain());
    seen.clear();
    seen.addAll(out);
    return out;
  }

  private final List<String> seen = new ArrayList<>();

  private List<String> drain() {
    List<String> out = new ArrayList<>();
    try {
      RecordedRequest r;
      while ((r = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
        out.add(r.getMethod() + " " + r.getPath());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  public int setupRequests() {
    return setupRequests;
  }

  /**
   * Stops the mock API server. Its Vert.x server closes gracefully and gives up after 10 s when a
   * connection lingers (seen once in a few full builds on a loaded machine, never alone); the
   * test's assertions have all run by then, so a slow close is not a failure of the doctor.
   */
  @Override
  public void close() {
    try {
      server.destroy();
    } catch (IllegalStateException slowClose) {
      System.err.println("FakeCluster: " + slowClose.getMessage() + "; going on");
    }
  }
}
