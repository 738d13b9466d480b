package io.threescaledoctor.checks.tls;

import io.threescaledoctor.checks.dns.ResolvePins;
import io.threescaledoctor.checks.net.Dial;
import io.threescaledoctor.checks.net.Dialer;
import io.threescaledoctor.checks.net.HostPort;
import io.threescaledoctor.checks.net.Outcome;
import io.threescaledoctor.checks.net.Phase;
import io.threescaledoctor.core.check.CheckContext;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * One JSSE handshake that accepts any chain, so that what the peer presents can be reported and
 * judged afterwards instead of being lost in a verification exception.
 */
public final class TlsHandshake {
  private TlsHandshake() {}

  /** The handshake failed: how (the net layer's outcome), where, and in words. */
  public static final class HandshakeFailure extends Exception {
    private final Outcome outcome;
    private final Phase phase;
    private final boolean atProxy;

    HandshakeFailure(String message, Outcome outcome, Phase phase, boolean atProxy) {
      super(message);
      this.outcome = outcome;
      this.phase = phase;
      this.atProxy = atProxy;
    }

    public Outcome outcome() {
      return outcome;
    }

    public Phase phase() {
      return phase;
    }

    public boolean atProxy() {
      return atProxy;
    }
  }

  /**
   * Connects to {@code host:port} (pins, proxy and timeouts from the context) and shakes hands,
   * sending {@code serverName} as SNI unless it is null or an IP address.
   */
  public static TlsSession perform(CheckContext ctx, String host, int port, String serverName)
      throws HandshakeFailure {
    HostPort target = new HostPort(host, port);
    Dialer dialer = TlsConnector.dialer(ctx);
    Dial plain;
    try {
      plain = TlsConnector.open(ctx, dialer, target);
    } catch (UnknownHostException e) {
      throw new HandshakeFailure(
          "cannot connect to " + target.authority() + ": " + e.getMessage(),
          Outcome.ERROR,
          Phase.CONNECT,
          false);
    }
    if (!plain.connected()) {
      throw new HandshakeFailure(
          "cannot connect: " + plain.describe(),
          plain.outcome(),
          plain.failedIn().orElse(Phase.CONNECT),
          plain.atProxy());
    }
    String sni =
        serverName == null || ResolvePins.literal(serverName).isPresent() ? null : serverName;
    HostPort peer = sni == null ? target : new HostPort(sni, port);
    try (Dial tls =
        dialer.tls(
            plain,
            TrustMaterial.acceptingAnything(),
            peer,
            sni,
            false,
            List.of("h2", "http/1.1"))) {
      if (!tls.connected()) {
        throw new HandshakeFailure(
            "TLS with " + target.authority() + ": " + tls.detail(),
            tls.outcome(),
            Phase.TLS,
            false);
      }
      SSLSocket s = (SSLSocket) tls.socket();
      List<X509Certificate> chain = new ArrayList<>();
      try {
        for (Certificate c : s.getSession().getPeerCertificates()) {
          if (c instanceof X509Certificate x) {
            chain.add(x);
          }
        }
      } catch (SSLPeerUnverifiedException e) {
        // an anonymous suite presents no certificate: the chain stays empty
      }
      String alpn = s.getApplicationProtocol();
      return new TlsSession(
          host,
          port,
          sni,
          s.getSession().getProtocol(),
          s.getSession().getCipherSuite(),
          alpn == null || alpn.isEmpty() ? null : alpn,
          tls.tlsMillis(),
          chain);
    }
  }
}
