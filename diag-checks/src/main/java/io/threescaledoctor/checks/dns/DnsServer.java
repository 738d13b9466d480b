package io.threescaledoctor.checks.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A DNS server to ask, parsed from {@code IP[:PORT]} ({@code [IPv6]:PORT} for IPv6). */
public record DnsServer(InetSocketAddress address) {
  public static final int DEFAULT_PORT = 53;

  /**
   * @throws IllegalArgumentException naming the text when it is not {@code IP[:PORT]}
   */
  public static DnsServer parse(String text) {
    String t = text.trim();
    if (t.startsWith("@")) {
      t = t.substring(1);
    }
    String host = t;
    int port = DEFAULT_PORT;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw bad(text);
      }
      host = t.substring(1, close);
      if (t.length() > close + 1) {
        if (t.charAt(close + 1) != ':') {
          throw bad(text);
        }
        port = port(text, t.substring(close + 2));
      }
    } else if (t.indexOf(':') > 0 && t.indexOf(':') == t.lastIndexOf(':')) {
      host = t.substring(0, t.indexOf(':'));
      port = port(text, t.substring(t.indexOf(':') + 1));
    }
    Optional<InetAddress> ip = ResolvePins.literal(host);
    if (ip.isEmpty()) {
      throw bad(text);
    }
    return new DnsServer(new InetSocketAddress(ip.get(), port));
  }

  /** Every entry of {@code dns.resolvers}. */
  public static List<DnsServer> parseAll(List<String> texts) {
    List<DnsServer> out = new ArrayList<>();
    texts.forEach(t -> out.add(parse(t)));
    return out;
  }

  private static int port(String text, String digits) {
    try {
      int p = Integer.parseInt(digits);
      if (p < 1 || p > 65535) {
        throw bad(text);
      }
      return p;
    } catch (NumberFormatException e) {
      throw bad(text);
    }
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException(
        "resolver '" + text + "': expected IP[:PORT], e.g. 10.0.0.2 or 127.0.0.1:5353");
  }

  /** {@code 127.0.0.1:5353}, or {@code [::1]:53}. */
  public String label() {
    String ip = IpText.of(address.getAddress());
    return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + address.getPort();
  }

  /** The dig command that asks this server the same question. */
  public String dig(String name, String type) {
    String ip = IpText.of(address.getAddress());
    return "dig @"
        + ip
        + (address.getPort() == DEFAULT_PORT ? "" : " -p " + address.getPort())
        + " "
        + name
        + " "
        + type;
  }
}
