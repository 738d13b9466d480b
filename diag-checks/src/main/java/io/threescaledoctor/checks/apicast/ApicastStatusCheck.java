package io.threescaledoctor.checks.apicast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.checks.threescale.Exchanges;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import java.net.URI;
import java.util.Optional;

/**
 * Reads APIcast's management API ({@code gateway.management}, port 8090 by default): {@code
 * /status/live}, {@code /status/ready} and {@code /status/info}. The answers follow 3scale/APIcast
 * gateway/src/apicast/management.lua: ready is 412 with {@code "error":"not configured"} before a
 * configuration loaded, and 200 with {@code "warning":"no services"} when it holds none.
 */
public final class ApicastStatusCheck implements Check {
  /**
   * Made when the check first runs: an ObjectMapper loads some three hundred classes, which every
   * embedder and command paid at start-up while the mapper sat in a static field of a check that
   * runs only when gateway.management is set.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  @Override
  public String id() {
    return "apicast.status";
  }

  @Override
  public Hop hop() {
    return Hop.GATEWAY;
  }

  @Override
  public String description() {
    return "APIcast's management API: live, ready (configured, has services) and info";
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    String url = profile.gateway().management();
    return url == null || url.isBlank() ? Optional.of("gateway.management") : Optional.empty();
  }

  @Override
  public CheckResult run(CheckContext context) {
    String base = context.profile().gateway().management().replaceAll("/+$", "");
    HttpProbe probe = HttpProbe.from(context);
    HttpExchange live = probe.send(HttpProbe.Request.get(URI.create(base + "/status/live")));
    if (live.status() < 0) {
      return Exchanges.noResponse(
              live,
              "APIcast's management API does not answer",
              "apicast-management-unreachable",
              "apicast-management-unreachable")
          .withStatus(io.threescaledoctor.core.check.Status.WARN)
          .withReproduce(live.curl(context.redactor()));
    }
    HttpExchange ready = probe.send(HttpProbe.Request.get(URI.create(base + "/status/ready")));
    HttpExchange info = probe.send(HttpProbe.Request.get(URI.create(base + "/status/info")));
    JsonNode readyJson = json(ready.bodyExcerpt());
    CheckResult r;
    String error = readyJson.path("error").asText("");
    String warning = readyJson.path("warning").asText("");
    if (live.status() != 200) {
      r =
          CheckResult.fail("APIcast /status/live answered " + live.statusLine())
              .withCause("gateway-down");
    } else if (error.equals("not configured") || ready.status() == 412) {
      r =
          CheckResult.fail(
                  "APIcast is live but not configured (/status/ready: "
                      + ready.statusLine()
                      + (error.isEmpty() ? "" : ", " + error)
                      + ")")
              .withCause("apicast-not-configured");
    } else if (warning.equals("no services")) {
      r =
          CheckResult.fail(
                  "APIcast is configured but has no services (/status/ready: " + "no services)")
              .withCause("apicast-no-services");
    } else if (ready.status() == 200) {
      r = CheckResult.pass("APIcast is live and ready");
    } else {
      r =
          CheckResult.fail("APIcast /status/ready answered " + ready.statusLine())
              .withCause("gateway-down");
    }
    r =
        r.withEvidence("live", live.statusLine() + " " + Exchanges.excerpt(live.bodyExcerpt()))
            .withEvidence(
                "ready", ready.statusLine() + " " + Exchanges.excerpt(ready.bodyExcerpt()));
    if (info.status() == 200) {
      JsonNode infoJson = json(info.bodyExcerpt());
      r =
          r.withEvidence(
              "info",
              infoJson.isObject()
                  ? String.join(",", (Iterable<String>) infoJson::fieldNames)
                  : Exchanges.excerpt(info.bodyExcerpt()));
    } else {
      r = r.withEvidence("info", info.statusLine());
    }
    return r.withReproduce(ready.curl(context.redactor()));
  }

  private static JsonNode json(String body) {
    try {
      JsonNode n = Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
      return n == null ? Json.MAPPER.createObjectNode() : n;
    } catch (Exception e) {
      return Json.MAPPER.createObjectNode();
    }
  }
}
