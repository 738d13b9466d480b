package io.threescaledoctor.checks.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenAPI 2.0 or 3.x definition as the import sees it, read with swagger-parser: version,
 * validation messages, title, the operations, the first server (2.0: {@code schemes}, {@code host},
 * {@code basePath}) and the global security scheme. References are never resolved, so reading makes
 * no network call even when the definition points elsewhere.
 *
 * @param version the {@code swagger} or {@code openapi} value as written
 * @param messages what the parser's validation found, empty when valid
 * @param server the first server's URL ({@code https://host/basePath}), or null
 * @param security the scheme of the first global security requirement, or null
 */
public record OpenApiDefinition(
    String version,
    List<String> messages,
    String title,
    String description,
    List<Operation> operations,
    String server,
    Security security) {

  /** One operation: method, path as written, and its {@code operationId} (null when absent). */
  public record Operation(String method, String path, String operationId) {
    public String describe() {
      return method + " " + path;
    }
  }

  /**
   * A security scheme: {@code type} ({@code apiKey}, {@code oauth2}, {@code openIdConnect}, {@code
   * http}), and for an API key where it travels ({@code query} or {@code header}) under which name.
   */
  public record Security(String schemeName, String type, String in, String name) {
    public String describe() {
      return schemeName
          + ": "
          + type
          + (in == null ? "" : " in " + in + (name == null ? "" : " '" + name + "'"));
    }
  }

  /** Whether this is OpenAPI 2.0 (Swagger), what the guide's toolbox validates. */
  public boolean swagger2() {
    return version.startsWith("2");
  }

  /** The path of {@link #server()}, without a trailing slash: the public base path. */
  public String basePath() {
    if (server == null) {
      return "";
    }
    try {
      String path = URI.create(server).getPath();
      return path == null ? "" : path.replaceAll("/+$", "");
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** {@code scheme://host[:port]} of {@link #server()}, or empty when it names no host. */
  public Optional<String> serverHost() {
    if (server == null) {
      return Optional.empty();
    }
    try {
      URI u = URI.create(server);
      if (u.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(
          (u.getScheme() == null ? "https" : u.getScheme())
              + "://"
              + u.getHost()
              + (u.getPort() > 0 ? ":" + u.getPort() : ""));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads a definition.
   *
   * @param source where it came from, for messages
   * @throws OpenApiException when the text is not JSON or YAML, or has no {@code swagger} or {@code
   *     openapi} key
   */
  public static OpenApiDefinition read(String text, String source) throws OpenApiException {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new OpenApiException(
          source + (line > 0 ? ":" + line : "") + ": not JSON or YAML: " + firstLine(e));
    }
    if (root == null || !root.isObject()) {
      throw new OpenApiException(source + ": not an OpenAPI definition (not a JSON/YAML object)");
    }
    String version;
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    SwaggerParseResult result;
    if (root.hasNonNull("swagger")) {
      version = root.get("swagger").asText();
      result = new SwaggerConverter().readContents(text, null, options);
    } else if (root.hasNonNull("openapi")) {
      version = root.get("openapi").asText();
      result = new OpenAPIV3Parser().readContents(text, null, options);
    } else {
      throw new OpenApiException(
          source + ": not an OpenAPI definition (no swagger: \"2.0\" or openapi: 3.x key)");
    }
    List<String> messages = new ArrayList<>();
    if (result.getMessages() != null) {
      for (String m : result.getMessages()) {
        // Repeated operationIds are reported on their own, with the operations that share them.
        if (!m.endsWith("operationId is repeated")) {
          messages.add(m);
        }
      }
    }
    if (!version.equals("2.0") && !version.startsWith("3.")) {
      messages.add(0, "unsupported version '" + version + "': expected swagger 2.0 or openapi 3.x");
    }
    OpenAPI api = result.getOpenAPI();
    if (api == null) {
      if (messages.isEmpty()) {
        messages.add("swagger-parser could not build a model of the definition");
      }
      return new OpenApiDefinition(version, messages, null, null, List.of(), null, null);
    }
    List<Operation> operations = new ArrayList<>();
    if (api.getPaths() != null) {
      for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
        p.getValue()
            .readOperationsMap()
            .forEach(
                (method, op) ->
                    operations.add(new Operation(method.name(), p.getKey(), op.getOperationId())));
      }
    }
    String title = api.getInfo() == null ? null : api.getInfo().getTitle();
    String description = api.getInfo() == null ? null : api.getInfo().getDescription();
    List<Server> servers = api.getServers();
    String server = servers == null || servers.isEmpty() ? null : servers.get(0).getUrl();
    if ("/".equals(server)) {
      server = null;
    }
    return new OpenApiDefinition(
        version, messages, title, description, operations, server, security(api));
  }

  private static Security security(OpenAPI api) {
    List<SecurityRequirement> global = api.getSecurity();
    if (global == null || global.isEmpty() || global.get(0).isEmpty()) {
      return null;
    }
    String name = global.get(0).keySet().iterator().next();
    SecurityScheme scheme =
        api.getComponents() == null || api.getComponents().getSecuritySchemes() == null
            ? null
            : api.getComponents().getSecuritySchemes().get(name);
    if (scheme == null || scheme.getType() == null) {
      return new Security(name, "undefined", null, null);
    }
    return new Security(
        name,
        scheme.getType().toString(),
        scheme.getIn() == null ? null : scheme.getIn().toString(),
        scheme.getName());
  }

  private static String firstLine(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    return m == null ? "unreadable" : m.lines().findFirst().orElse("unreadable");
  }
}
