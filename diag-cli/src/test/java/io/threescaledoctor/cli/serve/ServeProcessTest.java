package io.threescaledoctor.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.cli.demo.DemoFault;
import io.threescaledoctor.cli.demo.DemoWorld;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code 3scale-doctor serve} as its own process, as an operator runs it: SIGHUP reloads the
 * profiles, SIGTERM stops it cleanly with exit code 0. Signals go to the PID with {@code kill}.
 */
class ServeProcessTest {
  @TempDir Path dir;
  private DemoWorld world;
  private Process serve;
  private Path output;

  @BeforeEach
  void start() throws Exception {
    world = DemoWorld.start(DemoFault.NONE, ServeFixture.patientDemo(), Clock.systemUTC());
    Files.createDirectories(dir.resolve("profiles"));
    Files.copy(world.profile(), dir.resolve("profiles/eu.yaml"));
    output = dir.resolve("serve.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    serve =
        new ProcessBuilder(
                java,
                "-cp",
                classPath,
                "io.threescaledoctor.cli.Main",
                "serve",
                "--config",
                dir.resolve("profiles").toString(),
                "--listen",
                "127.0.0.1:0",
                "--interval",
                "500ms",
                "--no-watch",
                "--set",
                "timeouts.read=10s")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    if (serve != null && serve.isAlive()) {
      serve.destroyForcibly();
      serve.waitFor(5, TimeUnit.SECONDS);
    }
    if (world != null) {
      world.close();
    }
  }

  @Test
  void sighupReloadsTheProfilesAndSigtermStopsCleanly() throws Exception {
    String listening = awaitLine(l -> l.contains("msg=\"Listening\""));
    Matcher m = Pattern.compile("address=(http://\\S+)").matcher(listening);
    assertThat(m.find()).isTrue();
    URI base = URI.create(m.group(1));
    awaitMetrics(base, "threescale_doctor_hop_up{hop=\"api\",profile=\"eu\"} 1.0");

    Files.copy(world.profile(), dir.resolve("profiles/us.yaml"));
    signal("HUP");
    awaitLine(l -> l.contains("trigger=SIGHUP added=1"));
    awaitMetrics(base, "threescale_doctor_hop_up{hop=\"api\",profile=\"us\"} 1.0");

    signal("TERM");
    assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    assertThat(serve.exitValue()).isZero();
    String log = Files.readString(output);
    assertThat(log).contains("msg=\"Stopping\" signal=SIGTERM").contains("msg=\"Stopped\"");
    assertThat(log).doesNotContain("Exception");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(serve.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private String awaitLine(Predicate<String> wanted) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      List<String> lines = Files.readAllLines(output);
      for (String line : lines) {
        if (wanted.test(line)) {
          return line;
        }
      }
      assertThat(serve.isAlive()).as("serve died:\n" + String.join("\n", lines)).isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("no such line in:\n" + Files.readString(output));
  }

  private void awaitMetrics(URI base, String series) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String body = "";
    while (System.nanoTime() < end) {
      body =
          client
              .send(
                  HttpRequest.newBuilder(base.resolve("/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (body.contains(series)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no " + series + " in:\n" + body + "\nlog:\n" + Files.readString(output));
  }
}
