package io.threescaledoctor.checks.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.checks.threescale.AdminJson;
import io.threescaledoctor.checks.threescale.MappingRule;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service an import would update, as the admin portal's Account Management API describes it
 * (GET only): its integration settings, methods and mapping rules, with each rule's metric named.
 *
 * @param methods the methods under Hits, by system name, with their friendly names
 */
public record ExistingService(
    AdminJson.Service service,
    AdminJson.Proxy proxy,
    Map<String, String> methods,
    List<MappingRule> rules) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The admin portal could not answer; the message names the call and what came back. */
  public static final class PortalException extends Exception {
    public PortalException(String message) {
      super(message);
    }
  }

  /**
   * The service with {@code systemName} on the portal of {@code threescale.admin}, or empty when
   * the import would create it.
   */
  public static Optional<ExistingService> find(CheckContext context, String systemName)
      throws PortalException {
    URI admin =
        URI.create(
            context
                .profile()
                .threescale()
                .adminUrl()
                .orElseThrow(() -> new PortalException("threescale.admin is not a URL")));
    String token = admin.getRawUserInfo() == null ? "" : admin.getRawUserInfo();
    if (token.isEmpty()) {
      throw new PortalException(
          "threescale.admin has no access token: write it as https://TOKEN@tenant-admin.example.com");
    }
    String base =
        admin.getScheme()
            + "://"
            + admin.getRawAuthority().replaceFirst("^[^@]*@", "")
            + (admin.getRawPath() == null ? "" : admin.getRawPath().replaceAll("/+$", ""));
    Reader r = new Reader(HttpProbe.from(context), base, token, context.redactor());
    List<AdminJson.Service> services;
    try {
      services = AdminJson.services(r.get("/admin/api/services.json", "the list of services"));
    } catch (IOException e) {
      throw new PortalException("the admin portal's services.json is not readable");
    }
    Optional<AdminJson.Service> found =
        services.stream().filter(s -> systemName.equals(s.systemName())).findFirst();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String id = found.get().id();
    try {
      AdminJson.Proxy proxy =
          AdminJson.proxy(r.get("/admin/api/services/" + id + "/proxy.json", "proxy settings"));
      Map<String, String> metricNames = new LinkedHashMap<>();
      String hitsId = null;
      for (JsonNode n :
          MAPPER
              .readTree(r.get("/admin/api/services/" + id + "/metrics.json", "metrics"))
              .path("metrics")) {
        JsonNode m = n.has("metric") ? n.get("metric") : n;
        String name = systemName(m);
        metricNames.put(m.path("id").asText(), name);
        if ("hits".equals(name)) {
          hitsId = m.path("id").asText();
        }
      }
      Map<String, String> methods = new LinkedHashMap<>();
      if (hitsId != null) {
        for (JsonNode n :
            MAPPER
                .readTree(
                    r.get(
                        "/admin/api/services/" + id + "/metrics/" + hitsId + "/methods.json",
                        "methods"))
                .path("methods")) {
          JsonNode m = n.has("method") ? n.get("method") : n;
          metricNames.put(m.path("id").asText(), systemName(m));
          methods.put(systemName(m), m.path("friendly_name").asText(systemName(m)));
        }
      }
      List<MappingRule> rules = new ArrayList<>();
      for (MappingRule rule :
          AdminJson.mappingRules(
                  r.get("/admin/api/services/" + id + "/proxy/mapping_rules.json", "mapping rules"))
              .rules()) {
        String metric = rule.metric();
        if (metric.startsWith("metric ")) {
          metric = metricNames.getOrDefault(metric.substring("metric ".length()), metric);
        }
        rules.add(
            new MappingRule(
                rule.httpMethod(),
                rule.pattern(),
                metric,
                rule.delta(),
                rule.last(),
                rule.position()));
      }
      return Optional.of(new ExistingService(found.get(), proxy, methods, rules));
    } catch (IOException e) {
      throw new PortalException(
          "the admin portal's answer about service " + id + " is not readable: " + e.getMessage());
    }
  }

  private static String systemName(JsonNode m) {
    return m.hasNonNull("system_name") ? m.get("system_name").asText() : m.path("name").asText();
  }

  /** GETs with the token as {@code access_token}, the way the portal checks do. */
  private record Reader(HttpProbe probe, String base, String token, Redactor redactor) {
    String get(String path, String what) throws PortalException {
      URI uri =
          URI.create(
              base + path + "?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
      HttpExchange ex =
          probe.send(
              HttpProbe.Request.get(uri).withHeader("Accept", "application/json"),
              HttpProbe.MAX_BODY_BYTES);
      if (ex.status() != 200) {
        throw new PortalException(
            "the admin portal did not give "
                + what
                + ": "
                + (ex.status() < 0
                    ? (ex.failure() == null ? "no answer" : ex.failure().message())
                    : ex.statusLine()
                        + AdminJson.errorText(ex.bodyExcerpt()).map(e -> " (" + e + ")").orElse(""))
                + " ["
                + ex.curl(redactor)
                + "]");
      }
      return ex.bodyExcerpt();
    }
  }
}
