package io.threescaledoctor.checks.net;

import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens connections the one way every probe does: TCP to an address with {@code timeouts.connect},
 * or to the endpoint's proxy and {@code CONNECT} through it; then, if asked, TLS with {@code
 * timeouts.read} for the handshake. Every socket it returns has {@code timeouts.read} as its read
 * timeout, so a silent peer costs that and no more. It never throws for what the network does: each
 * outcome is a {@link Dial}, classified by the {@link Classifier}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Dialer {
  private static final int MAX_PROXY_LINE = 8192;

  private final CheckContext.Timeouts timeouts;
  private final HttpProxy proxy;

  /**
   * @param proxy the proxy to tunnel through, or null to connect directly
   */
  public Dialer(CheckContext.Timeouts timeouts, HttpProxy proxy) {
    this.timeouts = timeouts;
    this.proxy = proxy;
  }

  /** A dialer for {@code endpoint}: the context's timeouts and that endpoint's proxy. */
  public static Dialer of(CheckContext ctx, Endpoint endpoint) {
    return new Dialer(ctx.timeouts(), HttpProxy.of(ctx.profile(), endpoint).orElse(null));
  }

  /** A dialer for a request to {@code uri}; see {@link HttpProxy#forUri}. */
  public static Dialer forUri(CheckContext ctx, URI uri) {
    return new Dialer(ctx.timeouts(), HttpProxy.forUri(ctx.profile(), uri).orElse(null));
  }

  public Optional<HttpProxy> proxy() {
    return Optional.ofNullable(proxy);
  }

  public CheckContext.Timeouts timeouts() {
    return timeouts;
  }

  /** TCP straight to {@code address}, whatever the proxy setting. */
  public Dial connect(InetSocketAddress address) {
    String peer = HostPort.label(address);
    long start = System.nanoTime();
    Socket s = new Socket();
    try {
      s.connect(address, timeouts.connectMillis());
      s.setSoTimeout(timeouts.readMillis());
      return Dial.connected(peer, null, address, millisSince(start), -1, s, null);
    } catch (IOException e) {
      closeQuietly(s);
      Classifier.Classified c = Classifier.classify(e, Phase.CONNECT, timeouts);
      return Dial.failed(
          c.outcome(),
          Phase.CONNECT,
          peer,
          c.detail(),
          false,
          null,
          address,
          millisSince(start),
          -1,
          -1,
          null);
    }
  }

  /**
   * TCP to {@code target} through the proxy's {@code CONNECT}; the proxy resolves the name.
   *
   * @throws IllegalStateException when this dialer has no proxy
   */
  public Dial tunnel(HostPort target) {
    if (proxy == null) {
      throw new IllegalStateException("no proxy to tunnel through");
    }
    Dial toProxy = toProxy();
    if (!toProxy.connected()) {
      return toProxy;
    }
    Socket s = toProxy.socket();
    long start = System.nanoTime();
    String status = null;
    try {
      OutputStream out = s.getOutputStream();
      out.write(
          ("CONNECT "
                  + target.authority()
                  + " HTTP/1.1\r\nHost: "
                  + target.authority()
                  + "\r\nUser-Agent: 3scale-doctor\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      status = readLine(in);
      if (status == null) {
        closeQuietly(s);
        return proxyFailed(
            Outcome.CLOSED,
            "closed the connection instead of answering CONNECT " + target.authority(),
            toProxy,
            start,
            null);
      }
      String line;
      while ((line = readLine(in)) != null && !line.isEmpty()) {
        // The proxy's headers; the tunnel starts after the blank line.
      }
      if (!status.matches("HTTP/1\\.[01] 2\\d\\d.*")) {
        closeQuietly(s);
        return proxyFailed(
            Outcome.PROXY_REJECTED,
            "answered CONNECT " + target.authority() + " with " + status,
            toProxy,
            start,
            status);
      }
      return Dial.connected(
          target.authority() + " via " + proxy.label(),
          proxy,
          toProxy.address(),
          toProxy.connectMillis(),
          millisSince(start),
          s,
          status);
    } catch (IOException e) {
      closeQuietly(s);
      Classifier.Classified c = Classifier.classify(e, Phase.PROXY, timeouts);
      return proxyFailed(c.outcome(), c.detail(), toProxy, start, status);
    }
  }

  private Dial proxyFailed(
      Outcome outcome, String detail, Dial toProxy, long start, String proxyAnswer) {
    return Dial.failed(
        outcome,
        Phase.PROXY,
        proxy.label(),
        detail,
        true,
        proxy,
        toProxy.address(),
        toProxy.connectMillis(),
        millisSince(start),
        -1,
        proxyAnswer);
  }

  /**
   * TCP to the proxy itself, for a plain-HTTP request in absolute form.
   *
   * @throws IllegalStateException when this dialer has no proxy
   */
  public Dial toProxy() {
    if (proxy == null) {
      throw new IllegalStateException("no proxy configured");
    }
    HostPort p = proxy.address();
    InetSocketAddress address = new InetSocketAddress(p.host(), p.port());
    if (address.isUnresolved()) {
      return Dial.failed(
          Outcome.ERROR,
          Phase.CONNECT,
          proxy.label(),
          "does not resolve",
          true,
          proxy,
          address,
          -1,
          -1,
          -1,
          null);
    }
    Dial d = connect(address);
    if (d.connected()) {
      return Dial.connected(proxy.label(), proxy, address, d.connectMillis(), -1, d.socket(), null);
    }
    return Dial.failed(
        d.outcome(),
        Phase.CONNECT,
        proxy.label(),
        d.detail(),
        true,
        proxy,
        address,
        d.connectMillis(),
        -1,
        -1,
        null);
  }

  /**
   * TLS over {@code plain}, which it takes over: on failure the plain socket is closed.
   *
   * @param peerHost the name (or address) the certificate is checked against and the session is
   *     keyed by; {@code serverName} when one is sent
   * @param serverName the SNI name to send, or null for none (an IP address target)
   * @param verifyHostname whether the certificate must match {@code peerHost} (the context decides
   *     whether the chain must be trusted)
   */
  public Dial tls(
      Dial plain,
      SSLContext context,
      HostPort peerHost,
      String serverName,
      boolean verifyHostname,
      List<String> alpn) {
    if (!plain.connected()) {
      return plain;
    }
    long start = System.nanoTime();
    SSLSocket tls = null;
    try {
      tls =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(plain.socket(), peerHost.host(), peerHost.port(), true);
      SSLParameters params = tls.getSSLParameters();
      params.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
      if (verifyHostname) {
        params.setEndpointIdentificationAlgorithm("HTTPS");
      }
      if (!alpn.isEmpty()) {
        params.setApplicationProtocols(alpn.toArray(String[]::new));
      }
      tls.setSSLParameters(params);
      tls.setSoTimeout(timeouts.readMillis());
      tls.startHandshake();
      return plain.withTls(tls, millisSince(start));
    } catch (IOException | IllegalArgumentException e) {
      closeQuietly(tls == null ? plain.socket() : tls);
      closeQuietly(plain.socket());
      Classifier.Classified c = Classifier.classify(e, Phase.TLS, timeouts);
      return plain.tlsFailed(c.outcome(), c.detail(), millisSince(start));
    }
  }

  /** Reads one CRLF line byte by byte, so nothing after the proxy's headers is consumed. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        int len = sb.length();
        return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
      }
      sb.append((char) b);
      if (sb.length() > MAX_PROXY_LINE) {
        throw new IOException(
            "the proxy's answer line is longer than " + MAX_PROXY_LINE + " bytes");
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
  }
}
