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
 * Certificates made by the test with Bouncy Castle: a root CA, an intermediate (valid now, or over
 * any period: expired, not yet valid), a second intermediate below it for chains sent out of order,
 * and leaves that are good, expired, not yet valid, expiring soon, for the wrong host, for the
 * wrong purpose (client authentication only), or self-signed.
 */
public final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A certificate and the key pair it certifies. */
  public record Issued(X509Certificate certificate, KeyPair keys) {}

  public final Issued root;
  public final Issued intermediate;

  public TestPki() {
    this(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1825)));
  }

  /** A PKI whose intermediate is valid from {@code notBefore} to {@code notAfter} only. */
  public TestPki(Instant intermediateNotBefore, Instant intermediateNotAfter) {
    Instant now = Instant.now();
    root =
        issue(
            "CN=Doctor Test Root CA,O=3scale-doctor tests",
            null,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(3650)),
            true,
            List.of(),
            null);
    intermediate =
        issue(
            "CN=Doctor Test Intermediate CA,O=3scale-doctor tests",
            root,
            intermediateNotBefore,
            intermediateNotAfter,
            true,
            List.of(),
            null);
  }

  /** A CA below the intermediate: root, intermediate, this one, then the leaves it issues. */
  public Issued subordinate() {
    Instant now = Instant.now();
    return issue(
        "CN=Doctor Test Issuing CA,O=3scale-doctor tests",
        intermediate,
        now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(1000)),
        true,
        List.of(),
        null);
  }

  /** A server certificate for {@code names} issued by {@code ca}, valid for 90 days. */
  public static Issued leafFrom(Issued ca, String... names) {
    return forNinetyDays(ca, KeyPurposeId.id_kp_serverAuth, names);
  }

  /**
   * A certificate for {@code names} whose extended key usage allows {@code purpose} only, e.g. a
   * client certificate (clientAuth) installed on a server by mistake.
   */
  public Issued leafFor(KeyPurposeId purpose, String... names) {
    return forNinetyDays(intermediate, purpose, names);
  }

  /** A server certificate for {@code names} issued by the intermediate, valid for 90 days. */
  public Issued leaf(String... names) {
    Instant now = Instant.now();
    return leaf(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), names);
  }

  public Issued leaf(Instant notBefore, Instant notAfter, String... names) {
    return issue(
        "CN=" + names[0],
        intermediate,
        notBefore,
        notAfter,
        false,
        List.of(names),
        KeyPurposeId.id_kp_serverAuth);
  }

  /** A certificate that signs itself, for {@code names}. */
  public static Issued selfSigned(String... names) {
    return forNinetyDays(null, KeyPurposeId.id_kp_serverAuth, names);
  }

  /** A leaf for {@code names} from {@code issuer} (itself when null), valid from yesterday on. */
  private static Issued forNinetyDays(Issued issuer, KeyPurposeId purpose, String... names) {
    Instant now = Instant.now();
    return issue(
        "CN=" + names[0],
        issuer,
        now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(90)),
        false,
        List.of(names),
        purpose);
  }

  /** A self-signed server certificate for {@code names} with an RSA 2048 key. */
  public static Issued selfSignedRsa(String... names) {
    Instant now = Instant.now();
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return issue(
          g.generateKeyPair(),
          "CN=" + names[0],
          null,
          now.minus(Duration.ofDays(1)),
          now.plus(Duration.ofDays(90)),
          false,
          List.of(names),
          KeyPurposeId.id_kp_serverAuth);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A certificate that names {@code ca} as its issuer and is signed by it, but carries {@code ca}'s
   * own subject: subject and issuer read the same, yet it is not self-signed.
   */
  public static Issued namedLikeItsIssuer(Issued ca) {
    Instant now = Instant.now();
    return issue(
        ca.certificate().getSubjectX500Principal().getName(),
        ca,
        now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(90)),
        false,
        List.of("api.test"),
        KeyPurposeId.id_kp_serverAuth);
  }

  private static Issued issue(
      String subject,
      Issued issuer,
      Instant notBefore,
      Instant notAfter,
      boolean ca,
      List<String> names,
      KeyPurposeId purpose) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return issue(g.generateKeyPair(), subject, issuer, notBefore, notAfter, ca, names, purpose);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Issued issue(
      KeyPair keys,
      String subject,
      Issued issuer,
      Instant notBefore,
      Instant notAfter,
      boolean ca,
      List<String> names,
      KeyPurposeId purpose) {
    try {
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
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
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
          new JcaContentSignerBuilder(
                  (issuer == null ? keys : issuer.keys()).getPrivate().getAlgorithm().equals("RSA")
                      ? "SHA256withRSA"
                      : "SHA256withECDSA")
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
