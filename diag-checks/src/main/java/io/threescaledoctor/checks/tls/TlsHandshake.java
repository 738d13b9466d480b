package io.threescaledoctor.checks.tls;

import io.threescaledoctor.checks.dns.ResolvePins;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.profile.Durations;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One JSSE handshake that accepts any chain, so that what the peer presents can be reported and
 * judged afterwards instead of being lost in a verification exception.
 */
public final class TlsHandshake {
  private TlsHandshake() {}

  /** The handshake failed: the message says how, naming the timeout when one fired. */
  public static final class HandshakeFailure extends Exception {
    HandshakeFailure(String message) {
      super(message);
    }
  }

  /**
   * Connects to {@code host:port} (pins, proxy and timeouts from the context) and shakes hands,
   * sending {@code serverName} as SNI unless it is null or an IP address.
   */
  public static TlsSession perform(CheckContext ctx, String host, int port, String serverName)
      throws HandshakeFailure {
    Socket plain;
    try {
      plain = TlsConnector.open(ctx, host, port);
    } catch (TlsConnector.ConnectFailure e) {
      throw new HandshakeFailure(e.getMessage());
    }
    String sni =
        serverName == null || ResolvePins.literal(serverName).isPresent() ? null : serverName;
    long start = System.nanoTime();
    try (SSLSocket tls =
        (SSLSocket)
            TrustMaterial.acceptingAnything()
                .getSocketFactory()
                .createSocket(plain, sni == null ? host : sni, port, true)) {
      SSLParameters params = tls.getSSLParameters();
      params.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
      params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
      tls.setSSLParameters(params);
      tls.setSoTimeout(ctx.timeouts().readMillis());
      tls.startHandshake();
      long millis = (System.nanoTime() - start) / 1_000_000;
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : tls.getSession().getPeerCertificates()) {
        if (c instanceof X509Certificate x) {
          chain.add(x);
        }
      }
      String alpn = tls.getApplicationProtocol();
      return new TlsSession(
          host,
          port,
          sni,
          tls.getSession().getProtocol(),
          tls.getSession().getCipherSuite(),
          alpn == null || alpn.isEmpty() ? null : alpn,
          millis,
          chain);
    } catch (SocketTimeoutException e) {
      throw new HandshakeFailure(
          "no TLS handshake answer from "
              + host
              + ":"
              + port
              + " within the read timeout of "
              + Durations.format(ctx.timeouts().read())
              + " (timeouts.read)");
    } catch (IOException e) {
      throw new HandshakeFailure(
          "TLS handshake with " + host + ":" + port + " failed: " + describe(e));
    } finally {
      try {
        plain.close();
      } catch (IOException ignored) {
        // closing a socket that is already gone
      }
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    if (m.contains("Unsupported or unrecognized SSL message")) {
      return "the peer did not answer with TLS (" + m + ")";
    }
    if (m.contains("Remote host terminated the handshake") || m.contains("closed")) {
      return "the peer closed the connection during the handshake (" + m + ")";
    }
    return m;
  }
}
