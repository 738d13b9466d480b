package io.threescaledoctor.checks.apicast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an ActiveDocs spec (Swagger 2.0 or OpenAPI 3.x, JSON or YAML) documents: its operations, the
 * base path they sit under, and where it sends the application's credentials. Only what the
 * ActiveDocs check calls is read; {@code $ref}s are not followed.
 *
 * @param basePath Swagger's {@code basePath} or the path of OpenAPI's first server, without a
 *     trailing slash
 * @param credentials where "try it out" sends credentials, as the spec says; empty when it does not
 */
record ActiveDocsSpec(
    String title, String basePath, List<Operation> operations, List<Credential> credentials) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** The parameter names APIcast reads credentials from. */
  static final Set<String> CREDENTIAL_NAMES =
      Set.of("user_key", "app_id", "app_key", "access_token");

  private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");

  /**
   * One operation.
   *
   * @param path the path as documented, e.g. {@code /orders/{id}}
   * @param callPath the path with each template filled from the spec's example or default, else 1
   */
  record Operation(String method, String path, String callPath) {
    String label() {
      return method + " " + path;
    }
  }

  /**
   * A credential as the spec sends it.
   *
   * @param in {@code query}, {@code header}, or {@code bearer} (an Authorization header)
   */
  record Credential(String name, String in) {}

  /**
   * Reads a spec.
   *
   * @throws IOException when the text is not JSON or YAML, or not a Swagger/OpenAPI document
   */
  static ActiveDocsSpec parse(String text) throws IOException {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "not JSON or YAML: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject() || !root.path("paths").isObject()) {
      throw new IOException("not a Swagger or OpenAPI document: it has no \"paths\" object");
    }
    if (!root.has("swagger") && !root.has("openapi")) {
      throw new IOException(
          "not a Swagger or OpenAPI document: no \"swagger\" or \"openapi\" field");
    }
    List<Operation> operations = new ArrayList<>();
    Map<String, Credential> credentials = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (!path.getKey().startsWith("/") || !path.getValue().isObject()) {
        continue;
      }
      List<JsonNode> shared = list(path.getValue().path("parameters"));
      Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
      while (methods.hasNext()) {
        Map.Entry<String, JsonNode> m = methods.next();
        if (!METHODS.contains(m.getKey().toLowerCase(Locale.ROOT)) || !m.getValue().isObject()) {
          continue;
        }
        List<JsonNode> parameters = new ArrayList<>(shared);
        parameters.addAll(list(m.getValue().path("parameters")));
        for (JsonNode p : parameters) {
          String name = p.path("name").asText();
          String in = p.path("in").asText();
          if (CREDENTIAL_NAMES.contains(name) && (in.equals("query") || in.equals("header"))) {
            credentials.putIfAbsent(name, new Credential(name, in));
          }
        }
        operations.add(
            new Operation(
                m.getKey().toUpperCase(Locale.ROOT),
                path.getKey(),
                fill(path.getKey(), parameters)));
      }
    }
    if (credentials.isEmpty()) {
      schemes(root).forEach(c -> credentials.putIfAbsent(c.name(), c));
    }
    return new ActiveDocsSpec(
        root.path("info").path("title").asText(""),
        basePath(root),
        List.copyOf(operations),
        List.copyOf(credentials.values()));
  }

  /** The path templates filled with the parameter's example or default, else {@code 1}. */
  private static String fill(String path, List<JsonNode> parameters) {
    Matcher m = TEMPLATE.matcher(path);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = "1";
      for (JsonNode p : parameters) {
        if (p.path("name").asText().equals(name) && p.path("in").asText().equals("path")) {
          JsonNode sample =
              first(
                  p.get("example"),
                  p.path("schema").get("example"),
                  p.get("default"),
                  p.path("schema").get("default"));
          if (sample != null && sample.isValueNode() && !sample.asText().isEmpty()) {
            value = sample.asText();
          }
        }
      }
      m.appendReplacement(
          out,
          Matcher.quoteReplacement(
              URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static JsonNode first(JsonNode... candidates) {
    for (JsonNode c : candidates) {
      if (c != null && !c.isMissingNode() && !c.isNull()) {
        return c;
      }
    }
    return null;
  }

  /** Swagger 2.0's securityDefinitions or OpenAPI 3's securitySchemes, in the order written. */
  private static List<Credential> schemes(JsonNode root) {
    JsonNode schemes =
        root.has("securityDefinitions")
            ? root.path("securityDefinitions")
            : root.path("components").path("securitySchemes");
    List<Credential> found = new ArrayList<>();
    for (JsonNode s : schemes) {
      String type = s.path("type").asText();
      if (type.equals("apiKey")
          && (s.path("in").asText().equals("query") || s.path("in").asText().equals("header"))) {
        found.add(new Credential(s.path("name").asText("user_key"), s.path("in").asText()));
      } else if (type.equals("oauth2")
          || type.equals("openIdConnect")
          || (type.equals("http") && s.path("scheme").asText().equalsIgnoreCase("bearer"))) {
        found.add(new Credential("Authorization", "bearer"));
      }
    }
    return found;
  }

  private static String basePath(JsonNode root) {
    String base;
    if (root.has("basePath")) {
      base = root.path("basePath").asText("");
    } else {
      JsonNode server = root.path("servers").path(0);
      String url = server.path("url").asText("");
      Matcher m = TEMPLATE.matcher(url);
      StringBuilder filled = new StringBuilder();
      while (m.find()) {
        String value = server.path("variables").path(m.group(1)).path("default").asText("");
        m.appendReplacement(filled, Matcher.quoteReplacement(value));
      }
      m.appendTail(filled);
      try {
        URI uri = URI.create(filled.toString());
        base = uri.getRawPath() == null ? "" : uri.getRawPath();
      } catch (IllegalArgumentException notAUri) {
        base = "";
      }
    }
    return base.replaceAll("/+$", "");
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> all = new ArrayList<>();
    array.forEach(all::add);
    return all;
  }
}
