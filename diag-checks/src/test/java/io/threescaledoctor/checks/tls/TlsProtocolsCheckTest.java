package io.threescaledoctor.checks.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.http.FakeCheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.testing.RealNginx;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsProtocolsCheckTest {
  @TempDir static Path dir;
  private static TestPki pki;
  private static TestPki.Issued leaf;
  private static Path cert;
  private static Path key;

  @BeforeAll
  static void makeCertificates() throws Exception {
    pki = new TestPki();
    leaf = pki.leaf("api.test");
    cert = TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate());
    key = TestPki.writePem(dir.resolve("leaf.key"), leaf.keys().getPrivate());
  }

  private static CheckResult protocols(int port, String... more) {
    String[] keys = new String[4 + more.length];
    keys[0] = "api.url";
    keys[1] = "https://api.test:" + port;
    keys[2] = "network.resolve";
    keys[3] = "api.test:127.0.0.1";
    System.arraycopy(more, 0, keys, 4, more.length);
    return new TlsProtocolsCheck().run(FakeCheckContext.of(keys).on(Endpoint.API));
  }

  @Test
  void aDefaultJdkServerRejectsSslv3WithProtocolVersion() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "leaf",
        leaf.keys().getPrivate(),
        new char[0],
        new Certificate[] {leaf.certificate(), pki.intermediate.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
    kmf.init(ks, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    try (SSLServerSocket server =
        (SSLServerSocket)
            ctx.getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
      Thread t =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(2000);
                    s.startHandshake();
                  } catch (IOException ignored) {
                    // every legacy hello ends the handshake with an alert
                  }
                }
              });
      t.setDaemon(true);
      t.start();

      CheckResult r = protocols(server.getLocalPort());

      assertThat(r.status()).isEqualTo(Status.PASS);
      assertThat(r.evidence().get("SSLv3")).isEqualTo("rejected: alert protocol_version (70)");
      assertThat(r.evidence().get("TLSv1.0")).startsWith("rejected");
      assertThat(r.evidence().get("TLSv1.1")).startsWith("rejected");
    }
  }

  @Test
  void aRefusedSniNameSaysNothingAboutTheVersionOffered() throws Exception {
    try (RealNginx nginx = TlsHandshakeCheckTest.sniOnlyNginx(dir.resolve("sni-only"), cert, key)) {
      CheckResult r =
          new TlsProtocolsCheck()
              .run(
                  FakeCheckContext.of("api.url", "https://127.0.0.1:" + nginx.port())
                      .on(Endpoint.API));

      assertThat(r.evidence().get("TLSv1.0")).contains("unrecognized_name");
      assertThat(r.summary())
          .doesNotContain("refuses SSLv3, TLSv1.0")
          .contains("not told: refused the SNI name");
    }
  }

  @Test
  void aDefaultOpensslServerRejectsSslv3AndOldTls() throws Exception {
    try (OpenSslServer server = OpenSslServer.start(cert, key, null)) {
      CheckResult r = protocols(server.port());

      assertThat(r.status()).isEqualTo(Status.PASS);
      assertThat(r.evidence().get("SSLv3")).startsWith("rejected: alert");
      assertThat(r.summary()).contains("refuses SSLv3, TLSv1.0, TLSv1.1");
      assertThat(r.reproduce().orElseThrow())
          .startsWith("openssl s_client -connect 127.0.0.1:" + server.port() + " -ssl3");
    }
  }

  @Test
  void aServerAnsweringWithAnSslv3ServerHelloFails() throws Exception {
    try (HostilePeer ssl3 = HostilePeer.answering(HostilePeer.sslv3ServerHello())) {
      CheckResult r = protocols(ssl3.port());

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.cause()).contains("tls-sslv3-accepted");
      assertThat(r.evidence().get("SSLv3")).startsWith("accepted: ServerHello 0x0300");
    }
  }

  @Test
  void warnsWhenTls10IsStillAccepted() throws Exception {
    try (OpenSslServer server =
        OpenSslServer.start(cert, key, null, "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0")) {
      CheckResult r = protocols(server.port());

      assertThat(r.status()).isEqualTo(Status.WARN);
      assertThat(r.cause()).contains("tls-weak-protocol");
      assertThat(r.evidence().get("TLSv1.0")).startsWith("accepted: ServerHello 0x0301");
      assertThat(r.evidence().get("SSLv3")).startsWith("rejected");
    }
  }

  @Test
  void aSilentPeerCostsOneReadTimeout() throws Exception {
    try (HostilePeer silent = HostilePeer.silent()) {
      long start = System.nanoTime();
      CheckResult r = protocols(silent.port(), "timeouts.read", "300ms");

      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.summary()).contains("read timeout of 300ms (timeouts.read)");
    }
  }

  @Test
  void aPeerSpeakingSomethingElseIsNotTls() throws Exception {
    try (HostilePeer ssh =
        HostilePeer.answering("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII))) {
      CheckResult r = protocols(ssh.port());

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.evidence().get("SSLv3")).startsWith("not tls");
    }
  }

  @Test
  void aPeerAnsweringEveryHelloWithTls12IsBrokenButNotWeak() throws Exception {
    try (HostilePeer odd = HostilePeer.answering(HostilePeer.serverHello(3))) {
      CheckResult r = protocols(odd.port());

      assertThat(r.status()).isEqualTo(Status.PASS);
      assertThat(r.summary()).contains("with another version instead of refusing");
      assertThat(r.evidence().get("SSLv3")).startsWith("other version: ServerHello 0x0303");
    }
  }

  @Test
  void aPeerNegotiatingDownRefusesTheVersionItWasOfferedWithoutBeingBroken() throws Exception {
    try (HostilePeer tls10 = HostilePeer.answering(HostilePeer.serverHello(1))) {
      CheckResult r = protocols(tls10.port());

      assertThat(r.evidence().get("TLSv1.1"))
          .isEqualTo(
              "lower version: ServerHello 0x0301: the peer does not speak TLSv1.1 and chose"
                  + " TLSv1.0 instead");
      assertThat(r.evidence().get("TLSv1.0")).startsWith("accepted");
      assertThat(r.summary()).doesNotContain("broken");
    }
  }
}
