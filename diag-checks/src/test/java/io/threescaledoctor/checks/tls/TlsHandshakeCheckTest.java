package io.threescaledoctor.checks.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.http.FakeCheckContext;
import io.threescaledoctor.checks.tcp.TunnelProxy;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.testing.FreePorts;
import io.threescaledoctor.core.testing.RealNginx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsHandshakeCheckTest {
  @TempDir static Path dir;
  private static Path cert;
  private static Path key;
  private static Path chain;

  @BeforeAll
  static void makeCertificates() throws Exception {
    TestPki pki = new TestPki();
    TestPki.Issued leaf = pki.leaf("api.test");
    cert = TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate());
    key = TestPki.writePem(dir.resolve("leaf.key"), leaf.keys().getPrivate());
    chain = TestPki.writePem(dir.resolve("chain.pem"), pki.intermediate.certificate());
  }

  private static CheckResult handshake(int port, String... more) {
    String[] keys = new String[4 + more.length];
    keys[0] = "api.url";
    keys[1] = "https://api.test:" + port;
    keys[2] = "network.resolve";
    keys[3] = "api.test:127.0.0.1";
    System.arraycopy(more, 0, keys, 4, more.length);
    return new TlsHandshakeCheck().run(FakeCheckContext.of(keys).on(Endpoint.API));
  }

  @Test
  void reportsProtocolCipherSniAndAlpnOfARealServer() throws Exception {
    try (OpenSslServer server = OpenSslServer.start(cert, key, chain, "-alpn", "http/1.1")) {
      CheckResult r = handshake(server.port());

      assertThat(r.status()).isEqualTo(Status.PASS);
      assertThat(r.evidence().get("protocol")).isEqualTo("TLSv1.3");
      assertThat(r.evidence().get("cipherSuite")).startsWith("TLS_");
      assertThat(r.evidence().get("sni")).isEqualTo("api.test");
      assertThat(r.evidence().get("alpn")).isEqualTo("http/1.1");
      assertThat(r.evidence().get("certificates")).isEqualTo("2");
      assertThat(r.facts(TlsSession.class).orElseThrow().chain()).hasSize(2);
      assertThat(r.reproduce().orElseThrow())
          .startsWith(
              "openssl s_client -connect 127.0.0.1:" + server.port() + " -servername api.test");
    }
  }

  @Test
  void eachEndpointSendsItsOwnServerNameBeforeTheGlobalOne() throws Exception {
    try (OpenSslServer server = OpenSslServer.start(cert, key, chain)) {
      String url = "https://127.0.0.1:" + server.port();
      FakeCheckContext ctx =
          FakeCheckContext.of(
              "gateway.url",
              url,
              "api.url",
              url,
              "gateway.servername",
              "api.test",
              "tls.servername",
              "global.example.test");

      CheckResult gateway = new TlsHandshakeCheck().run(ctx.on(Endpoint.GATEWAY));
      CheckResult api = new TlsHandshakeCheck().run(ctx.on(Endpoint.API));

      assertThat(gateway.evidence().get("sni")).isEqualTo("api.test");
      assertThat(gateway.reproduce().orElseThrow()).contains("-servername api.test");
      assertThat(api.evidence().get("sni")).isEqualTo("global.example.test");
    }
  }

  @Test
  void sendsTheConfiguredServerName() throws Exception {
    try (OpenSslServer server = OpenSslServer.start(cert, key, chain)) {
      CheckResult r = handshake(server.port(), "tls.servername", "tenant.example.test");

      assertThat(r.status()).isEqualTo(Status.PASS);
      assertThat(r.evidence().get("sni")).isEqualTo("tenant.example.test");
      assertThat(r.evidence().get("alpn")).isEqualTo("none");
    }
  }

  @Test
  void aServerThatNeedsSniSaysSoWhenTheUrlIsAnAddress() throws Exception {
    try (RealNginx nginx = sniOnlyNginx(dir.resolve("sni-only"), cert, key)) {
      String url = "https://127.0.0.1:" + nginx.port();

      CheckResult bare =
          new TlsHandshakeCheck().run(FakeCheckContext.of("api.url", url).on(Endpoint.API));
      CheckResult named =
          new TlsHandshakeCheck()
              .run(
                  FakeCheckContext.of("api.url", url, "api.servername", "api.test")
                      .on(Endpoint.API));

      assertThat(bare.status()).isEqualTo(Status.FAIL);
      assertThat(bare.summary())
          .contains("alert unrecognized_name")
          .contains("no SNI was sent because 127.0.0.1 is an IP address")
          .contains("--servername");
      assertThat(bare.evidence().get("sni")).isEqualTo("none (IP address)");
      assertThat(bare.reproduce().orElseThrow()).doesNotContain("-servername");
      assertThat(named.status()).isEqualTo(Status.PASS);
      assertThat(named.evidence().get("sni")).isEqualTo("api.test");
    }
  }

  /**
   * nginx as SNI-only virtual hosting has it: the default server rejects every handshake, only a
   * client naming {@code api.test} gets a certificate.
   */
  static RealNginx sniOnlyNginx(Path home, Path cert, Path key) throws Exception {
    return RealNginx.start(
        java.nio.file.Files.createDirectories(home),
        """
        server {
          listen 127.0.0.1:PORT ssl default_server;
          ssl_reject_handshake on;
        }
        server {
          listen 127.0.0.1:PORT ssl;
          server_name api.test;
          ssl_certificate %s;
          ssl_certificate_key %s;
          location / { return 200 "api\\n"; }
        }
        """
            .formatted(cert, key));
  }

  @Test
  void aPeerThatAcceptsAndNeverSpeaksCostsOnlyTheReadTimeout() throws Exception {
    try (HostilePeer silent = HostilePeer.silent()) {
      long start = System.nanoTime();
      CheckResult r = handshake(silent.port(), "timeouts.read", "300ms");

      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.cause()).contains("tls-handshake-failed");
      assertThat(r.summary()).contains("read timeout of 300ms (timeouts.read)");
    }
  }

  @Test
  void aPeerSendingGarbageFailsWithWhatItSent() throws Exception {
    try (HostilePeer http =
        HostilePeer.answering(
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII))) {
      CheckResult r = handshake(http.port());

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.summary()).contains("not TLS");
    }
  }

  @Test
  void failsWhenNothingListens() throws Exception {
    try (FreePorts.RefusingPort refusing = FreePorts.refusing()) {
      int port = refusing.port();
      CheckResult r = handshake(port);

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.summary()).contains("127.0.0.1:" + port);
    }
  }

  @Test
  void skipsPlainHttp() {
    CheckResult r =
        new TlsHandshakeCheck()
            .run(FakeCheckContext.of("api.url", "http://api.test").on(Endpoint.API));

    assertThat(r.status()).isEqualTo(Status.SKIP);
  }

  @Test
  void shakesHandsThroughAnHttpProxyWithConnect() throws Exception {
    try (OpenSslServer server = OpenSslServer.start(cert, key, chain);
        TunnelProxy proxy = new TunnelProxy()) {
      CheckResult r =
          new TlsHandshakeCheck()
              .run(
                  FakeCheckContext.of(
                          "api.url",
                          "https://api.test:" + server.port(),
                          "network.proxy",
                          proxy.url())
                      .on(Endpoint.API));

      assertThat(r.status()).as(r.summary()).isEqualTo(Status.PASS);
      assertThat(proxy.requests())
          .containsExactly("CONNECT api.test:" + server.port() + " HTTP/1.1");
      assertThat(r.reproduce().orElseThrow()).contains("-proxy 127.0.0.1:");
    }
  }
}
