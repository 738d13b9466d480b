package io.threescaledoctor.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 3scale's Service Management API as apisonator 3.4.3 answers it, byte for byte but for the plan,
 * limits and dates (diag-it's FakeBackendsTest compares them with the real backend's): {@code
 * authorize.xml} and {@code authrep.xml} with a {@code <status>} document (200 authorized, 409
 * denied with a reason) or an {@code <error code="...">} document (403, 404 for an application that
 * is not found, an empty key's included, 422), all as {@code application/vnd.3scale-v2.0+xml}; the
 * {@code 3scale-rejection-reason} and limit headers when {@code 3scale-options} asks for them, as
 * APIcast and the doctor do; {@code GET /status} with the version; an empty 404 for any other path.
 */
final class FakeBackend {
  private static final DateTimeFormatter PERIOD =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");
  static final int HITS_PER_MINUTE = 100;
  static final String CONTENT_TYPE = "application/vnd.3scale-v2.0+xml";

  private final DemoFault fault;
  private final String serviceId;
  private final String serviceToken;
  private final String userKey;
  private final Clock clock;

  FakeBackend(DemoFault fault, String serviceId, String serviceToken, String userKey, Clock clock) {
    this.fault = fault;
    this.serviceId = serviceId;
    this.serviceToken = serviceToken;
    this.userKey = userKey;
    this.clock = clock;
  }

  void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/status")) {
      Servers.send(
          exchange,
          200,
          "application/json",
          "{\"status\":\"ok\",\"version\":{\"backend\":\"3.4.3\"}}");
      return;
    }
    if (!path.matches("/transactions/(oauth_)?(authorize|authrep)\\.xml")) {
      Servers.send(exchange, 404, CONTENT_TYPE, "");
      return;
    }
    Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
    String token = q.get("service_token");
    String id = q.get("service_id");
    if (blank(token) && blank(q.get("provider_key"))) {
      error(
          exchange,
          403,
          "provider_key_or_service_token_required",
          "Provider key or service token are required");
      return;
    }
    if (blank(id)) {
      error(exchange, 422, "service_id_missing", "Service ID is missing");
      return;
    }
    if (!serviceToken.equals(token) || !serviceId.equals(id)) {
      error(
          exchange,
          403,
          "service_token_invalid",
          "service token \"" + token + "\" or service id \"" + id + "\" is invalid");
      return;
    }
    String key = q.get("user_key");
    if (key == null || key.isEmpty()) {
      // apisonator looks an empty key up like any other and finds no application.
      error(exchange, 404, "application_not_found", "application with id=\"\" was not found");
      return;
    }
    if (!userKey.equals(key)) {
      error(exchange, 403, "user_key_invalid", "user key \"" + key + "\" is invalid");
      return;
    }
    String options = String.valueOf(exchange.getRequestHeaders().getFirst("3scale-options"));
    int predicted = hits(q.get("usage[hits]"));
    switch (fault) {
      case LIMITS -> {
        limitHeaders(exchange, options, HITS_PER_MINUTE, predicted);
        denied(exchange, "limits_exceeded", "usage limits are exceeded", HITS_PER_MINUTE, options);
      }
      case APP_SUSPENDED ->
          denied(exchange, "application_not_active", "application is not active", 3, options);
      default -> {
        limitHeaders(exchange, options, 3, predicted);
        Servers.send(exchange, 200, CONTENT_TYPE, status("<authorized>true</authorized>", 3));
      }
    }
  }

  private void denied(HttpExchange exchange, String code, String reason, int used, String options)
      throws IOException {
    if (options.contains("rejection_reason_header=1")) {
      exchange.getResponseHeaders().set("3scale-rejection-reason", code);
    }
    Servers.send(
        exchange,
        409,
        CONTENT_TYPE,
        status("<authorized>false</authorized><reason>" + reason + "</reason>", used));
  }

  /** What apisonator adds with limit_headers=1: what the prediction leaves of the minute. */
  private void limitHeaders(HttpExchange exchange, String options, int used, int predicted) {
    if (!options.contains("limit_headers=1")) {
      return;
    }
    ZonedDateTime now = ZonedDateTime.now(clock);
    var headers = exchange.getResponseHeaders();
    headers.set(
        "3scale-limit-remaining",
        Integer.toString(Math.max(0, HITS_PER_MINUTE - used - predicted)));
    headers.set("3scale-limit-reset", Integer.toString(60 - now.getSecond()));
    headers.set("3scale-limit-max-value", Integer.toString(HITS_PER_MINUTE));
  }

  private static int hits(String value) {
    try {
      return value == null ? 0 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The status document. A refused call leaves the usage as it is, so apisonator writes {@code
   * exceeded="true"} only for usage already over the limit, which the demo never reaches.
   */
  private String status(String authorization, int used) {
    ZonedDateTime start =
        ZonedDateTime.now(clock)
            .withZoneSameInstant(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MINUTES);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><status>"
        + authorization
        + "<plan>Basic</plan><usage_reports><usage_report metric=\"hits\" period=\"minute\""
        + (used > HITS_PER_MINUTE ? " exceeded=\"true\"" : "")
        + "><period_start>"
        + PERIOD.format(start)
        + "</period_start><period_end>"
        + PERIOD.format(start.plusMinutes(1))
        + "</period_end><max_value>"
        + HITS_PER_MINUTE
        + "</max_value><current_value>"
        + used
        + "</current_value></usage_report></usage_reports></status>";
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    Servers.send(
        exchange,
        status,
        CONTENT_TYPE,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error code=\""
            + code
            + "\">"
            + message.replace("&", "&amp;").replace("<", "&lt;")
            + "</error>");
  }

  static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.putIfAbsent(k, v);
    }
    return q;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
