package io.threescaledoctor.checks.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.http.FakeCheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each scenario is served by a real {@code openssl s_server}, and the doctor's finding must agree
 * with the verify code {@code openssl s_client -verify_return_error} reports for the same peer.
 */
class TlsCertificateCheckTest {
  private static final String NAME = "api.test";

  /** openssl verify codes that mean the same as each finding (0 = ok). */
  private static final Map<String, Set<Integer>> OPENSSL_CODES =
      Map.of(
          "none", Set.of(0),
          "tls-expiring-soon", Set.of(0),
          "tls-self-signed", Set.of(18),
          "tls-expired", Set.of(9, 10),
          "tls-untrusted-issuer", Set.of(2, 19, 20, 21),
          "tls-hostname-mismatch", Set.of(62));

  @TempDir static Path dir;
  private static TestPki pki;
  private static Path caFile;
  private static Path chainFile;

  @BeforeAll
  static void makePki() throws Exception {
    pki = new TestPki();
    caFile = TestPki.writePem(dir.resolve("ca.pem"), pki.root.certificate());
    chainFile = TestPki.writePem(dir.resolve("chain.pem"), pki.intermediate.certificate());
  }

  private CheckResult checkAgainstOpenssl(
      String scenario, TestPki.Issued served, boolean sendChain, String... moreKeys)
      throws Exception {
    Path cert = TestPki.writePem(dir.resolve(scenario + ".pem"), served.certificate());
    Path key = TestPki.writePem(dir.resolve(scenario + ".key"), served.keys().getPrivate());
    try (OpenSslServer server = OpenSslServer.start(cert, key, sendChain ? chainFile : null)) {
      String[] keys = new String[6 + moreKeys.length];
      keys[0] = "api.url";
      keys[1] = "https://" + NAME + ":" + server.port();
      keys[2] = "network.resolve";
      keys[3] = NAME + ":127.0.0.1";
      keys[4] = "tls.caFile";
      keys[5] = caFile.toString();
      System.arraycopy(moreKeys, 0, keys, 6, moreKeys.length);
      CheckResult r = new TlsCertificateCheck().run(FakeCheckContext.of(keys).on(Endpoint.API));
      int opensslCode = server.opensslVerifyCode(caFile, NAME);
      assertThat(OPENSSL_CODES.get(r.cause().orElse("none")))
          .as(
              "doctor says %s (%s), openssl says %d",
              r.cause().orElse("ok"), r.summary(), opensslCode)
          .contains(opensslCode);
      return r;
    }
  }

  @Test
  void passesAValidChainFromTheTestCa() throws Exception {
    CheckResult r = checkAgainstOpenssl("good", pki.leaf(NAME), true);

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence().get("cert[0].subject")).isEqualTo("CN=api.test");
    assertThat(r.evidence().get("cert[0].subjectAltNames")).isEqualTo("DNS:api.test");
    assertThat(r.evidence().get("cert[0].key")).isEqualTo("EC 256 bits");
    assertThat(r.evidence().get("cert[0].signatureAlgorithm")).isEqualTo("SHA256withECDSA");
    assertThat(r.evidence().get("cert[0].sha256")).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(r.evidence().get("cert[1].subject")).contains("Intermediate");
    assertThat(r.reproduce().orElseThrow())
        .contains("-connect 127.0.0.1:")
        .contains("-CAfile " + caFile)
        .contains("-verify_hostname api.test");
  }

  @Test
  void reportsASelfSignedCertificate() throws Exception {
    CheckResult r = checkAgainstOpenssl("self", TestPki.selfSigned(NAME), false);

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("tls-self-signed");
  }

  @Test
  void reportsAnExpiredCertificate() throws Exception {
    Instant now = Instant.now();
    CheckResult r =
        checkAgainstOpenssl(
            "expired",
            pki.leaf(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)), NAME),
            true);

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("tls-expired");
    assertThat(r.summary()).contains("expired on");
  }

  @Test
  void reportsACertificateNotYetValid() throws Exception {
    Instant now = Instant.now();
    CheckResult r =
        checkAgainstOpenssl(
            "future",
            pki.leaf(now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(90)), NAME),
            true);

    assertThat(r.cause()).contains("tls-expired");
    assertThat(r.summary()).contains("not valid yet");
  }

  @Test
  void warnsWhenTheCertificateExpiresWithinThirtyDays() throws Exception {
    Instant now = Instant.now();
    CheckResult r =
        checkAgainstOpenssl(
            "soon",
            pki.leaf(now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(10)), NAME),
            true);

    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("tls-expiring-soon");
  }

  @Test
  void reportsAHostnameMismatch() throws Exception {
    CheckResult r = checkAgainstOpenssl("other", pki.leaf("other.test"), true);

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("tls-hostname-mismatch");
    assertThat(r.summary()).contains("does not name api.test");
  }

  @Test
  void reportsALeafSentWithoutItsIntermediate() throws Exception {
    CheckResult r = checkAgainstOpenssl("nochain", pki.leaf(NAME), false);

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("tls-untrusted-issuer");
    assertThat(r.summary())
        .startsWith("unable to get local issuer certificate")
        .contains("Intermediate");
  }

  @Test
  void insecureStillReportsWhatItSawButOnlyWarns() throws Exception {
    CheckResult r =
        checkAgainstOpenssl(
            "self-insecure", TestPki.selfSigned(NAME), false, "tls.insecure", "true");

    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("tls-self-signed");
    assertThat(r.summary()).contains("not enforced: tls.insecure");
  }

  @Test
  void skipsPlainHttp() {
    CheckResult r =
        new TlsCertificateCheck()
            .run(FakeCheckContext.of("api.url", "http://api.test").on(Endpoint.API));

    assertThat(r.status()).isEqualTo(Status.SKIP);
  }
}
