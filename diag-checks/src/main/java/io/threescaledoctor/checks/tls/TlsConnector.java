package io.threescaledoctor.checks.tls;

import io.threescaledoctor.checks.net.Addresses;
import io.threescaledoctor.checks.net.Dial;
import io.threescaledoctor.checks.net.Dialer;
import io.threescaledoctor.checks.net.HostPort;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.Endpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Opens the plain TCP connection a TLS check speaks over, through the {@link Dialer}: to the
 * endpoint's first address that accepts (as {@code tcp.connect} found, or pinned), or through the
 * endpoint's proxy with CONNECT.
 */
final class TlsConnector {
  private TlsConnector() {}

  static Dialer dialer(CheckContext ctx) {
    return Dialer.of(ctx, ctx.endpoint().orElse(Endpoint.API));
  }

  /** The open connection, or the last failed attempt; a name that does not resolve is null. */
  static Dial open(CheckContext ctx, Dialer dialer, HostPort target) throws UnknownHostException {
    if (dialer.proxy().isPresent()) {
      return dialer.tunnel(target);
    }
    List<InetAddress> addresses = Addresses.of(ctx, target.host());
    Dial last = null;
    for (InetAddress a : addresses) {
      last = dialer.connect(new InetSocketAddress(a, target.port()));
      if (last.connected()) {
        return last;
      }
    }
    if (last == null) {
      throw new UnknownHostException(target.host() + " has no address to connect to");
    }
    return last;
  }
}
