package io.threescaledoctor.checks.dns;

import io.threescaledoctor.core.profile.Profile;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * How every probe turns a host name into addresses, the same way {@code dns.resolve} does: an IP
 * literal as it is, a {@code network.resolve} pin, else the resolvers of {@code dns.resolvers} (the
 * first that answers with addresses), else the system resolver. So {@code --resolver} and {@code
 * --resolve} apply to the HTTP, TCP and TLS probes too, not only to the DNS check.
 */
public final class Resolution {
  private Resolution() {}

  /**
   * @throws UnknownHostException with a message naming the resolvers asked, when none gives an
   *     address
   */
  public static List<InetAddress> resolve(Profile profile, String host, Duration timeout)
      throws UnknownHostException {
    Optional<InetAddress> literal = ResolvePins.literal(host);
    if (literal.isPresent()) {
      return List.of(literal.get());
    }
    Optional<InetAddress> pinned =
        ResolvePins.parse(profile.network().resolveOrEmpty()).lookup(host);
    if (pinned.isPresent()) {
      return List.of(InetAddress.getByAddress(host, pinned.get().getAddress()));
    }
    List<DnsServer> servers = DnsServer.parseAll(profile.dns().resolversOrEmpty());
    if (servers.isEmpty()) {
      return Arrays.asList(InetAddress.getAllByName(host));
    }
    Name name;
    try {
      name = Name.fromString(host, Name.root);
    } catch (TextParseException e) {
      throw new UnknownHostException(host + ": not a DNS name");
    }
    List<String> failures = new ArrayList<>();
    for (DnsServer server : servers) {
      Set<InetAddress> found = new LinkedHashSet<>();
      for (int type : List.of(Type.A, Type.AAAA)) {
        DnsQuery.Answer a = DnsQuery.ask(server, name, type, timeout);
        if (!a.reached()) {
          failures.add(a.error());
          break;
        }
        for (InetAddress address : a.addresses()) {
          found.add(InetAddress.getByAddress(host, address.getAddress()));
        }
        if (type == Type.A && a.addresses().isEmpty()) {
          failures.add(server.label() + ": " + a.rcodeName() + " for A");
        }
      }
      if (!found.isEmpty()) {
        return List.copyOf(found);
      }
    }
    throw new UnknownHostException(host + " (dns.resolvers: " + String.join("; ", failures) + ")");
  }
}
