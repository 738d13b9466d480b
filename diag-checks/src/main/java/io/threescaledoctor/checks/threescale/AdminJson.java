package io.threescaledoctor.checks.threescale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the Account Management API's JSON answers (3scale/porta): {@code services.json}, {@code
 * proxy.json}, {@code proxy/mapping_rules.json} and {@code proxy/configs/ENV/latest.json}. Each
 * list element is wrapped in an object named after its type ({@code
 * {"services":[{"service":{...}}]}}), which is what porta's JSON representers write.
 */
public final class AdminJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AdminJson() {}

  /** One service of the account. */
  public record Service(String id, String name, String systemName) {
    public String describe() {
      return id + " (" + (name == null ? systemName : name) + ")";
    }
  }

  /**
   * The service's integration settings.
   *
   * @param production the production public base URL ({@code endpoint})
   * @param staging the staging public base URL ({@code sandbox_endpoint})
   * @param privateBaseUrl the API's private base URL ({@code api_backend})
   * @param credentialsLocation {@code query}, {@code headers} or {@code authorization}
   */
  public record Proxy(
      String production,
      String staging,
      String privateBaseUrl,
      String credentialsLocation,
      String userKeyName,
      String appIdName,
      String appKeyName,
      Integer authFailedStatus) {}

  /** The latest configuration of one environment. */
  public record ProxyConfig(String environment, long version, String createdAt) {}

  public static List<Service> services(String json) throws IOException {
    List<Service> all = new ArrayList<>();
    for (JsonNode n : MAPPER.readTree(json).path("services")) {
      JsonNode s = n.has("service") ? n.get("service") : n;
      all.add(new Service(s.path("id").asText(), text(s, "name"), text(s, "system_name")));
    }
    return all;
  }

  public static Proxy proxy(String json) throws IOException {
    JsonNode p = MAPPER.readTree(json).path("proxy");
    if (p.isMissingNode()) {
      throw new IOException("no \"proxy\" object in the answer");
    }
    return new Proxy(
        text(p, "endpoint"),
        text(p, "sandbox_endpoint"),
        text(p, "api_backend"),
        text(p, "credentials_location"),
        text(p, "auth_user_key"),
        text(p, "auth_app_id"),
        text(p, "auth_app_key"),
        p.hasNonNull("error_status_auth_failed")
            ? p.get("error_status_auth_failed").asInt()
            : null);
  }

  public static MappingRules mappingRules(String json) throws IOException {
    List<MappingRule> rules = new ArrayList<>();
    int order = 0;
    for (JsonNode n : MAPPER.readTree(json).path("mapping_rules")) {
      JsonNode r = n.has("mapping_rule") ? n.get("mapping_rule") : n;
      order++;
      rules.add(
          new MappingRule(
              r.path("http_method").asText("GET"),
              r.path("pattern").asText("/"),
              r.hasNonNull("metric_system_name")
                  ? r.get("metric_system_name").asText()
                  : "metric " + r.path("metric_id").asText("?"),
              r.path("delta").asInt(1),
              r.path("last").asBoolean(false),
              r.hasNonNull("position") ? r.get("position").asInt() : order));
    }
    return new MappingRules(rules);
  }

  public static Optional<ProxyConfig> latestProxyConfig(String json) throws IOException {
    JsonNode c = MAPPER.readTree(json).path("proxy_config");
    if (c.isMissingNode()) {
      return Optional.empty();
    }
    return Optional.of(
        new ProxyConfig(text(c, "environment"), c.path("version").asLong(), text(c, "created_at")));
  }

  /** The {@code error} or {@code errors} text of a porta error body, if any. */
  public static Optional<String> errorText(String json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n.hasNonNull("error")) {
        return Optional.of(n.get("error").asText());
      }
      if (n.has("errors")) {
        return Optional.of(n.get("errors").toString());
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON (an HTML error page): the caller shows the body excerpt instead.
    }
    return Optional.empty();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
