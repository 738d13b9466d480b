package io.threescaledoctor.samples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A loopback API whose health endpoint answers what the test sets; stop it with close(). */
final class FakeApi implements AutoCloseable {
  private final HttpServer server;
  private volatile int healthStatus = 200;
  private volatile long delayMillis;

  FakeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if (delayMillis > 0) {
              try {
                Thread.sleep(delayMillis);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            boolean health = exchange.getRequestURI().getPath().equals("/health");
            int status = health ? healthStatus : 200;
            byte[] body =
                (health
                        ? (status == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}")
                        : "{\"hello\":\"world\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
              os.write(body);
            }
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void healthAnswers(int status) {
    healthStatus = status;
  }

  void delay(long millis) {
    delayMillis = millis;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
