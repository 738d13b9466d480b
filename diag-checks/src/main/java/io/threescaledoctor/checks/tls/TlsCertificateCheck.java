package io.threescaledoctor.checks.tls;

import io.threescaledoctor.checks.net.HostPort;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;

/**
 * {@code tls.certificate}: is the presented chain one a client will accept (guide §2.7, §4.2.4)?
 * Shows every certificate (subject, issuer, SANs, validity, key, signature algorithm, SHA-256
 * fingerprint) and names the first problem in the order {@code openssl s_client} reports them:
 * self-signed ({@code tls-self-signed}), any certificate of the chain outside its validity ({@code
 * tls-expired}), a certificate not meant for TLS servers ({@code tls-wrong-purpose}, openssl's
 * "unsupported certificate purpose"), not chaining to a trusted CA or missing its intermediate
 * ({@code tls-untrusted-issuer}, openssl's "unable to get local issuer certificate"), not naming
 * the host ({@code tls-hostname-mismatch}); a chain sent out of order ({@code
 * tls-chain-out-of-order}: browsers and OpenSSL sort it, strict TLS 1.2 clients refuse it) and a
 * chain that expires within {@value #EXPIRY_WARNING_DAYS} days are a WARN ({@code
 * tls-expiring-soon}).
 *
 * <p>Trust is the JDK's CAs plus {@code tls.caFile}. With {@code tls.insecure} the same findings
 * are reported as WARN: the user chose not to enforce them.
 */
public final class TlsCertificateCheck implements Check {
  static final int EXPIRY_WARNING_DAYS = 30;

  @Override
  public String id() {
    return "tls.certificate";
  }

  @Override
  public Hop hop() {
    return Hop.API;
  }

