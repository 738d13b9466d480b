package io.threescaledoctor.checks.tls;

import io.threescaledoctor.checks.tcp.Endpoints;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.profile.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Opens the plain TCP connection a TLS check speaks over: to the endpoint's first address that
 * accepts (as {@code tcp.connect} found, or pinned), or through {@code network.proxy} with CONNECT.
 * The socket has {@code timeouts.read} as its read timeout, so a silent peer costs that and no
 * more.
 */
final class TlsConnector {
  private TlsConnector() {}

  /** Why no connection could be opened; the message names the timeout that fired. */
  static final class ConnectFailure extends IOException {
    ConnectFailure(String message) {
      super(message);
    }
  }

  static Socket open(CheckContext ctx, String host, int port) throws ConnectFailure {
    String proxy = ctx.profile().network().proxy();
    try {
      if (proxy != null && !proxy.isBlank()) {
        return tunnel(ctx, host, port, proxy);
      }
      List<InetAddress> addresses = Endpoints.addresses(ctx, host);
      IOException last = null;
      for (InetAddress a : addresses) {
        Socket s = new Socket();
        try {
          s.connect(new InetSocketAddress(a, port), ctx.timeouts().connectMillis());
          s.setSoTimeout(ctx.timeouts().readMillis());
          return s;
        } catch (SocketTimeoutException e) {
          s.close();
          last =
              new ConnectFailure(
                  "no answer from "
                      + Endpoints.label(a, port)
                      + " within the connect timeout of "
                      + Durations.format(ctx.timeouts().connect())
                      + " (timeouts.connect)");
        } catch (IOException e) {
          s.close();
          last =
              new ConnectFailure(
                  "cannot connect to " + Endpoints.label(a, port) + ": " + e.getMessage());
        }
      }
      throw last instanceof ConnectFailure f
          ? f
          : new ConnectFailure(host + " has no address to connect to");
    } catch (ConnectFailure e) {
      throw e;
    } catch (IOException e) {
      throw new ConnectFailure("cannot connect to " + host + ":" + port + ": " + e.getMessage());
    }
  }

  private static Socket tunnel(CheckContext ctx, String host, int port, String proxy)
      throws IOException {
    URI p = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
    int proxyPort = p.getPort() > 0 ? p.getPort() : 3128;
    String proxyLabel = "the proxy " + p.getHost() + ":" + proxyPort;
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(p.getHost(), proxyPort), ctx.timeouts().connectMillis());
    } catch (SocketTimeoutException e) {
      s.close();
      throw new ConnectFailure(
          proxyLabel
              + " did not accept a connection within the connect"
              + " timeout of "
              + Durations.format(ctx.timeouts().connect())
              + " (timeouts.connect)");
    } catch (IOException e) {
      s.close();
      throw new ConnectFailure("cannot connect to " + proxyLabel + ": " + e.getMessage());
    }
    String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    try {
      s.setSoTimeout(ctx.timeouts().readMillis());
      OutputStream out = s.getOutputStream();
      out.write(
          ("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = readLine(s.getInputStream());
      if (status == null || !status.matches("HTTP/1\\.[01] 2\\d\\d.*")) {
        s.close();
        throw new ConnectFailure(
            proxyLabel
                + " refused CONNECT "
                + authority
                + ": "
                + (status == null ? "it closed the connection" : status));
      }
      String line;
      while ((line = readLine(s.getInputStream())) != null && !line.isEmpty()) {
        // Skips the proxy's response headers; the tunnel starts after the blank line.
      }
      return s;
    } catch (SocketTimeoutException e) {
      s.close();
      throw new ConnectFailure(
          proxyLabel
              + " did not answer CONNECT "
              + authority
              + " within the read timeout of "
              + Durations.format(ctx.timeouts().read())
              + " (timeouts.read)");
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
      if (sb.length() > 8192) {
        throw new IOException("the proxy's answer line is too long");
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }
}
