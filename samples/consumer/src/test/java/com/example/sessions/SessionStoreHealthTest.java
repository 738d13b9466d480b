package com.example.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.DependencyReport;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.DiagnosisStatus;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.report.JsonReportRenderer;
import io.threescaledoctor.core.report.TextReportRenderer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application's health, as it would wire the doctor in: a real Redis (Debian's redis-server)
 * with a password, an API on the loopback address, the doctor built with the documented API only.
 */
class SessionStoreHealthTest {
  private static final String PASSWORD = "SENTINEL-redis-pass-4c1d";

  private HttpServer api;
  private Process redis;
  private int redisPort;
  private Socket refusing;

  @BeforeEach
  void startTheApiAndTheStore() throws Exception {
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext(
        "/",
        exchange -> {
          byte[] body = "{\"hello\":\"world\"}".getBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    api.start();
    startRedis();
  }

  @AfterEach
  void stopThem() throws Exception {
    api.stop(0);
    stopRedis();
    if (refusing != null) {
      refusing.close();
    }
  }

  /**
   * Starts redis on a port that was free a moment ago; another process can take it before redis
   * binds it, so redis is started again on another port when it says so.
   */
  private void startRedis() throws IOException, InterruptedException {
    String clash = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      redisPort = freePort();
      Path log = Files.createTempFile("redis", ".log");
      redis =
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  String.valueOf(redisPort),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--requirepass",
                  PASSWORD)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      // "Ready to accept connections" from redis itself: a connect could reach whoever took the
      // port.
      String said = awaitReady(redis, log);
      Files.delete(log);
      if (said == null) {
        return;
      }
      if (!said.contains("Address already in use")) {
        throw new IllegalStateException("redis-server did not start: " + said);
      }
      clash = said;
    }
    throw new IllegalStateException("redis-server found its port taken 5 times: " + clash);
  }

