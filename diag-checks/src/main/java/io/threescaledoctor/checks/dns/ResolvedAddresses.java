package io.threescaledoctor.checks.dns;

import java.net.InetAddress;
import java.util.List;

/**
 * What {@code dns.resolve} found for an endpoint's host, handed to {@code tcp.connect} and {@code
 * dns.bypass} as facts: every address, in answer order (IPv4 first), and where they came from.
 *
 * @param source {@code literal}, {@code pinned}, {@code hosts file}, or the resolver(s) asked
 */
public record ResolvedAddresses(String name, List<InetAddress> addresses, String source) {
  public ResolvedAddresses {
    addresses = List.copyOf(addresses);
  }
}
