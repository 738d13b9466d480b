package io.threescaledoctor.checks.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made by the test with Bouncy Castle: a root CA, an intermediate, and leaves that are
 * good, expired, not yet valid, expiring soon, for the wrong host, or self-signed.
 */
public final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A certificate and the key pair it certifies. */
  public record Issued(X509Certificate certificate, KeyPair keys) {}

  public final Issued root;
  public final Issued intermediate;

  public TestPki() {
    Instant now = Instant.now();
    root =
        issue(
            "CN=Doctor Test Root CA,O=3scale-doctor tests",
            null,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(3650)),
            true,
            List.of());
    intermediate =
        issue(
            "CN=Doctor Test Intermediate CA,O=3scale-doctor tests",
            root,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(1825)),
            true,
            List.of());
  }

  /** A server certificate for {@code names} issued by the intermediate, valid for 90 days. */
  public Issued leaf(String... names) {
    Instant now = Instant.now();
    return leaf(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), names);
  }

  public Issued leaf(Instant notBefore, Instant notAfter, String... names) {
    return issue("CN=" + names[0], intermediate, notBefore, notAfter, false, List.of(names));
  }

  /** A certificate that signs itself, for {@code names}. */
  public static Issued selfSigned(String... names) {
    Instant now = Instant.now();
    return issue(
        "CN=" + names[0],
        null,
        now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(90)),
        false,
        List.of(names));
  }

  private static Issued issue(
      String subject,
      Issued issuer,
      Instant notBefore,
      Instant notAfter,
      boolean ca,
      List<String> names) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = g.generateKeyPair();
      X500Principal subjectName = new X500Principal(subject);
      X500Principal issuerName =
          issuer == null ? subjectName : issuer.certificate().getSubjectX500Principal();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuerName,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(notBefore),
              Date.from(notAfter),
              subjectName,
              keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      if (issuer != null) {
        b.addExtension(
            Extension.authorityKeyIdentifier,
            false,
            ext.createAuthorityKeyIdentifier(issuer.certificate()));
      }
      if (ca) {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        GeneralName[] sans =
            names.stream()
                .map(
                    n ->
                        n.matches("[0-9.]+")
                            ? new GeneralName(GeneralName.iPAddress, n)
                            : new GeneralName(GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
      }
      ContentSigner signer =
          new JcaContentSignerBuilder("SHA256withECDSA")
              .build(issuer == null ? keys.getPrivate() : issuer.keys().getPrivate());
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
      return new Issued(cert, keys);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes certificates (and optionally a private key) as PEM. */
  public static Path writePem(Path file, Object... objects) throws IOException {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      for (Object o : objects) {
        if (o instanceof java.security.PrivateKey key) {
          w.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        } else {
          w.writeObject(o);
        }
      }
    }
    Files.writeString(file, s.toString(), StandardCharsets.US_ASCII);
    return file;
  }
}
