package io.threescaledoctor.checks.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Finds the cluster, credentials and namespace as {@code kubectl} and {@code oc} do: the files of
 * {@code --kubeconfig}, else of {@code KUBECONFIG} (a list; files that do not exist are passed
 * over), else {@code ~/.kube/config}; merged with the first file winning for each cluster, context
 * and user name and for {@code current-context}; relative paths taken from the file that holds
 * them; the context named by {@code --context}, else the current one; the namespace named by {@code
 * --namespace}, else the context's, else {@code default}.
 *
 * @param contextName the context used
 * @param namespace the namespace to examine
 * @param server the API server's URL
 * @param files the kubeconfig files read, in merge order
 */
public record Kubeconfig(
    Config config, String contextName, String namespace, String server, List<Path> files) {

  private static final YAMLMapper YAML = new YAMLMapper();

  /**
   * Resolves the kubeconfig.
   *
   * @param environment where {@code KUBECONFIG} and {@code HOME} are read
   * @param explicitFile {@code --kubeconfig}, or null
   * @param context {@code --context}, or null
   * @param namespace {@code --namespace}, or null
   * @param connect and read: every API call's budgets
   * @throws ClusterAccessException with one line naming what is missing or broken
   */
  public static Kubeconfig resolve(
      UnaryOperator<String> environment,
      Path explicitFile,
      String context,
      String namespace,
      Duration connect,
      Duration read) {
    List<Path> files = files(environment, explicitFile);
    Map<String, JsonNode> clusters = new LinkedHashMap<>();
    Map<String, JsonNode> contexts = new LinkedHashMap<>();
    Map<String, JsonNode> users = new LinkedHashMap<>();
    String current = null;
    for (Path file : files) {
      JsonNode root = parse(file);
      Path dir = file.toAbsolutePath().getParent();
      collect(root.path("clusters"), "cluster", clusters, dir, "certificate-authority");
      collect(root.path("contexts"), "context", contexts, dir);
      collect(
          root.path("users"), "user", users, dir, "client-certificate", "client-key", "tokenFile");
      String cc = root.path("current-context").asText("");
      if (current == null && !cc.isBlank()) {
        current = cc;
      }
    }
    String chosen = context != null && !context.isBlank() ? context : current;
    if (chosen == null) {
      throw new ClusterAccessException(
          "no current context in "
              + names(files)
              + ": pass --context (contexts: "
              + contexts.keySet()
              + ")");
    }
    JsonNode ctx = contexts.get(chosen);
    if (ctx == null) {
      throw new ClusterAccessException(
          "context "
              + chosen
              + " is not in "
              + names(files)
              + " (contexts: "
              + contexts.keySet()
              + ")");
    }
    String clusterName = ctx.path("cluster").asText("");
    JsonNode cluster = clusters.get(clusterName);
    if (cluster == null) {
      throw new ClusterAccessException(
          "context "
              + chosen
              + " names cluster "
              + clusterName
              + ", which "
              + names(files)
              + " lacks");
    }
    String server = cluster.path("server").asText("");
    if (server.isBlank()) {
      throw new ClusterAccessException(
          "cluster " + clusterName + " in " + names(files) + " has no server");
    }
    String ns =
        namespace != null && !namespace.isBlank()
            ? namespace
            : ctx.path("namespace").asText("").isBlank()
                ? "default"
                : ctx.path("namespace").asText();

    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    merged.put("apiVersion", "v1");
    merged.put("kind", "Config");
    merged.put("current-context", chosen);
    merged.set("clusters", named(clusters, "cluster"));
    merged.set("contexts", named(contexts, "context"));
    merged.set("users", named(users, "user"));
    Config config;
    try {
      config = Config.fromKubeconfig(chosen, YAML.writeValueAsString(merged), null);
    } catch (IOException | RuntimeException e) {
      throw new ClusterAccessException(
          "cannot use context " + chosen + " of " + names(files) + ": " + e.getMessage());
    }
    config.setNamespace(ns);
    config.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, connect.toMillis()));
    config.setRequestTimeout((int) Math.min(Integer.MAX_VALUE, read.toMillis()));
    // A refused or silent API server costs one timeout, not ten retries with backoff.
    config.setRequestRetryBackoffLimit(0);
    return new Kubeconfig(config, chosen, ns, server, files);
  }

  private static List<Path> files(UnaryOperator<String> environment, Path explicitFile) {
    if (explicitFile != null) {
      if (!Files.isRegularFile(explicitFile)) {
        throw new ClusterAccessException("--kubeconfig " + explicitFile + ": no such file");
      }
      return List.of(explicitFile);
    }
    String list = environment.apply("KUBECONFIG");
    if (list != null && !list.isBlank()) {
      List<Path> found = new ArrayList<>();
      for (String entry : list.split(File.pathSeparator)) {
        if (!entry.isBlank() && Files.isRegularFile(Path.of(entry))) {
          found.add(Path.of(entry));
        }
      }
      if (found.isEmpty()) {
        throw new ClusterAccessException(
            "KUBECONFIG=" + list + " names no kubeconfig file that exists");
      }
      return found;
    }
    String home = environment.apply("HOME");
    Path fallback = home == null ? null : Path.of(home, ".kube", "config");
    if (fallback == null || !Files.isRegularFile(fallback)) {
      throw new ClusterAccessException(
          "no kubeconfig: log in with oc login, set KUBECONFIG, or pass --kubeconfig FILE");
    }
    return List.of(fallback);
  }

  private static JsonNode parse(Path file) {
    try {
      JsonNode root = YAML.readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw new ClusterAccessException(file + ": not a kubeconfig (expected a YAML mapping)");
      }
      return root;
    } catch (IOException e) {
      throw new ClusterAccessException(
          file + ": not a readable kubeconfig: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static void collect(
      JsonNode entries, String field, Map<String, JsonNode> into, Path dir, String... paths) {
    for (JsonNode entry : entries) {
      String name = entry.path("name").asText("");
      JsonNode body = entry.path(field);
      if (name.isBlank() || !body.isObject() || into.containsKey(name)) {
        continue;
      }
      ObjectNode copy = ((ObjectNode) body).deepCopy();
      for (String key : paths) {
        String value = copy.path(key).asText("");
        if (!value.isBlank() && !Path.of(value).isAbsolute()) {
          copy.put(key, dir.resolve(value).toString());
        }
      }
      into.put(name, copy);
    }
  }

  private static ArrayNode named(Map<String, JsonNode> entries, String field) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    entries.forEach(
        (name, body) -> {
          ObjectNode n = out.addObject();
          n.put("name", name);
          n.set(field, body);
        });
    return out;
  }

  private static String names(List<Path> files) {
    return files.size() == 1 ? files.get(0).toString() : files.toString();
  }
}
