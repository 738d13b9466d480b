package io.threescaledoctor.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.tls.OpenSslServer;
import io.threescaledoctor.checks.tls.TestPki;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpRequestCheckTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getPort();
  }

  @Test
  void theApiAnsweringAClientErrorStillPasses() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .addHeader("Server", "api/1.0")
            .body("no such thing")
            .build());

    CheckResult r =
        new HttpRequestCheck()
            .run(
                FakeCheckContext.of(
                        "api.url",
                        base() + "/v1",
                        "client.method",
                        "POST",
                        "client.path",
                        "/hello?x=1",
                        "credentials.userKey",
                        "SENTINEL-user-key-1234567")
                    .on(Endpoint.API));

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.summary()).contains("HTTP 404");
    assertThat(r.evidence())
        .containsEntry("status", "HTTP 404 Client Error")
        .containsEntry("header.Server", "api/1.0")
        .containsEntry("bodyExcerpt", "no such thing")
        .containsKeys("connectMillis", "firstByteMillis", "totalMillis");
    RecordedRequest req = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getTarget()).isEqualTo("/v1/hello?x=1");
    assertThat(req.getTarget()).doesNotContain("user_key");
    assertThat(r.reproduce().orElseThrow())
        .startsWith("curl -sv -X POST '" + base() + "/v1/hello?x=1'");
  }

  @Test
  void aServerErrorFromTheApiIsApiErrorStatus() {
    server.enqueue(new MockResponse.Builder().code(503).body("down for maintenance").build());

    CheckResult r =
        new HttpRequestCheck().run(FakeCheckContext.of("api.url", base()).on(Endpoint.API));

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("api-error-status");
    assertThat(r.evidence().get("bodyExcerpt")).isEqualTo("down for maintenance");
  }

  @Test
  void anApiThatNeverAnswersIsApiTimeoutNamingTheTimeout() {
    server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).build());

    CheckResult r =
        new HttpRequestCheck()
            .run(FakeCheckContext.of("api.url", base(), "timeouts.read", "300ms").on(Endpoint.API));

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("api-timeout");
    assertThat(r.summary()).contains("read timeout of 300ms (timeouts.read)");
  }

  @Test
  void aRefusedApiIsUnreachable() throws Exception {
    try (FreePorts.RefusingPort refusing = FreePorts.refusing()) {
      int port = refusing.port();
      CheckResult r =
          new HttpRequestCheck()
              .run(FakeCheckContext.of("api.url", "http://127.0.0.1:" + port).on(Endpoint.API));

      assertThat(r.cause()).contains("api-unreachable");
      assertThat(r.evidence().get("failure")).startsWith("REFUSED");
    }
  }

  @Test
  void anyAnswerFromTheGatewayProvesItIsReachable() {
    server.enqueue(
        new MockResponse.Builder().code(403).body("Authentication parameters missing").build());

    CheckResult r =
        new HttpRequestCheck().run(FakeCheckContext.of("gateway.url", base()).on(Endpoint.GATEWAY));

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.hop()).isEqualTo(Hop.CLIENT_GATEWAY);
  }

  @Test
  void aGatewayThatRefusesIsDownNotUnreachable() throws Exception {
    try (FreePorts.RefusingPort refusing = FreePorts.refusing()) {
      int port = refusing.port();
      CheckResult r =
          new HttpRequestCheck()
              .run(
                  FakeCheckContext.of("gateway.url", "http://127.0.0.1:" + port)
                      .on(Endpoint.GATEWAY));

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.cause()).contains("gateway-down");
      assertThat(r.hop()).isEqualTo(Hop.GATEWAY);
    }
  }

  @Test
  void aGatewayWithASelfSignedCertificateIsThatCertificateNotAFailedHandshake(@TempDir Path dir)
      throws Exception {
    TestPki.Issued self = TestPki.selfSigned("gw.test");
    try (OpenSslServer tls =
        OpenSslServer.start(
            TestPki.writePem(dir.resolve("self.pem"), self.certificate()),
            TestPki.writePem(dir.resolve("self.key"), self.keys().getPrivate()),
            null)) {
      CheckResult r =
          new HttpRequestCheck()
              .run(
                  FakeCheckContext.of(
                          "gateway.url",
                          "https://gw.test:" + tls.port(),
                          "network.resolve",
                          "gw.test:127.0.0.1")
                      .on(Endpoint.GATEWAY));

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.cause()).contains("tls-self-signed");
      assertThat(r.summary())
          .contains("presented a certificate this client rejects")
          .contains("self-signed (CN=gw.test)")
          .doesNotContain("sun.security")
          .doesNotContain("PKIX");
      assertThat(r.evidence().get("failure")).startsWith("CERTIFICATE");
    }
  }

  @Test
  void anExpiredApiCertificateIsTlsExpired(@TempDir Path dir) throws Exception {
    TestPki pki = new TestPki();
    java.time.Instant now = java.time.Instant.now();
    TestPki.Issued leaf =
        pki.leaf(
            now.minus(java.time.Duration.ofDays(400)),
            now.minus(java.time.Duration.ofDays(35)),
            "api.test");
    Path ca = TestPki.writePem(dir.resolve("ca.pem"), pki.root.certificate());
    try (OpenSslServer tls =
        OpenSslServer.start(
            TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate()),
            TestPki.writePem(dir.resolve("leaf.key"), leaf.keys().getPrivate()),
            TestPki.writePem(dir.resolve("chain.pem"), pki.intermediate.certificate()))) {
      CheckResult r =
          new HttpRequestCheck()
              .run(
                  FakeCheckContext.of(
                          "api.url",
                          "https://api.test:" + tls.port(),
                          "network.resolve",
                          "api.test:127.0.0.1",
                          "tls.caFile",
                          ca.toString())
                      .on(Endpoint.API));

      assertThat(r.cause()).contains("tls-expired");
      assertThat(r.summary()).contains("expired on");
    }
  }
}
