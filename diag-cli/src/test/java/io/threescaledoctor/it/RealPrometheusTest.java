package io.threescaledoctor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.cli.serve.Serve;
import io.threescaledoctor.cli.serve.ServeLog;
import io.threescaledoctor.core.testing.Component;
import io.threescaledoctor.core.testing.ExternalProcess;
import io.threescaledoctor.core.testing.FreePorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}, started here on a free loopback port with its own
 * storage) scrapes {@code serve} both ways, /metrics and /probe, with the shipped alerting rules
 * loaded. Its query API first shows every hop up, then, once the fake 3scale backend is stopped,
 * the {@code 3scale} hop down with the cause the doctor names. The dashboard's queries and the
 * rules evaluate without error against what was scraped.
 */
class RealPrometheusTest {
  private static final String SERVICE_ID = "2555417777777";
  private static final String TOKEN = "SENTINEL-prom-token-8d8d";
  private static final String USER_KEY = "SENTINEL-prom-key-1e1e";
  private static final Path SAMPLES = Path.of("..", "samples", "prometheus");

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final StringWriter serveLog = new StringWriter();
  private MockWebServer api;
  private FakeThreescaleBackend backend;
  private Serve serve;
  private ExternalProcess prometheus;
  private URI prometheusUrl;

  @AfterEach
  void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (serve != null) {
      serve.close();
    }
    if (backend != null) {
      backend.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void prometheusSeesThe3scaleHopGoDownWithItsCauseWhenTheBackendStops() throws Exception {
    startSetupAndServe();
    startPrometheus();

    awaitValue(
        "threescale_doctor_hop_up{job=\"3scale-doctor\",profile=\"shop\",hop=\"3scale\"}", "1");
    awaitValue("threescale_doctor_hop_up{job=\"3scale-doctor\",profile=\"shop\",hop=\"api\"}", "1");
    awaitValue(
        "threescale_doctor_hop_up{job=\"3scale-doctor-probe\",instance=\"shop\",hop=\"3scale\"}",
        "1");
    awaitValue("threescale_doctor_probe_success{job=\"3scale-doctor-probe\"}", "1");
    awaitValue(
        "threescale_doctor_diagnosis_info{job=\"3scale-doctor\",profile=\"shop\",status=\"HEALTHY\"}",
        "1");
    awaitValue(
        "threescale_doctor_limit_usage_ratio{job=\"3scale-doctor\",profile=\"shop\"}", "0.2");

    backend.close();

    awaitValue(
        "threescale_doctor_hop_up{job=\"3scale-doctor\",profile=\"shop\",hop=\"3scale\"}", "0");
    awaitValue("threescale_doctor_hop_up{job=\"3scale-doctor\",profile=\"shop\",hop=\"api\"}", "1");
    awaitValue(
        "threescale_doctor_diagnosis_info{job=\"3scale-doctor\",profile=\"shop\","
            + "status=\"FAILING\",hop=\"3scale\",cause=\"backend-unreachable\"}",
        "1");
    awaitValue(
        "threescale_doctor_hop_up{job=\"3scale-doctor-probe\",instance=\"shop\",hop=\"3scale\"}",
        "0");
    awaitValue(
        "threescale_doctor_diagnosis_info{job=\"3scale-doctor-probe\",status=\"FAILING\","
            + "hop=\"3scale\",cause=\"backend-unreachable\"}",
        "1");
    awaitValue("threescale_doctor_probe_success{job=\"3scale-doctor-probe\"}", "0");

    assertTheDashboardsQueriesEvaluate();
    assertTheRulesEvaluate();
    assertThat(serveLog.toString())
        .contains("msg=\"Verdict changed\" profile=shop from=HEALTHY to=FAILING hop=3scale")
        .doesNotContain(TOKEN)
        .doesNotContain(USER_KEY);
  }

  private void startSetupAndServe() throws Exception {
    api = new MockWebServer();
    api.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"hello\":\"world\"}")
                .build();
          }
        });
    api.start(InetAddress.getLoopbackAddress(), 0);
    backend =
        new FakeThreescaleBackend(
            SERVICE_ID, TOKEN, USER_KEY, FakeThreescaleBackend.Verdict.AUTHORIZED);
    Path profiles = Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(
        profiles.resolve("shop.yaml"),
        """
        api:
          url: http://127.0.0.1:%d
        client:
          path: /hello
        threescale:
          backend: %s
          serviceId: "%s"
          serviceToken: ${TOKEN}
        credentials:
          userKey: ${USER_KEY}
        timeouts:
          connect: 500ms
          read: 1s
          total: 5s
        """
            .formatted(api.getPort(), backend.url(), SERVICE_ID));
    serve =
        Serve.start(
            new Serve.Settings(
                new InetSocketAddress("127.0.0.1", 0),
                List.of(profiles),
                Map.of(),
                Map.of("TOKEN", TOKEN, "USER_KEY", USER_KEY),
                Duration.ofSeconds(1),
                0.1,
                4,
                true,
                false,
                Duration.ofMillis(500)),
            new ServeLog(new PrintWriter(serveLog, true), Clock.systemUTC()));
  }

  private void startPrometheus() throws Exception {
    Path binary = Component.PROMETHEUS.require();
    String doctor = "127.0.0.1:" + serve.port();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        rule_files:
          - %s
        scrape_configs:
          - job_name: 3scale-doctor
            static_configs:
              - targets: ['%s']
          - job_name: 3scale-doctor-probe
            metrics_path: /probe
            scrape_interval: 2s
            scrape_timeout: 2s
            static_configs:
              - targets: [shop]
            relabel_configs:
              - source_labels: [__address__]
                target_label: __param_target
              - source_labels: [__param_target]
                target_label: instance
              - target_label: __address__
                replacement: '%s'
        """
            .formatted(
                SAMPLES.resolve("3scale-doctor-alerts.yml").toAbsolutePath(), doctor, doctor));
    Path tsdb = Files.createDirectories(dir.resolve("tsdb"));
    prometheus =
        FreePorts.tcp(
            port -> {
              prometheusUrl = URI.create("http://127.0.0.1:" + port);
              return ExternalProcess.start(
                  List.of(
                      binary.toString(),
                      "--config.file=" + config,
                      "--storage.tsdb.path=" + tsdb,
                      "--web.listen-address=127.0.0.1:" + port),
                  line -> line.contains("Server is ready to receive web requests."),
                  Duration.ofSeconds(60));
            });
  }

  private JsonNode api(String path, String query) throws Exception {
    URI uri =
        prometheusUrl.resolve(path + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    return json.readTree(r.body());
  }

  /** Waits until the query's single series has {@code value}; fails with what it last saw. */
  private void awaitValue(String query, String value) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode last = null;
    while (System.nanoTime() < end) {
      last = api("/api/v1/query", query);
      JsonNode result = last.path("data").path("result");
      if (result.size() == 1 && value.equals(result.get(0).path("value").get(1).asText())) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        query + " never became " + value + "; last answer: " + last + "\nserve log:\n" + serveLog);
  }

  private void assertTheDashboardsQueriesEvaluate() throws Exception {
    JsonNode dashboard = json.readTree(SAMPLES.resolve("grafana-dashboard.json").toFile());
    List<String> failures = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    for (JsonNode e : dashboard.findValues("expr")) {
      String expr = e.asText().replace("$profile", ".*").replace("$__rate_interval", "1m");
      JsonNode answer = api("/api/v1/query", expr);
      if (!"success".equals(answer.path("status").asText())) {
        failures.add(expr + " -> " + answer);
      } else if (answer.path("data").path("result").isEmpty()) {
        empty.add(expr);
      }
    }
    assertThat(failures).isEmpty();
    // No TLS in this setup, and no usage once the backend is gone: every other panel has data.
    assertThat(empty)
        .as("panels with no data while a profile fails and the doctor runs")
        .allMatch(expr -> expr.contains("tls_certificate_expiry") || expr.contains("usage_ratio"));
  }

  private void assertTheRulesEvaluate() throws Exception {
    JsonNode rules = api("/api/v1/rules", "");
    List<String> unhealthy = new ArrayList<>();
    rules
        .path("data")
        .path("groups")
        .forEach(
            g ->
                g.path("rules")
                    .forEach(
                        r -> {
                          if (!"ok".equals(r.path("health").asText())) {
                            unhealthy.add(r.path("name").asText() + ": " + r.path("lastError"));
                          }
                        }));
    assertThat(rules.path("data").path("groups")).hasSize(2);
    assertThat(unhealthy).isEmpty();
  }
}
