package io.threescaledoctor.checks.logs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its current addresses; a seam so tests can fake DNS. */
@FunctionalInterface
public interface HostResolver {
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The operating system's resolver, as the gateway host would use it. */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
