package io.threescaledoctor.checks.net;

import io.threescaledoctor.checks.dns.Resolution;
import io.threescaledoctor.checks.dns.ResolvedAddresses;
import io.threescaledoctor.core.check.CheckContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/** The addresses a probe tries for a host, the same way for every check. */
public final class Addresses {
  private Addresses() {}

  /**
   * Those {@code dns.resolve} found for {@code host} in this run, else what {@link Resolution}
   * finds (literal, pin, {@code dns.resolvers}, system resolver).
   */
  public static List<InetAddress> of(CheckContext ctx, String host) throws UnknownHostException {
    Optional<ResolvedAddresses> resolved =
        ctx.resultOf("dns.resolve")
            .flatMap(r -> r.facts(ResolvedAddresses.class))
            .filter(f -> f.name().equalsIgnoreCase(host) && !f.addresses().isEmpty());
    if (resolved.isPresent()) {
      return resolved.get().addresses();
    }
    return Resolution.resolve(ctx.profile(), host, ctx.timeouts().read());
  }
}
