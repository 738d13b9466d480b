package io.threescaledoctor.checks.tls;

import io.threescaledoctor.checks.dns.IpText;
import io.threescaledoctor.checks.dns.ResolvePins;
import io.threescaledoctor.checks.tcp.Endpoints;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * {@code tls.handshake}: does the endpoint complete a TLS handshake (guide §4.2.4), and with what:
 * protocol, cipher suite, the SNI name sent, the ALPN protocol chosen, the time it took. The chain
 * is accepted whatever it is, so that {@code tls.certificate} can judge it from what was seen.
 */
public final class TlsHandshakeCheck implements Check {

  @Override
  public String id() {
    return "tls.handshake";
  }

  @Override
  public Hop hop() {
    return Hop.API;
  }

  @Override
  public String description() {
    return "An https endpoint completes a TLS handshake (protocol, cipher, SNI, ALPN)";
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.API, Endpoint.GATEWAY, Endpoint.BACKEND, Endpoint.ADMIN);
  }

  @Override
  public List<String> dependsOn() {
    return List.of("tcp.connect");
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    URI target = ctx.target();
    if (!isHttps(target)) {
      return CheckResult.skip(target.getScheme() + ":// URL: no TLS to check");
    }
    String host = target.getHost();
    int port = Endpoints.port(target);
    String sni = serverName(ctx, host);
    String reproduce = sClient(ctx, host, port, sni);
    try {
      TlsSession s = TlsHandshake.perform(ctx, host, port, sni);
      return CheckResult.pass(
              s.protocol()
                  + " "
                  + s.cipherSuite()
                  + " with "
                  + host
                  + ":"
                  + port
                  + " in "
                  + s.handshakeMillis()
                  + " ms")
          .withEvidence("protocol", s.protocol())
          .withEvidence("cipherSuite", s.cipherSuite())
          .withEvidence("sni", s.serverName() == null ? "none (IP address)" : s.serverName())
          .withEvidence("alpn", s.alpn() == null ? "none" : s.alpn())
          .withEvidence("handshakeMillis", s.handshakeMillis())
          .withEvidence("certificates", s.chain().size())
          .withEvidence(
              "leafSubject",
              s.chain().isEmpty() ? "-" : s.chain().get(0).getSubjectX500Principal().getName())
          .withReproduce(reproduce)
          .withFacts(s);
    } catch (TlsHandshake.HandshakeFailure e) {
      return CheckResult.fail(e.getMessage())
          .withCause("tls-handshake-failed")
          .withEvidence("sni", sni == null ? "none (IP address)" : sni)
          .withReproduce(reproduce);
    }
  }

  static boolean isHttps(URI target) {
    return "https".equalsIgnoreCase(target.getScheme());
  }

  /** The SNI name: {@code tls.servername}, else the URL's host. */
  static String serverName(CheckContext ctx, String host) {
    String configured = ctx.profile().tls().servername();
    return configured == null || configured.isBlank() ? host : configured;
  }

  /**
   * {@code HOST:PORT} for openssl's {@code -connect}: a pinned name is not in DNS, so openssl must
   * connect to the pinned address (the name still goes out as SNI).
   */
  static String connectArgument(CheckContext ctx, String host, int port) {
    String to =
        ResolvePins.parse(ctx.profile().network().resolveOrEmpty())
            .lookup(host)
            .map(IpText::of)
            .orElse(host);
    return (to.contains(":") ? "[" + to + "]" : to) + ":" + port;
  }

  /** The openssl command that makes the same handshake. */
  static String sClient(CheckContext ctx, String host, int port, String sni) {
    StringBuilder sb =
        new StringBuilder("openssl s_client -connect ").append(connectArgument(ctx, host, port));
    if (sni != null) {
      sb.append(" -servername ").append(sni);
    }
    String proxy = ctx.profile().network().proxy();
    if (proxy != null && !proxy.isBlank()) {
      URI p = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
      sb.append(" -proxy ")
          .append(p.getHost())
          .append(':')
          .append(p.getPort() > 0 ? p.getPort() : 3128);
    }
    return sb.append(" -alpn h2,http/1.1 </dev/null").toString();
  }
}
