package io.threescaledoctor.cli.serve;

import io.threescaledoctor.cli.demo.DemoWorld;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A {@code serve} started in the test's JVM on a free loopback port, with what it logged. */
final class ServeFixture implements AutoCloseable {
  private final StringWriter logText = new StringWriter();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final Serve serve;

  private ServeFixture(Serve.Settings settings) throws IOException {
    PrintWriter err = new PrintWriter(logText, true);
    this.serve = Serve.start(settings, new ServeLog(err, Clock.systemUTC()));
  }

  static Serve.Settings settings(Path config, Map<String, String> environment) {
    return new Serve.Settings(
        new InetSocketAddress("127.0.0.1", 0),
        List.of(config),
        Map.of("timeouts.connect", "5s", "timeouts.read", "10s", "timeouts.total", "30s"),
        environment,
        Duration.ofMillis(500),
        0.1,
        8,
        true,
        true,
        Duration.ofMillis(500));
  }

  /**
   * Demo settings whose gateway waits long enough for its upstreams on a loaded machine: a timeout
   * there writes an error-log line that fails the gateway checks for the rest of the test.
   */
  static DemoWorld.Settings patientDemo(String serviceToken, String userKey) {
    return new DemoWorld.Settings(
        DemoWorld.SERVICE_ID,
        serviceToken,
        userKey,
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(4));
  }

  static DemoWorld.Settings patientDemo() {
    DemoWorld.Settings fresh = DemoWorld.Settings.fresh();
    return patientDemo(fresh.serviceToken(), fresh.userKey());
  }

  static ServeFixture start(Serve.Settings settings) throws IOException {
    return new ServeFixture(settings);
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(serve.url() + path)).timeout(Duration.ofSeconds(60));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(serve.url() + path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String log() {
    return logText.toString();
  }

  void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting until " + what + "; log:\n" + log());
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    serve.close();
  }
}
