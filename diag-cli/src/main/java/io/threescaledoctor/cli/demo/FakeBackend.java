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
 * 3scale's Service Management API as apisonator answers it: {@code authorize.xml} and {@code
 * authrep.xml} with a {@code <status>} document (200 authorized, 409 denied with a reason) or an
 * {@code <error code="...">} document (403, 404, 422), and the {@code 3scale-rejection-reason}
 * header when {@code 3scale-options} asks for it, as APIcast does.
 */
final class FakeBackend {
  private static final DateTimeFormatter PERIOD =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");
  static final int HITS_PER_MINUTE = 100;

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
          "{\"status\":\"OK\",\"version\":{\"backend\":\"demo\"}}");
      return;
    }
    if (!path.matches("/transactions/(oauth_)?(authorize|authrep)\\.xml")) {
      error(exchange, 404, "not_found", "not found");
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
    if (blank(key)) {
      error(exchange, 403, "user_key_invalid", "user key is missing");
      return;
    }
    if (!userKey.equals(key)) {
      error(exchange, 403, "user_key_invalid", "user key \"" + key + "\" is invalid");
      return;
    }
    boolean reasonHeader =
        String.valueOf(exchange.getRequestHeaders().getFirst("3scale-options"))
            .contains("rejection_reason_header=1");
    switch (fault) {
      case LIMITS ->
          denied(
              exchange,
              "limits_exceeded",
              "usage limits are exceeded",
              HITS_PER_MINUTE,
              reasonHeader);
      case APP_SUSPENDED ->
          denied(exchange, "application_not_active", "application is not active", 3, reasonHeader);
      default ->
          Servers.send(
              exchange, 200, "application/xml", status("<authorized>true</authorized>", 3, false));
    }
  }

  private void denied(
      HttpExchange exchange, String code, String reason, int used, boolean reasonHeader)
      throws IOException {
    if (reasonHeader) {
      exchange.getResponseHeaders().set("3scale-rejection-reason", code);
    }
    Servers.send(
        exchange,
        409,
        "application/xml",
        status(
            "<authorized>false</authorized><reason>" + reason + "</reason>",
            used,
            used >= HITS_PER_MINUTE));
  }

  private String status(String authorization, int used, boolean exceeded) {
    ZonedDateTime start =
        ZonedDateTime.now(clock)
            .withZoneSameInstant(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.MINUTES);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><status>"
        + authorization
        + "<plan>Basic</plan><usage_reports><usage_report metric=\"hits\" period=\"minute\""
        + (exceeded ? " exceeded=\"true\"" : "")
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
        "application/xml",
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
