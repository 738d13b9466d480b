package io.threescaledoctor.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for APIcast: reads the credentials, matches the mapping rules, authorizes the call
 * with the Service Management API ({@code authrep.xml}, {@code 3scale-options} asking for the
 * rejection reason), then proxies to the API. It answers with APIcast's default texts and statuses
 * ("Authentication parameters missing" 401, "Authentication failed" 403, "No Mapping Rule matched"
 * 404, "Limits exceeded" 429), nginx's own pages for upstream failures (502, 504, and 500 when the
 * authorization call itself fails), writes nginx's error-log lines for those, and returns APIcast's
 * debug headers to a request whose {@code X-3scale-debug} is the service token.
 */
final class FakeGateway {
  private static final String NGINX_PAGE =
      "<html>\r\n<head><title>%1$d %2$s</title></head>\r\n"
          + "<body>\r\n<center><h1>%1$d %2$s</h1></center>\r\n<hr><center>nginx</center>\r\n"
          + "</body>\r\n</html>\r\n";

  private final DemoFault fault;
  private final DemoWorld.Settings settings;
  private final URI api;
  private final URI backend;
  private final NginxErrorLog log;
  private final HttpClient http;
  private final AtomicLong connections = new AtomicLong();

  FakeGateway(
      DemoFault fault, DemoWorld.Settings settings, URI api, URI backend, NginxErrorLog log) {
    this.fault = fault;
    this.settings = settings;
    this.api = api;
    this.backend = backend;
    this.log = log;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.upstreamConnectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  private List<String> mappingRules() {
    return fault == DemoFault.NO_MAPPING_RULE ? List.of("/v2/hello") : List.of("/hello");
  }

  /**
   * APIcast's management API (port 8090 in a real deployment): live always, ready only with a
   * configuration, as gateway/src/apicast/management.lua answers.
   */
  void handleManagement(HttpExchange exchange) throws IOException {
    switch (exchange.getRequestURI().getPath()) {
      case "/status/live" ->
          Servers.send(exchange, 200, "application/json", "{\"status\":\"live\",\"success\":true}");
      case "/status/ready" -> {
        if (fault == DemoFault.NOT_CONFIGURED) {
          Servers.send(
              exchange,
              412,
              "application/json",
              "{\"error\":\"not configured\",\"status\":\"error\",\"success\":false}");
        } else {
          Servers.send(
              exchange, 200, "application/json", "{\"status\":\"ready\",\"success\":true}");
        }
      }
      case "/status/info" ->
          Servers.send(
              exchange,
              200,
              "application/json",
              "{\"timers\":{\"pending\":1,\"running\":0},\"worker\":{\"exiting\":false,"
                  + "\"count\":1,\"id\":0}}");
      default -> Servers.send(exchange, 404, "application/json", "{\"error\":\"not found\"}");
    }
  }

  void handle(HttpExchange exchange) throws IOException {
    long connection = connections.incrementAndGet();
    URI uri = exchange.getRequestURI();
    String method = exchange.getRequestMethod();
    Map<String, String> query = FakeBackend.query(uri.getRawQuery());
    String request =
        method
            + " "
            + uri.getRawPath()
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
            + " HTTP/1.1";
    String context = "client: 127.0.0.1, server: localhost, request: \"" + request + "\"";
    String host = "host: \"" + exchange.getRequestHeaders().getFirst("Host") + "\"";
    exchange.getRequestBody().readAllBytes();
    if (fault == DemoFault.NOT_CONFIGURED) {
      // Without a configuration APIcast knows no service for any host: an empty 404.
      log.warn(
          connection,
          "[lua] find_service.lua:24: find_service(): service not found for"
              + " host "
              + exchange.getRequestHeaders().getFirst("Host"),
          context + ", " + host);
      Servers.send(exchange, 404, null, "");
      return;
    }

    String userKey =
        fault == DemoFault.CREDENTIALS_IN_HEADER
            ? exchange.getRequestHeaders().getFirst("user-key")
            : query.get("user_key");
    if (userKey == null || userKey.isBlank()) {
      Servers.send(
          exchange, 401, "text/plain; charset=us-ascii", "Authentication parameters missing");
      return;
    }
    String rule =
        mappingRules().stream().filter(r -> matches(r, uri.getRawPath())).findFirst().orElse(null);
    boolean debug =
        settings.serviceToken().equals(exchange.getRequestHeaders().getFirst("X-3scale-debug"));
    if (debug) {
      exchange.getResponseHeaders().set("X-3scale-matched-rules", rule == null ? "" : rule);
      exchange
          .getResponseHeaders()
          .set(
              "X-3scale-credentials",
              "user_key=" + URLEncoder.encode(userKey, StandardCharsets.UTF_8));
      exchange.getResponseHeaders().set("X-3scale-usage", rule == null ? "" : "usage%5Bhits%5D=1");
      exchange.getResponseHeaders().set("X-3scale-hostname", "demo-gateway");
      exchange.getResponseHeaders().set("X-3scale-service-id", settings.serviceId());
      exchange.getResponseHeaders().set("X-3scale-service-name", "demo");
    }
    if (rule == null) {
      Servers.send(exchange, 404, "text/plain; charset=us-ascii", "No Mapping Rule matched");
      return;
    }

    URI authrep =
        URI.create(
            backend
                + "/transactions/authrep.xml?service_token="
                + enc(settings.serviceToken())
                + "&service_id="
                + enc(settings.serviceId())
                + "&user_key="
                + enc(userKey)
                + "&usage%5Bhits%5D=1");
    HttpResponse<String> auth;
    try {
      auth =
          http.send(
              HttpRequest.newBuilder(authrep)
                  .timeout(settings.upstreamReadTimeout())
                  .header("3scale-options", "rejection_reason_header=1")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      String upstream = "upstream: \"" + authrep + "\"";
      log.error(
          connection,
          upstreamFailure(e) + " while connecting to upstream",
          context + ", subrequest: \"/threescale_authrep\", " + upstream + ", " + host);
      log.error(
          connection,
          "auth request unexpected status: 502 while sending to client",
          context + ", " + host);
      nginxPage(exchange, 500, "Internal Server Error");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (auth.statusCode() == 409
        && "limits_exceeded"
            .equals(auth.headers().firstValue("3scale-rejection-reason").orElse(null))) {
      Servers.send(exchange, 429, "text/plain; charset=us-ascii", "Limits exceeded");
      return;
    }
    if (auth.statusCode() != 200) {
      Servers.send(exchange, 403, "text/plain; charset=us-ascii", "Authentication failed");
      return;
    }
    proxy(exchange, method, uri, connection, context, host);
  }

  private void proxy(
      HttpExchange exchange, String method, URI uri, long connection, String context, String host)
      throws IOException {
    URI target =
        URI.create(
            api + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    String upstream = "upstream: \"" + target + "\"";
    HttpResponse<byte[]> answer;
    try {
      answer =
          http.send(
              HttpRequest.newBuilder(target)
                  .timeout(settings.upstreamReadTimeout())
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      boolean connecting = e instanceof HttpConnectTimeoutException;
      log.error(
          connection,
          "upstream timed out (110: Connection timed out) while "
              + (connecting ? "connecting to upstream" : "reading response header from upstream"),
          context + ", " + upstream + ", " + host);
      nginxPage(exchange, 504, "Gateway Time-out");
      return;
    } catch (IOException e) {
      log.error(
          connection,
          upstreamFailure(e) + " while connecting to upstream",
          context + ", " + upstream + ", " + host);
      nginxPage(exchange, 502, "Bad Gateway");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    answer
        .headers()
        .firstValue("Content-Type")
        .ifPresent(t -> exchange.getResponseHeaders().set("Content-Type", t));
    byte[] body = answer.body();
    exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (var os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
  }

  private static String upstreamFailure(IOException e) {
    if (e instanceof ConnectException || String.valueOf(e.getMessage()).contains("refused")) {
      return "connect() failed (111: Connection refused)";
    }
    if (e instanceof HttpTimeoutException) {
      return "upstream timed out (110: Connection timed out)";
    }
    return "recv() failed (104: Connection reset by peer)";
  }

  private static boolean matches(String rule, String path) {
    return path.equals(rule) || path.startsWith(rule + "/");
  }

  private static void nginxPage(HttpExchange exchange, int status, String reason)
      throws IOException {
    exchange.getResponseHeaders().set("Server", "nginx/1.22.1");
    Servers.send(exchange, status, "text/html", String.format(NGINX_PAGE, status, reason));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
