package io.threescaledoctor.checks.net;

import io.threescaledoctor.checks.dns.IpText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;

/**
 * A host and a port: a name or an IP address (IPv6 without brackets inside, with brackets in {@link
 * #authority()}), and a port from 1 to 65535.
 */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range (1-65535)");
    }
  }

  /** The URL's host and port, or the scheme's default port (443 for https, 80 otherwise). */
  public static HostPort of(URI uri) {
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(uri + " has no host");
    }
    return new HostPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : defaultPort(uri));
  }

  public static int defaultPort(URI uri) {
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /**
   * {@code HOST}, {@code HOST:PORT}, {@code [V6]:PORT} or a bare IPv6 address.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static HostPort parse(String text, int defaultPort) {
    String t = text.trim();
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "': unclosed [");
      }
      String rest = t.substring(close + 1);
      return new HostPort(
          t.substring(1, close), rest.isEmpty() ? defaultPort : port(rest.substring(1), text));
    }
    int colon = t.lastIndexOf(':');
    if (colon < 0 || t.indexOf(':') != colon) {
      // No port, or a bare IPv6 address.
      return new HostPort(t, defaultPort);
    }
    return new HostPort(t.substring(0, colon), port(t.substring(colon + 1), text));
  }

  private static int port(String digits, String text) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': '" + digits + "' is not a port");
    }
  }

  /** {@code host:443}, {@code [2001:db8::1]:443}: what a URL and CONNECT write. */
  public String authority() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** {@code 10.0.0.1:443}, {@code [2001:db8::1]:443}, with IPv6 in its compressed form. */
  public static String label(InetAddress address, int port) {
    String ip = IpText.of(address);
    return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
  }

  public static String label(InetSocketAddress address) {
    return address.getAddress() == null
        ? new HostPort(address.getHostString(), address.getPort()).authority()
        : label(address.getAddress(), address.getPort());
  }

  /** The host in lower case, for comparing names. */
  public String normalizedHost() {
    return host.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return authority();
  }
}
