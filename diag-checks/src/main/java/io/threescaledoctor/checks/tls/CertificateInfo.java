package io.threescaledoctor.checks.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A certificate as a support engineer reads it: the fields {@code openssl x509 -text} shows. */
public final class CertificateInfo {
  private CertificateInfo() {}

  /** Subject, issuer, SANs, validity, key, signature algorithm, SHA-256 fingerprint. */
  public static Map<String, String> describe(X509Certificate c) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("subject", c.getSubjectX500Principal().getName());
    m.put("issuer", c.getIssuerX500Principal().getName());
    List<String> sans = subjectAltNames(c);
    m.put("subjectAltNames", sans.isEmpty() ? "none" : String.join(", ", sans));
    m.put("notBefore", c.getNotBefore().toInstant().toString());
    m.put("notAfter", c.getNotAfter().toInstant().toString());
    m.put("key", key(c.getPublicKey()));
    m.put("signatureAlgorithm", c.getSigAlgName());
    m.put("sha256", sha256(c));
    return m;
  }

  /** {@code DNS:api.example.com}, {@code IP:10.0.0.5}. */
  public static List<String> subjectAltNames(X509Certificate c) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = c.getSubjectAlternativeNames();
      if (sans == null) {
        return out;
      }
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        String kind =
            switch (type) {
              case 2 -> "DNS";
              case 7 -> "IP";
              case 1 -> "email";
              case 6 -> "URI";
              default -> "type" + type;
            };
        out.add(kind + ":" + san.get(1));
      }
    } catch (CertificateParsingException e) {
      out.add("unreadable (" + e.getMessage() + ")");
    }
    return out;
  }

  static String key(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return "RSA " + rsa.getModulus().bitLength() + " bits";
    }
    if (key instanceof ECPublicKey ec) {
      return "EC " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
    }
    return key.getAlgorithm();
  }

  /** Colon-separated upper-case hex, as {@code openssl x509 -fingerprint -sha256} prints it. */
  public static String sha256(X509Certificate c) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      return "unavailable (" + e.getMessage() + ")";
    }
  }

  /** True when the certificate names itself as issuer and its own key verifies its signature. */
  public static boolean selfSigned(X509Certificate c) {
    if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
      return false;
    }
    try {
      c.verify(c.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
