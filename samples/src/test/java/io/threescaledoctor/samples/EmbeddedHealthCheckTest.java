package io.threescaledoctor.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the sample application the way its README does, against an API on the loopback. */
class EmbeddedHealthCheckTest {
  @TempDir Path dir;

  private Path profile(FakeApi api) throws Exception {
    Path file = dir.resolve("profile.yaml");
    Files.writeString(
        file,
        """
        api:
          url: %s
        client:
          path: /hello
        timeouts:
          connect: 1s
          read: 2s
          total: 10s
        """
            .formatted(api.url()));
    return file;
  }

  @Test
  void onceReportsAHealthyApiAndExitsZero() throws Exception {
    try (FakeApi api = new FakeApi()) {
      StringWriter out = new StringWriter();
      int exit =
          EmbeddedHealthCheck.run(
              new String[] {"--profile", profile(api).toString(), "--once", "--only", "api"},
              new PrintWriter(out, true));
      assertThat(out.toString())
          .contains("HEALTHY: ")
          .contains("ok   sample.api-health")
          .contains("Diagnosis: HEALTHY");
      assertThat(exit).isZero();
    }
  }

  @Test
  void onceReportsTheFailurePointWhenTheApiIsUnhealthy() throws Exception {
    try (FakeApi api = new FakeApi()) {
      api.healthAnswers(503);
      StringWriter out = new StringWriter();
      int exit =
          EmbeddedHealthCheck.run(
              new String[] {"--profile", profile(api).toString(), "--once", "--only", "api"},
              new PrintWriter(out, true));
      assertThat(out.toString())
          .contains("FAILING at api (api-error-status)")
          .contains("<- likely failure point: api");
      assertThat(exit).isEqualTo(1);
    }
  }

  @Test
  void servesHealthAs200ThenAs503WhenTheApiBreaks() throws Exception {
    try (FakeApi api = new FakeApi()) {
      StringWriter log = new StringWriter();
      io.threescaledoctor.core.Doctor doctor =
          io.threescaledoctor.core.Doctor.builder().profilePath(profile(api)).only("api").build();
      try (EmbeddedHealthCheck app =
          new EmbeddedHealthCheck(doctor, Duration.ZERO, new PrintWriter(log, true))) {
        app.start(0);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest get =
            HttpRequest.newBuilder(URI.create(app.url())).timeout(Duration.ofSeconds(15)).build();
        HttpResponse<String> up = http.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).contains("\"status\" : \"HEALTHY\"");
        api.healthAnswers(500);
        HttpResponse<String> down = http.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("X-Diagnosis"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("FAILING at api"));
        assertThat(log.toString()).contains("HEALTHY: ").contains("FAILING at api");
      }
    }
  }

  @Test
  void badArgumentsPrintTheUsageAndExitTwo() {
    StringWriter out = new StringWriter();
    assertThat(EmbeddedHealthCheck.run(new String[] {"--once"}, new PrintWriter(out, true)))
        .isEqualTo(2);
    assertThat(out.toString()).contains("usage: EmbeddedHealthCheck");
  }
}
