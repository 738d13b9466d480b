package io.threescaledoctor.checks.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Certificates as PEM text, the form {@code openssl x509} and {@code SSL_CERT_FILE} read. */
public final class Pem {
  private Pem() {}

  /** One {@code -----BEGIN CERTIFICATE-----} block per certificate, in the given order. */
  public static String encode(List<X509Certificate> certificates) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      for (X509Certificate c : certificates) {
        w.writeObject(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a certificate as PEM", e);
    }
    return out.toString();
  }
}
