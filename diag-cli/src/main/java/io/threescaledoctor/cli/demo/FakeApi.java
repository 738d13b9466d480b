package io.threescaledoctor.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;

/** The customer's API: {@code GET /hello} answers a small JSON greeting, unless the fault says. */
final class FakeApi {
  private final DemoFault fault;
  private final Duration slowness;

  FakeApi(DemoFault fault, Duration slowness) {
    this.fault = fault;
    this.slowness = slowness;
  }

  void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    if (fault == DemoFault.API_SLOW) {
      try {
        Thread.sleep(slowness.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (fault == DemoFault.API_ERROR) {
      Servers.send(
          exchange,
          500,
          "application/json",
          "{\"error\":\"NullPointerException in OrderService.find\"}");
      return;
    }
    if (!exchange.getRequestURI().getPath().startsWith("/hello")) {
      Servers.send(exchange, 404, "application/json", "{\"error\":\"not found\"}");
      return;
    }
    Servers.send(exchange, 200, "application/json", "{\"message\":\"Hello from the demo API\"}");
  }
}
