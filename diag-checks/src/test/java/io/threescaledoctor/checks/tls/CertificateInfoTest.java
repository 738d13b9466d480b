package io.threescaledoctor.checks.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertificateInfoTest {
  private static final TestPki PKI = new TestPki();

  @Test
  void describesACertificateAsOpensslX509TextDoes() throws Exception {
    TestPki.Issued leaf = PKI.leaf("api.test", "10.0.0.5");

    Map<String, String> d = CertificateInfo.describe(leaf.certificate());

    assertThat(d)
        .containsEntry("subject", "CN=api.test")
        .containsEntry("issuer", "CN=Doctor Test Intermediate CA,O=3scale-doctor tests")
        .containsEntry("subjectAltNames", "DNS:api.test, IP:10.0.0.5")
        .containsEntry("notAfter", leaf.certificate().getNotAfter().toInstant().toString())
        .containsEntry("key", "EC 256 bits")
        .containsEntry("signatureAlgorithm", "SHA256withECDSA");
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf.certificate().getEncoded());
    assertThat(d.get("sha256"))
        .isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
    assertThat(CertificateInfo.describe(PKI.intermediate.certificate()))
        .containsEntry("subjectAltNames", "none");
  }

  @Test
  void namesAnRsaKeyByItsModulusSize() {
    assertThat(CertificateInfo.describe(TestPki.selfSignedRsa("rsa.test").certificate()))
        .containsEntry("key", "RSA 2048 bits")
        .containsEntry("signatureAlgorithm", "SHA256withRSA");
  }

  @Test
  void aCertificateIsSelfSignedOnlyWhenItsOwnKeySignedIt() {
    assertThat(CertificateInfo.selfSigned(TestPki.selfSigned("self.test").certificate())).isTrue();
    assertThat(CertificateInfo.selfSigned(PKI.root.certificate())).isTrue();
    assertThat(CertificateInfo.selfSigned(PKI.leaf("api.test").certificate())).isFalse();
    assertThat(
            CertificateInfo.selfSigned(TestPki.namedLikeItsIssuer(PKI.intermediate).certificate()))
        .as("subject and issuer read the same, but the intermediate's key signed it")
        .isFalse();
  }
}
