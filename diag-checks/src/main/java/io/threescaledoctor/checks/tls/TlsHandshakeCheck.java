package io.threescaledoctor.checks.tls;

import io.threescaledoctor.checks.dns.IpText;
import io.threescaledoctor.checks.dns.ResolvePins;
import io.threescaledoctor.checks.net.Blame;
import io.threescaledoctor.checks.net.HostPort;
import io.threescaledoctor.checks.net.HttpProxy;
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
    int port = HostPort.of(target).port();
    String name = serverName(ctx, host);
    // An IP address is never sent as SNI (RFC 6066): say what went out, and show the same.
    String sni = ResolvePins.literal(name).isPresent() ? null : name;
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
      CheckResult r = failure(ctx, e);
      if (sni == null && e.getMessage().contains("unrecognized_name")) {
        r =
            r.withSummary(
                r.summary()
                    + "; no SNI was sent because "
                    + name
                    + " is an IP address: name the host the server serves with --servername"
                    + " (tls.servername or "
                    + ctx.endpoint().orElse(Endpoint.API).id()
                    + ".servername)");
      }
      return r.withEvidence("sni", sni == null ? "none (IP address)" : sni)
          .withReproduce(reproduce);
    }
  }

  /**
   * A failed handshake, located by the net layer's rules: a peer that closed or reset is the
   * endpoint's own closed-connection cause, anything else in the handshake {@code
   * tls-handshake-failed}.
   */
  static CheckResult failure(CheckContext ctx, TlsHandshake.HandshakeFailure e) {
    Endpoint endpoint = ctx.endpoint().orElse(Endpoint.API);
    Blame.Verdict v = Blame.of(ctx, endpoint, e.outcome(), e.phase(), e.atProxy());
    String cause =
        e.phase() == io.threescaledoctor.checks.net.Phase.TLS
                && e.outcome() == io.threescaledoctor.checks.net.Outcome.TIMED_OUT
            ? "tls-handshake-failed"
            : v.cause();
    CheckResult r = CheckResult.fail(e.getMessage()).withCause(cause).withHop(v.hop());
    return e.outcome() == io.threescaledoctor.checks.net.Outcome.TIMED_OUT
        ? r.withTimedOut(e.phase().timeoutKey())
        : r;
  }

  static boolean isHttps(URI target) {
    return "https".equalsIgnoreCase(target.getScheme());
  }

  /** The SNI name: the endpoint's servername, else {@code tls.servername}, else the URL's host. */
  static String serverName(CheckContext ctx, String host) {
    return ctx.profile().endpointServername(ctx.endpoint().orElse(Endpoint.API)).orElse(host);
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
    HttpProxy.of(ctx.profile(), ctx.endpoint().orElse(Endpoint.API))
        .ifPresent(p -> sb.append(" -proxy ").append(p.address().authority()));
    return sb.append(" -alpn h2,http/1.1 </dev/null").toString();
  }
}