  @Override
  public String description() {
    return "The presented certificate chain is trusted, valid, complete and names the host";
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.API, Endpoint.GATEWAY, Endpoint.BACKEND, Endpoint.ADMIN);
  }

  @Override
  public List<String> dependsOn() {
    return List.of("tls.handshake");
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    URI target = ctx.target();
    if (!TlsHandshakeCheck.isHttps(target)) {
      return CheckResult.skip(target.getScheme() + ":// URL: no certificate to check");
    }
    String host = target.getHost();
    int port = HostPort.of(target).port();
    String name = TlsHandshakeCheck.serverName(ctx, host);
    Optional<TlsSession> seen =
        ctx.resultOf("tls.handshake").flatMap(r -> r.facts(TlsSession.class));
    TlsSession session;
    if (seen.isPresent()) {
      session = seen.get();
    } else {
      try {
        session = TlsHandshake.perform(ctx, host, port, name);
      } catch (TlsHandshake.HandshakeFailure e) {
        return TlsHandshakeCheck.failure(ctx, e);
      }
    }
    TrustMaterial trust = TrustMaterial.from(ctx.profile());
    CheckResult r = judge(session.chain(), name, trust, ctx.clock().instant());
    if (trust.insecure() && r.status() == Status.FAIL) {
      r = r.withStatus(Status.WARN).withSummary(r.summary() + " (not enforced: tls.insecure)");
    }
    for (int i = 0; i < session.chain().size(); i++) {
      String prefix = "cert[" + i + "].";
      for (var e : CertificateInfo.describe(session.chain().get(i)).entrySet()) {
        r = r.withEvidence(prefix + e.getKey(), e.getValue());
      }
    }
    String reproduce =
        TlsHandshakeCheck.sClient(ctx, host, port, session.serverName()).replace(" </dev/null", "")
            + " -showcerts -verify_return_error -verify_hostname "
            + name
            + (trust.caFile() == null ? "" : " -CAfile " + trust.caFile())
            + " </dev/null";
    return r.withEvidence("verifiedName", name)
        .withEvidence("trust", trust.caFile() == null ? "JDK CAs" : "JDK CAs + " + trust.caFile())
        .withReproduce(reproduce);
  }

  /**
   * The first problem with {@code chain} for {@code name}, in openssl's order, or PASS; every
   * client of the doctor that is handed a chain judges it here, so they all say the same.
   */
  public static CheckResult judge(
      List<X509Certificate> chain, String name, TrustMaterial trust, Instant now) {
    if (chain.isEmpty()) {
      return CheckResult.fail("the peer presented no certificate")
          .withCause("tls-untrusted-issuer");
    }
    X509Certificate leaf = chain.get(0);
    boolean trusted = trusted(chain, trust);
    if (!trusted && chain.size() == 1 && CertificateInfo.selfSigned(leaf)) {
      return CheckResult.fail(
              "the certificate is self-signed ("
                  + leaf.getSubjectX500Principal().getName()
                  + ") and not in the trusted CAs")
          .withCause("tls-self-signed");
    }
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate c = chain.get(i);
      String which = i == 0 ? "the certificate" : "chain certificate " + i;
      CheckResult outside = null;
      if (now.isAfter(c.getNotAfter().toInstant())) {
        outside =
            CheckResult.fail(
                which
                    + " expired on "
                    + c.getNotAfter().toInstant()
                    + " ("
                    + c.getSubjectX500Principal().getName()
                    + ")");
      } else if (now.isBefore(c.getNotBefore().toInstant())) {
        outside =
            CheckResult.fail(
                which
                    + " is not valid yet: valid from "
                    + c.getNotBefore().toInstant()
                    + " ("
                    + c.getSubjectX500Principal().getName()
                    + ")");
      }
      if (outside != null) {
        outside = outside.withCause("tls-expired");
        return i == 0
            ? outside
            : outside.withRemedy(
                "The server sends an intermediate CA certificate outside its validity: replace the"
                    + " chain file with the one the CA issues today (renewing the server's own"
                    + " certificate alone does not fix it), then reload the server.");
      }
    }
    Optional<String> purposes = notForServers(leaf);
    if (purposes.isPresent()) {
      return CheckResult.fail(
              "the certificate is not for TLS servers: its extended key usage allows "
                  + purposes.get()
                  + " only ("
                  + leaf.getSubjectX500Principal().getName()
                  + ")")
          .withCause("tls-wrong-purpose");
    }
    if (!trusted) {
      boolean issuerPresented =
          chain.stream()
              .skip(1)
              .anyMatch(c -> c.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()));
      String detail =
          !issuerPresented && !CertificateInfo.selfSigned(leaf)
              ? "unable to get local issuer certificate: the server did not send the certificate of "
                  + leaf.getIssuerX500Principal().getName()
                  + " (an intermediate is missing) and no trusted CA issued it"
              : "the chain does not lead to a trusted CA (issuer "
                  + chain.get(chain.size() - 1).getIssuerX500Principal().getName()
                  + ")";
      return CheckResult.fail(detail).withCause("tls-untrusted-issuer");
    }
    try {
      new DefaultHostnameVerifier().verify(name, leaf);
    } catch (SSLException e) {
      return CheckResult.fail("the certificate does not name " + name + ": " + e.getMessage())
          .withCause("tls-hostname-mismatch");
    }
    for (int i = 1; i < chain.size(); i++) {
      X509Certificate c = chain.get(i);
      if (!c.getSubjectX500Principal().equals(chain.get(i - 1).getIssuerX500Principal())) {
        return CheckResult.warn(
                "the server sends its chain out of order: chain certificate "
                    + i
                    + " ("
                    + c.getSubjectX500Principal().getName()
                    + ") did not issue the one before it; TLS 1.2 requires each certificate to"
                    + " certify the one before")
            .withCause("tls-chain-out-of-order");
      }
    }
    Instant soonest =
        chain.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
    long days = Duration.between(now, soonest).toDays();
    if (days < EXPIRY_WARNING_DAYS) {
      return CheckResult.warn("the chain expires in " + days + " days, on " + soonest)
          .withCause("tls-expiring-soon");
    }
    return CheckResult.pass(
        "trusted chain of "
            + chain.size()
            + " for "
            + name
            + ", valid until "
            + leaf.getNotAfter().toInstant()
            + " ("
            + days
            + " days)");
  }

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String ANY_PURPOSE = "2.5.29.37.0";
  private static final Map<String, String> PURPOSES =
      Map.of(
          "1.3.6.1.5.5.7.3.2", "client authentication",
          "1.3.6.1.5.5.7.3.3", "code signing",
          "1.3.6.1.5.5.7.3.4", "email protection",
          "1.3.6.1.5.5.7.3.8", "time stamping",
          "1.3.6.1.5.5.7.3.9", "OCSP signing");

  /**
   * The purposes a leaf's extended key usage allows, in words, when TLS server authentication is
   * not among them; empty when it is, or when the certificate does not restrict its purpose.
   */
  private static Optional<String> notForServers(X509Certificate leaf) {
    List<String> usages;
    try {
      usages = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException unreadable) {
      return Optional.of("nothing readable");
    }
    if (usages == null || usages.contains(SERVER_AUTH) || usages.contains(ANY_PURPOSE)) {
      return Optional.empty();
    }
    return Optional.of(
        String.join(", ", usages.stream().map(u -> PURPOSES.getOrDefault(u, u)).toList()));
  }

  private static boolean trusted(List<X509Certificate> chain, TrustMaterial trust) {
    try {
      trust
          .verifyingTrustManager()
          .checkServerTrusted(chain.toArray(X509Certificate[]::new), "UNKNOWN");
      return true;
    } catch (CertificateException | IllegalArgumentException e) {
      return false;
    }
  }
}
