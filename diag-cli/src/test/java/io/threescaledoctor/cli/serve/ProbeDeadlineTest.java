package io.threescaledoctor.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /probe} answers before Prometheus gives up: the run's deadline is the scrape timeout
 * Prometheus sends, less the offset, even against an API that accepts connections and never answers
 * while the profile would wait far longer.
 */
class ProbeDeadlineTest {
  @TempDir Path dir;
  private ServerSocket silent;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private ServeFixture fx;

  @BeforeEach
  void start() throws Exception {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!silent.isClosed()) {
                try {
                  held.add(silent.accept());
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "silent-api");
    acceptor.setDaemon(true);
    acceptor.start();
    Files.writeString(
        dir.resolve("silent.yaml"),
        "api:\n  url: http://127.0.0.1:"
            + silent.getLocalPort()
            + "\nclient:\n  path: /hello\ntimeouts:\n  connect: 1s\n  read: 20s\n  total: 60s\n");
    Serve.Settings s = ServeFixture.settings(dir, Map.of());
    fx =
        ServeFixture.start(
            new Serve.Settings(
                s.listen(),
                s.configs(),
                s.overrides(),
                s.environment(),
                s.interval(),
                s.jitter(),
                s.maxConcurrentRuns(),
                false,
                false,
                Duration.ofSeconds(1)));
  }

  @AfterEach
  void stop() throws IOException {
    if (fx != null) {
      fx.close();
    }
    silent.close();
    for (Socket s : held) {
      s.close();
    }
  }

  @Test
  void aProbeStopsAtTheScrapeTimeoutLessTheOffset() throws Exception {
    assertThat(fx.get("/-/healthy").statusCode()).as("the client is warm").isEqualTo(200);
    long start = System.nanoTime();
    HttpResponse<String> r =
        fx.get("/probe?target=silent", FleetHttpServer.SCRAPE_TIMEOUT_HEADER, "3");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(took)
        .as("answered before Prometheus's 3 s timeout")
        .isLessThan(Duration.ofSeconds(3));
    assertThat(probeDuration(r.body()))
        .as("ran until the deadline of 3 s less the 1 s offset")
        .isBetween(1.9, 2.9);
    assertThat(r.body())
        .contains("threescale_doctor_probe_success{profile=\"silent\"} 0.0")
        .contains(
            "threescale_doctor_check_status{check=\"api.http.request\",hop=\"api\","
                + "profile=\"silent\",status=\"ERROR\"} 1.0")
        .contains("threescale_doctor_hop_up{hop=\"api\",profile=\"silent\"} 0.0");
  }

  @Test
  void theDeadlineIsTheHeaderLessTheOffset() {
    Duration offset = Duration.ofMillis(500);
    assertThat(FleetHttpServer.probeDeadline("10", offset)).isEqualTo(Duration.ofMillis(9500));
    assertThat(FleetHttpServer.probeDeadline("1.5", offset)).isEqualTo(Duration.ofSeconds(1));
    assertThat(FleetHttpServer.probeDeadline("0.55", offset)).isEqualTo(Duration.ofMillis(550));
    assertThat(FleetHttpServer.probeDeadline(null, offset)).isEqualTo(Duration.ofSeconds(120));
    assertThatThrownBy(() -> FleetHttpServer.probeDeadline("-1", offset))
        .hasMessageContaining("must be positive");
  }

  private static double probeDuration(String body) {
    Matcher m =
        Pattern.compile("threescale_doctor_probe_duration_seconds\\{profile=\"silent\"} (\\S+)")
            .matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
