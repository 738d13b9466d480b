package io.threescaledoctor.checks.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.testing.Component;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tls.protocols} against three real TLS stacks, each judged by testssl.sh as well, which
 * must agree with the doctor on every version the doctor probes: the JDK's own server with SSLv3
 * switched back on (in a JVM of its own), a GnuTLS server that offers only TLS 1.0 and 1.1, and an
 * OpenSSL server with TLS 1.2 and up. testssl takes about 20 s a peer, so the three run at once,
 * started before the tests.
 */
class TlsProtocolsAgainstTestsslTest {
  @TempDir static Path dir;

  private static JdkLegacyTlsServer jdk;
  private static GnutlsServer gnutls;
  private static OpenSslServer openssl;
  private static final Map<String, Process> TESTSSL = new LinkedHashMap<>();

  @BeforeAll
  static void startPeersAndTestssl() throws Exception {
    Component.TESTSSL.require();
    Component.GNUTLS_SERV.require();
    // openssl writes the key with its public half, which GnuTLS needs (the JDK's PKCS#8 has none).
    Path cert = dir.resolve("peer.pem");
    Path key = dir.resolve("peer.key");
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString());

    jdk = JdkLegacyTlsServer.start(rsaKeyStore(), "changeit", "SSLv3", "TLSv1", "TLSv1.2");
    gnutls = GnutlsServer.start(cert, key, "NORMAL:-VERS-ALL:+VERS-TLS1.0:+VERS-TLS1.1");
    openssl = OpenSslServer.start(cert, key, null, "-min_protocol", "TLSv1.2");

    TESTSSL.put("jdk", Testssl.start(jdk.port(), dir.resolve("jdk.json"), cmd -> cmd));
    TESTSSL.put(
        "gnutls",
        Testssl.start(GnutlsServer.PORT, dir.resolve("gnutls.json"), gnutls::inItsNetwork));
    TESTSSL.put("openssl", Testssl.start(openssl.port(), dir.resolve("openssl.json"), cmd -> cmd));
  }

  /** An RSA key and certificate for the JDK server: SSLv3 has no suites for EC keys. */
  private static Path rsaKeyStore() throws IOException, InterruptedException {
    Path p12 = dir.resolve("legacy.p12");
    run(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair",
        "-alias",
        "legacy",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "san=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        p12.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    return p12;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)
        .as("%s: %s", command[0], out)
        .isTrue();
  }

  @AfterAll
  static void stopEverything() throws InterruptedException {
    TESTSSL.values().forEach(Process::destroyForcibly);
    for (AutoCloseable peer : new AutoCloseable[] {jdk, gnutls, openssl}) {
      try {
        if (peer != null) {
          peer.close();
        }
      } catch (Exception e) {
        // the others still get stopped
      }
    }
  }

  /** The doctor's verdict per version, in testssl's words. */
  private static Map<String, String> doctorsVerdicts(Map<String, String> evidence) {
    Map<String, String> verdicts = new LinkedHashMap<>();
    Testssl.VERSIONS
        .keySet()
        .forEach(label -> verdicts.put(label, ProtocolsProbe.offered(evidence.get(label))));
    return verdicts;
  }

  private static Map<String, String> testssl(String peer) throws Exception {
    return Testssl.verdicts(TESTSSL.get(peer), dir.resolve(peer + ".json"));
  }

  @Test
  void aJdkServerWithSslv3SwitchedBackOnFailsAndTestsslAgrees() throws Exception {
    CheckResult r = ProtocolsProbe.run(jdk.port());

    assertThat(r.status()).as(r.summary()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("tls-sslv3-accepted");
    assertThat(r.evidence().get("SSLv3")).startsWith("accepted: ServerHello 0x0300");
    assertThat(r.evidence().get("TLSv1.0")).startsWith("accepted: ServerHello 0x0301");
    assertThat(r.evidence().get("TLSv1.1"))
        .isEqualTo(
            "lower version: ServerHello 0x0301: the peer does not speak TLSv1.1 and chose TLSv1.0"
                + " instead");
    assertThat(doctorsVerdicts(r.evidence()))
        .isEqualTo(Map.of("SSLv3", "offered", "TLSv1.0", "offered", "TLSv1.1", "not offered"))
        .isEqualTo(testssl("jdk"));
  }

  @Test
  void aGnutlsServerOfferingTls10And11IsAWarningAndTestsslAgrees() throws Exception {
    Map<String, String> found = ProtocolsProbe.runForked(GnutlsServer.PORT, gnutls::inItsNetwork);

    assertThat(found.get("status")).as(found.toString()).isEqualTo("WARN");
    assertThat(found.get("cause")).isEqualTo("tls-weak-protocol");
    assertThat(found.get("summary")).contains("refuses SSLv3 but accepts TLSv1.0 and TLSv1.1");
    assertThat(doctorsVerdicts(found))
        .isEqualTo(Map.of("SSLv3", "not offered", "TLSv1.0", "offered", "TLSv1.1", "offered"))
        .isEqualTo(testssl("gnutls"));
  }

  @Test
  void anOpensslServerWithTls12AndUpPassesAndTestsslAgrees() throws Exception {
    CheckResult r = ProtocolsProbe.run(openssl.port());

    assertThat(r.status()).as(r.summary()).isEqualTo(Status.PASS);
    assertThat(doctorsVerdicts(r.evidence()))
        .isEqualTo(
            Map.of("SSLv3", "not offered", "TLSv1.0", "not offered", "TLSv1.1", "not offered"))
        .isEqualTo(testssl("openssl"));
  }
}
