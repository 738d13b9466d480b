package io.threescaledoctor.checks.tcp;

import io.threescaledoctor.checks.dns.IpText;
import io.threescaledoctor.checks.dns.Resolution;
import io.threescaledoctor.checks.dns.ResolvedAddresses;
import io.threescaledoctor.core.check.CheckContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/** Host, port and addresses of an endpoint URL, shared by the TCP and TLS checks. */
public final class Endpoints {
  private Endpoints() {}

  /** The URL's port, or the scheme's default (443 for https, 80 otherwise). */
  public static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /**
   * The addresses to try for {@code host}: those {@code dns.resolve} found, else what {@link
   * Resolution} finds (literal, pin, {@code dns.resolvers}, system resolver).
   */
  public static List<InetAddress> addresses(CheckContext ctx, String host)
      throws UnknownHostException {
    Optional<ResolvedAddresses> resolved =
        ctx.resultOf("dns.resolve")
            .flatMap(r -> r.facts(ResolvedAddresses.class))
            .filter(f -> f.name().equalsIgnoreCase(host) && !f.addresses().isEmpty());
    if (resolved.isPresent()) {
      return resolved.get().addresses();
    }
    return Resolution.resolve(ctx.profile(), host, ctx.timeouts().read());
  }

  /** {@code 10.0.0.1:443}, {@code [2001:db8::1]:443}. */
  public static String label(InetAddress address, int port) {
    String ip = IpText.of(address);
    return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
  }
}