  /** Null once redis is ready; what it said when it stopped or did not get ready within 10 s. */
  private static String awaitReady(Process redis, Path log)
      throws IOException, InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      String said = Files.readString(log);
      if (said.contains("Ready to accept connections")) {
        return null;
      }
      if (!redis.isAlive()) {
        return said;
      }
      Thread.sleep(50);
    }
    redis.destroyForcibly().waitFor();
    return "not ready within 10 s: " + Files.readString(log);
  }

  /**
   * Points the profile at a port that refuses connections until the test ends: bound without
   * listening, so no other process can take it, unlike the port the stopped redis let go.
   */
  private void pointAtARefusingPort() throws IOException {
    refusing = new Socket();
    refusing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    redisPort = refusing.getLocalPort();
  }

  private void stopRedis() throws InterruptedException {
    if (redis.isAlive()) {
      redis.destroy();
      if (!redis.waitFor(10, TimeUnit.SECONDS)) {
        redis.destroyForcibly().waitFor();
      }
    }
  }

  private Profile.Builder profile() {
    return Profile.builder()
        .apiUrl("http://127.0.0.1:" + api.getAddress().getPort())
        .clientPath("/hello")
        .timeoutsConnect(Duration.ofSeconds(1))
        .timeoutsRead(Duration.ofSeconds(2))
        .extension("myapp.redis", "url", "redis://127.0.0.1:" + redisPort)
        .extension("myapp.redis", "password", PASSWORD);
  }

  @Test
  void healthyWhenTheChainAndTheStoreWork() throws Exception {
    Diagnosis d = Doctor.builder().profile(profile().build()).build().run();

    assertThat(d.status()).isEqualTo(DiagnosisStatus.HEALTHY);
    CheckResult ping = d.result("myapp.redis-ping").orElseThrow();
    assertThat(ping.status()).isEqualTo(Status.PASS);
    assertThat(ping.evidence()).containsEntry("reply", "+PONG");
    assertThat(d.dependencies())
        .extracting(r -> r.dependency().id(), DependencyReport::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("session-store", Status.PASS));
    assertThat(new JsonReportRenderer().render(d)).doesNotContain(PASSWORD);
  }

  @Test
  void aStoppedStoreFailsTheRunBesideTheChainNeverAsTheApi() throws Exception {
    stopRedis();
    pointAtARefusingPort();

    Diagnosis d = Doctor.builder().profile(profile().build()).build().run();

    assertThat(d.status()).isEqualTo(DiagnosisStatus.FAILING);
    assertThat(d.likelyFailurePoint()).isNull();
    assertThat(d.hop(Hop.API).orElseThrow().status()).isEqualTo(Status.PASS);
    assertThat(d.cause()).isEqualTo("session-store-unreachable");
    CheckResult ping = d.result("myapp.redis-ping").orElseThrow();
    assertThat(ping.remedy().orElseThrow()).startsWith("Start the session store");
    String text = new TextReportRenderer(false, false).render(d);
    assertThat(text)
        .contains("api ....> session-store[FAIL]")
        .contains("FAILING - failing application dependency: session-store")
        .doesNotContain(PASSWORD);
  }

  @Test
  void aWrongPasswordIsItsOwnCauseAndNeverShows() throws Exception {
    Diagnosis d =
        Doctor.builder()
            .profile(profile().build())
            .set("extensions.myapp.redis.password", "SENTINEL-wrong-pass-77")
            .build()
            .run();

    assertThat(d.cause()).isEqualTo("session-store-auth-failed");
    String json = new JsonReportRenderer().render(d);
    assertThat(json).doesNotContain("SENTINEL-wrong-pass-77").doesNotContain(PASSWORD);
    assertThat(d.result("myapp.redis-ping").orElseThrow().reproduce().orElseThrow())
        .contains("-a ****s-77");
  }

  @Test
  void theProfileCanBeYamlWithTheSettingsUnderExtensions() throws Exception {
    Diagnosis d =
        Doctor.builder()
            .environment(java.util.Map.of("REDIS_PASSWORD", PASSWORD))
            .profileYaml(
                "api: {url: 'http://127.0.0.1:"
                    + api.getAddress().getPort()
                    + "'}\n"
                    + "extensions:\n"
                    + "  myapp.redis:\n"
                    + "    url: redis://127.0.0.1:"
                    + redisPort
                    + "\n"
                    + "    password: ${REDIS_PASSWORD}\n"
                    + "    timeout: 2s\n")
            .build()
            .run();

    assertThat(d.result("myapp.redis-ping").orElseThrow().status()).isEqualTo(Status.PASS);
  }

  @Test
  void aMisspelledOrMalformedSettingStopsTheBuildNamingIt() {
    assertThatThrownBy(
            () ->
                Doctor.builder()
                    .profile(profile().build())
                    .set("extensions.myapp.redis.passwrd", "x")
                    .build())
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("extensions.myapp.redis.passwrd: unknown setting");
    assertThatThrownBy(
            () ->
                Doctor.builder()
                    .profile(profile().build())
                    .set("extensions.myapp.redis.timeout", "soon")
                    .build())
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("extensions.myapp.redis.timeout: 'soon'");
  }

  @Test
  void aConfiguredInstanceReplacesTheOneServiceLoaderMakes() throws Exception {
    AtomicInteger made = new AtomicInteger();
    SocketFactory counting =
        new SocketFactory() {
          @Override
          public Socket createSocket() {
            made.incrementAndGet();
            return new Socket();
          }

          @Override
          public Socket createSocket(String host, int port) throws IOException {
            throw new UnsupportedOperationException();
          }

          @Override
          public Socket createSocket(String h, int p, InetAddress l, int lp) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Socket createSocket(InetAddress a, int p, InetAddress l, int lp) {
            throw new UnsupportedOperationException();
          }
        };

    Doctor doctor =
        Doctor.builder().profile(profile().build()).addCheck(new RedisPingCheck(counting)).build();
    List<String> ids = doctor.checks().stream().map(c -> c.id()).toList();
    CheckResult ping = doctor.check("myapp.redis-ping");

    assertThat(ids).containsOnlyOnce("myapp.redis-ping");
    assertThat(ping.status()).isEqualTo(Status.PASS);
    assertThat(made.get()).isEqualTo(1);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
