package io.threescaledoctor.checks.dns;

import io.threescaledoctor.checks.net.Dialer;
import io.threescaledoctor.checks.net.HostPort;
import io.threescaledoctor.checks.net.Outcome;
import io.threescaledoctor.checks.tcp.TcpConnectCheck;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@code dns.bypass}: is it DNS, or is it reachability (guide §4.2.3)? The guide's advice is to
 * connect to the IP address directly, bypassing name resolution. This check compares two paths to
 * the same endpoint:
 *
 * <ul>
 *   <li>the <b>DNS path</b>: the addresses the configured resolvers ({@code dns.resolvers}, else
 *       the system's) give for the name;
 *   <li>the <b>bypass</b>: an address known without those resolvers: the {@code network.resolve}
 *       pin (curl's {@code --resolve}), or, when {@code dns.resolvers} is set, what the host's own
 *       resolver says.
 * </ul>
 *
 * It connects (TCP) to both. The name failing to resolve while the bypass address connects is
 * {@code dns-resolution-failed}; DNS answering addresses that refuse while the bypass connects is
 * {@code dns-wrong-address}; both failing says the problem is reachability, not DNS (PASS: DNS is
 * cleared, and {@code tcp.connect} carries the failure).
 */
public final class DnsBypassCheck implements Check {

  /** The host's own resolver: a seam, so tests never send a query off the loopback. */
  interface SystemResolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final SystemResolver system;

  public DnsBypassCheck() {
    this(InetAddress::getAllByName);
  }

  DnsBypassCheck(SystemResolver system) {
    this.system = system;
  }

  @Override
  public String id() {
    return "dns.bypass";
  }

  @Override
  public Hop hop() {
    return Hop.API;
  }

  @Override
  public String description() {
    return "Connecting to a known IP, bypassing DNS, tells a DNS problem from a reachability one";
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.API, Endpoint.GATEWAY, Endpoint.BACKEND, Endpoint.ADMIN);
  }

  @Override
  public List<String> runsAfter() {
    return List.of("dns.resolve", "tcp.connect");
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    URI target = ctx.target();
    String host = target.getHost();
    int port = HostPort.of(target).port();
    if (ResolvePins.literal(host).isPresent()) {
      return CheckResult.skip(host + " is an IP address: there is no DNS to bypass");
    }
    Profile profile = ctx.profile();
    List<DnsServer> resolvers = DnsServer.parseAll(profile.dns().resolversOrEmpty());
    Optional<InetAddress> pin = ResolvePins.parse(profile.network().resolveOrEmpty()).lookup(host);

    Path dns = dnsPath(ctx, host, resolvers);
    Path bypass;
    if (pin.isPresent()) {
      bypass =
          new Path(
              "the pin " + host + ":" + IpText.of(pin.get()) + " (network.resolve)",
              List.of(pin.get()),
              null);
    } else if (!resolvers.isEmpty()) {
      bypass = systemPath(host);
    } else {
      return CheckResult.skip(
              "no way around DNS for "
                  + host
                  + ": pin an address with --resolve "
                  + host
                  + ":IP (network.resolve) to tell DNS from reachability")
          .withEvidence("dnsPath", dns.describe());
    }

    if (bypass.addresses().isEmpty()) {
      return CheckResult.skip(
              "no way around DNS for "
                  + host
                  + ": "
                  + bypass.describe()
                  + "; pin an address with --resolve "
                  + host
                  + ":IP (network.resolve)")
          .withEvidence("dnsPath", dns.describe())
          .withEvidence("bypassPath", bypass.describe());
    }
    Dialer direct = new Dialer(ctx.timeouts(), null);
    List<TcpConnectCheck.Attempt> viaDns =
        TcpConnectCheck.connectAll(direct, dns.addresses(), port);
    List<TcpConnectCheck.Attempt> viaBypass =
        TcpConnectCheck.connectAll(direct, bypass.addresses(), port);
    boolean dnsWorks = viaDns.stream().anyMatch(DnsBypassCheck::connected);
    boolean bypassWorks = viaBypass.stream().anyMatch(DnsBypassCheck::connected);

    CheckResult r;
    if (bypassWorks && dns.addresses().isEmpty()) {
      r =
          CheckResult.fail(
                  "it is DNS: "
                      + host
                      + " does not resolve via "
                      + dns.source()
                      + (dns.error() == null ? "" : " (" + dns.error() + ")")
                      + ", but "
                      + bypass.source()
                      + " accepts connections on port "
                      + port)
              .withCause("dns-resolution-failed");
    } else if (bypassWorks && !dnsWorks) {
      r =
          CheckResult.fail(
                  "it is DNS: "
                      + dns.source()
                      + " answers "
                      + join(dns.addresses())
                      + ", which does not accept connections on port "
                      + port
                      + ", while "
                      + bypass.source()
                      + " does (a stale or wrong record)")
              .withCause("dns-wrong-address");
    } else if (!bypassWorks && !dnsWorks) {
      r =
          CheckResult.pass(
              "not DNS: neither the DNS answer nor "
                  + bypass.source()
                  + " accepts connections on port "
                  + port
                  + "; the problem is reachability"
                  + " (see tcp.connect)");
    } else if (!dnsWorks) {
      r =
          CheckResult.fail(
                  "it is DNS: "
                      + host
                      + " resolves to nothing that connects via "
                      + dns.source()
                      + ", while "
                      + bypass.source()
                      + " connects")
              .withCause("dns-resolution-failed");
    } else if (!bypassWorks) {
      r =
          CheckResult.pass(
              "not DNS: the DNS answer "
                  + join(dns.addresses())
                  + " accepts connections on port "
                  + port
                  + "; "
                  + bypass.source()
                  + " does not");
    } else {
      boolean same =
          new LinkedHashSet<>(dns.addresses()).equals(new LinkedHashSet<>(bypass.addresses()));
      r =
          CheckResult.pass(
              "DNS and the bypass both reach "
                  + host
                  + ":"
                  + port
                  + (same
                      ? ""
                      : " (through different addresses: "
                          + join(dns.addresses())
                          + " vs "
                          + join(bypass.addresses())
                          + ")"));
    }
    if (r.status() == Status.FAIL) {
      // Proven guilty, DNS is the fault to fix first: every failure to reach this endpoint
      // (and, for the gateway, the client's calls through it) follows from it.
      Endpoint endpoint = ctx.endpoint().orElse(Endpoint.API);
      r = r.withHop(DnsResolveCheck.failureHop(ctx)).withExplains(explained(endpoint));
    }
    r = r.withEvidence("dnsPath", dns.describe()).withEvidence("bypassPath", bypass.describe());
    for (TcpConnectCheck.Attempt a : viaDns) {
      r = r.withEvidence("viaDns@" + HostPort.label(a.address().getAddress(), port), word(a));
    }
    for (TcpConnectCheck.Attempt a : viaBypass) {
      r = r.withEvidence("bypass@" + HostPort.label(a.address().getAddress(), port), word(a));
    }
    String bypassIp = bypass.addresses().isEmpty() ? "IP" : IpText.of(bypass.addresses().get(0));
    return r.withReproduce(
        "nc -vz "
            + bypassIp
            + " "
            + port
            + " ; "
            + (resolvers.isEmpty() ? "dig " + host : resolvers.get(0).dig(host, "A")));
  }

  private static String[] explained(Endpoint endpoint) {
    return switch (endpoint) {
      case GATEWAY -> new String[] {"gateway.*", "client.*"};
      case ADMIN -> new String[] {"admin.*", "portal.*"};
      default -> new String[] {endpoint.id() + ".*"};
    };
  }

  /** One way of turning the name into addresses. */
  private record Path(String source, List<InetAddress> addresses, String error) {
    String describe() {
      return source
          + " -> "
          + (addresses.isEmpty()
              ? "no address" + (error == null ? "" : " (" + error + ")")
              : join(addresses));
    }
  }

  private Path dnsPath(CheckContext ctx, String host, List<DnsServer> resolvers) {
    if (resolvers.isEmpty()) {
      return systemPath(host);
    }
    Name name;
    try {
      name = Name.fromString(host, Name.root);
    } catch (TextParseException e) {
      return new Path("dns.resolvers", List.of(), e.getMessage());
    }
    Set<InetAddress> found = new LinkedHashSet<>();
    List<String> errors = new ArrayList<>();
    for (DnsServer s : resolvers) {
      for (int type : List.of(Type.A, Type.AAAA)) {
        DnsQuery.Answer a = DnsQuery.ask(s, name, type, ctx.timeouts().read());
        found.addAll(a.addresses());
        if (!a.reached()) {
          errors.add(a.error());
          break;
        }
        if (a.addresses().isEmpty() && type == Type.A) {
          errors.add(s.label() + ": " + a.rcodeName());
        }
      }
    }
    String label =
        "dns.resolvers "
            + resolvers.stream().map(DnsServer::label).collect(Collectors.joining(", "));
    return new Path(
        label,
        List.copyOf(found),
        found.isEmpty() && !errors.isEmpty() ? String.join("; ", errors) : null);
  }

  private Path systemPath(String host) {
    try {
      return new Path("the system resolver", Arrays.asList(system.resolve(host)), null);
    } catch (UnknownHostException e) {
      return new Path("the system resolver", List.of(), "unknown host");
    }
  }

  private static boolean connected(TcpConnectCheck.Attempt a) {
    return a.outcome() == Outcome.CONNECTED;
  }

  private static String word(TcpConnectCheck.Attempt a) {
    return connected(a)
        ? "connected in " + a.millis() + " ms"
        : a.outcome().word() + ": " + a.detail();
  }

  private static String join(List<InetAddress> addresses) {
    return DnsResolveCheck.join(addresses);
  }
}
