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
import org.bouncycastle.asn1.x509.KeyPurposeId;
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
          "tls-hostname-mismatch", Set.of(62),
          "tls-wrong-purpose", Set.of(26),
          "tls-chain-out-of-order", Set.of(0));

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
    return checkAgainstOpenssl(scenario, caFile, served, sendChain ? chainFile : null, moreKeys);
  }

  /**
   * Serves {@code served} followed by the certificates of {@code chain} (null: none), trusting
   * {@code trusted}, and checks the doctor's finding against openssl's verify code.
   */
  private CheckResult checkAgainstOpenssl(
      String scenario, Path trusted, TestPki.Issued served, Path chain, String... moreKeys)
      throws Exception {
    Path cert = TestPki.writePem(dir.resolve(scenario + ".pem"), served.certificate());
    Path key = TestPki.writePem(dir.resolve(scenario + ".key"), served.keys().getPrivate());
    try (OpenSslServer server = OpenSslServer.start(cert, key, chain)) {
      String[] keys = new String[6 + moreKeys.length];
      keys[0] = "api.url";
      keys[1] = "https://" + NAME + ":" + server.port();
      keys[2] = "network.resolve";
      keys[3] = NAME + ":127.0.0.1";
      keys[4] = "tls.caFile";
      keys[5] = trusted.toString();
      System.arraycopy(moreKeys, 0, keys, 6, moreKeys.length);
      CheckResult r = new TlsCertificateCheck().run(FakeCheckContext.of(keys).on(Endpoint.API));
      int opensslCode = server.opensslVerifyCode(trusted, NAME);
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
    assertThat(r.remedy()).as("the catalog's remedy: renew it").isEmpty();
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

  @Test
  void reportsAnExpiredIntermediateByName() throws Exception {
    Instant now = Instant.now();
    TestPki old = new TestPki(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(175)));
    Path oldRoot = TestPki.writePem(dir.resolve("old-root.pem"), old.root.certificate());
    Path oldChain = TestPki.writePem(dir.resolve("old-chain.pem"), old.intermediate.certificate());

    CheckResult r = checkAgainstOpenssl("old-intermediate", oldRoot, old.leaf(NAME), oldChain);

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("tls-expired");
    assertThat(r.summary())
        .startsWith("chain certificate 1 expired on ")
        .contains("CN=Doctor Test Intermediate CA");
    assertThat(r.remedy()).hasValueSatisfying(m -> assertThat(m).contains("intermediate CA"));
  }

  @Test
  void anExpiredIntermediateIsExpiredEvenWhenTheCaFileTrustsItDirectly() throws Exception {
    Instant now = Instant.now();
    TestPki old = new TestPki(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(175)));
    Path both =
        TestPki.writePem(
            dir.resolve("old-both.pem"), old.root.certificate(), old.intermediate.certificate());
    Path oldChain = TestPki.writePem(dir.resolve("old-chain2.pem"), old.intermediate.certificate());

    CheckResult r = checkAgainstOpenssl("old-anchored", both, old.leaf(NAME), oldChain);

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("tls-expired");
    assertThat(r.summary()).startsWith("chain certificate 1 expired on ");
  }

  @Test
  void reportsAnIntermediateNotValidYet() throws Exception {
    Instant now = Instant.now();
    TestPki early = new TestPki(now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(900)));
    Path earlyRoot = TestPki.writePem(dir.resolve("early-root.pem"), early.root.certificate());
    Path earlyChain =
        TestPki.writePem(dir.resolve("early-chain.pem"), early.intermediate.certificate());

    CheckResult r =
        checkAgainstOpenssl("early-intermediate", earlyRoot, early.leaf(NAME), earlyChain);

    assertThat(r.cause()).contains("tls-expired");
    assertThat(r.summary())
        .startsWith("chain certificate 1 is not valid yet: valid from ")
        .contains("Intermediate");
  }

  @Test
  void reportsACertificateMadeForAnotherPurpose() throws Exception {
    CheckResult r =
        checkAgainstOpenssl("client-cert", pki.leafFor(KeyPurposeId.id_kp_clientAuth, NAME), true);

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("tls-wrong-purpose");
    assertThat(r.summary())
        .isEqualTo(
            "the certificate is not for TLS servers: its extended key usage allows client"
                + " authentication only (CN=api.test)");
  }

  @Test
  void warnsOfAChainSentOutOfOrderThatStrictClientsRefuse() throws Exception {
    TestPki.Issued issuing = pki.subordinate();
    TestPki.Issued leaf = TestPki.leafFrom(issuing, NAME);
    Path outOfOrder =
        TestPki.writePem(
            dir.resolve("out-of-order-chain.pem"),
            pki.intermediate.certificate(),
            issuing.certificate());
    Path inOrder =
        TestPki.writePem(
            dir.resolve("in-order-chain.pem"),
            issuing.certificate(),
            pki.intermediate.certificate());

    CheckResult r = checkAgainstOpenssl("out-of-order", caFile, leaf, outOfOrder);
    CheckResult ordered = checkAgainstOpenssl("in-order", caFile, leaf, inOrder);

    assertThat(r.status()).as(r.summary() + r.evidence()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("tls-chain-out-of-order");
    assertThat(r.summary())
        .isEqualTo(
            "the server sends its chain out of order: chain certificate 1"
                + " (CN=Doctor Test Intermediate CA,O=3scale-doctor tests) did not issue the one"
                + " before it; TLS 1.2 requires each certificate to certify the one before");
    assertThat(ordered.status()).isEqualTo(Status.PASS);
    assertThat(ordered.summary()).startsWith("trusted chain of 3 for api.test");
  }

  @Test
  void usesTheSessionTheHandshakeCheckSawInsteadOfConnectingAgain() throws Exception {
    Path cert = TestPki.writePem(dir.resolve("reuse.pem"), pki.leaf(NAME).certificate());
    TestPki.Issued served = pki.leaf(NAME);
    cert = TestPki.writePem(dir.resolve("reuse.pem"), served.certificate());
    Path key = TestPki.writePem(dir.resolve("reuse.key"), served.keys().getPrivate());
    FakeCheckContext ctx;
    CheckResult handshake;
    try (OpenSslServer server = OpenSslServer.start(cert, key, chainFile)) {
      ctx =
          FakeCheckContext.of(
                  "api.url",
                  "https://" + NAME + ":" + server.port(),
                  "network.resolve",
                  NAME + ":127.0.0.1",
                  "tls.caFile",
                  caFile.toString())
              .on(Endpoint.API);
      handshake = new TlsHandshakeCheck().run(ctx);
    }

    CheckResult r = new TlsCertificateCheck().run(ctx.withResult("tls.handshake", handshake));

    assertThat(r.status()).as(r.summary()).isEqualTo(Status.PASS);
    assertThat(r.evidence()).containsEntry("trust", "JDK CAs + " + caFile);
    CheckResult again = new TlsCertificateCheck().run(ctx);
    assertThat(again.status()).as("the server is gone").isEqualTo(Status.FAIL);
  }
}
