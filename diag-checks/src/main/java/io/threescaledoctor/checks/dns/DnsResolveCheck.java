package io.threescaledoctor.checks.dns;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.hosts.HostsFileParser;

/**
 * {@code dns.resolve}: does the endpoint's host name resolve, to what, and do the resolvers agree?
 * (guide §4.2.3, §4.3.4).
 *
 * <p>Asks each resolver of {@code dns.resolvers} (the gateway's {@code resolver} directive), or
 * else the hosts file and then the system's resolvers, for A and AAAA records, and shows each
 * answer with its TTLs and CNAME chain. The outcomes a support engineer tells apart are separate
 * findings: NXDOMAIN (the name does not exist), SERVFAIL (the resolver failed), an empty answer
 * (the name exists but has no address), and no server reached at all. Every address is listed,
 * since a firewall allow-list needs all of them. An IP literal or a {@code network.resolve} pin
 * needs no query.
 *
 * <p>Hop: a failure belongs to the endpoint's hop, except that when the doctor runs on the gateway
 * host, the gateway failing to resolve 3scale's backend is {@code gateway-3scale} and failing to
 * resolve the API is {@code gateway-api}: that is where nginx would fail too.
 */
public final class DnsResolveCheck implements Check {
  private static final String CAUSE = "dns-resolution-failed";
  private static final String TYPE_FAILED_CAUSE = "dns-address-type-failed";

  private final List<Integer> types;
  private final HostsFileParser hosts;

  /** Resolves A and AAAA records, as {@code run} does. */
  public DnsResolveCheck() {
    this(List.of(Type.A, Type.AAAA));
  }

  /** Resolves the given record types ({@link Type#A}, {@link Type#CNAME}, {@link Type#ANY}...). */
  public DnsResolveCheck(List<Integer> types) {
    this(types, new HostsFileParser());
  }

  DnsResolveCheck(List<Integer> types, HostsFileParser hosts) {
    this.types = List.copyOf(types);
    this.hosts = hosts;
  }

  @Override
  public String id() {
    return "dns.resolve";
  }

  @Override
  public Hop hop() {
    return Hop.API;
  }

  @Override
  public String description() {
    return "The host name resolves (A, AAAA, CNAME chain with TTLs) and the resolvers agree";
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.API, Endpoint.GATEWAY, Endpoint.BACKEND, Endpoint.ADMIN);
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    String host = ctx.target().getHost();
    if (host == null || host.isBlank()) {
      return CheckResult.error("the URL " + ctx.target() + " has no host name");
    }
    Optional<InetAddress> literal = ResolvePins.literal(host);
    if (literal.isPresent()) {
      return CheckResult.pass(host + " is an IP address; nothing to resolve")
          .withEvidence("addresses", IpText.of(literal.get()))
          .withFacts(new ResolvedAddresses(host, List.of(literal.get()), "literal"));
    }
    Optional<InetAddress> pinned =
        ResolvePins.parse(ctx.profile().network().resolveOrEmpty()).lookup(host);
    if (pinned.isPresent()) {
      return CheckResult.pass(
              host
                  + " is pinned to "
                  + IpText.of(pinned.get())
                  + " by network.resolve (--resolve); DNS not asked")
          .withEvidence("addresses", IpText.of(pinned.get()))
          .withEvidence("source", "pinned")
          .withFacts(new ResolvedAddresses(host, List.of(pinned.get()), "pinned"));
    }
    Name name;
    try {
      name = Name.fromString(host, Name.root);
    } catch (TextParseException e) {
      return CheckResult.error("'" + host + "' is not a valid DNS name: " + e.getMessage());
    }
    List<DnsServer> servers = DnsServer.parseAll(ctx.profile().dns().resolversOrEmpty());
    boolean system = servers.isEmpty();
    if (system) {
      Optional<CheckResult> fromHosts = fromHostsFile(name, host);
      if (fromHosts.isPresent()) {
        return fromHosts.get();
      }
      for (InetSocketAddress s : ResolverConfig.getCurrentConfig().servers()) {
        servers.add(new DnsServer(s));
      }
      if (servers.isEmpty()) {
        return CheckResult.error(
            "no DNS resolver configured on this host (/etc/resolv.conf)"
                + " and none in dns.resolvers");
      }
    }
    // Resolvers are asked concurrently, so that several silent ones cost one timeout, not many.
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(8, servers.size()),
            r -> {
              Thread t = new Thread(r, "dns-resolve");
              t.setDaemon(true);
              return t;
            });
    try {
      List<CompletableFuture<ServerOutcome>> asked = new ArrayList<>();
      for (DnsServer server : servers) {
        asked.add(
            CompletableFuture.supplyAsync(() -> ask(server, name, ctx.timeouts().read()), pool));
      }
      List<ServerOutcome> outcomes = asked.stream().map(CompletableFuture::join).toList();
      return judge(ctx, host, outcomes, system);
    } finally {
      pool.shutdownNow();
    }
  }

  private Optional<CheckResult> fromHostsFile(Name name, String host) {
    List<InetAddress> found = new ArrayList<>();
    try {
      for (int type : List.of(Type.A, Type.AAAA)) {
        hosts.getAddressForHost(name, type).ifPresent(found::add);
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        CheckResult.pass(host + " resolves from the hosts file to " + join(found))
            .withEvidence("source", "hosts file")
            .withEvidence("addresses", join(found))
            .withReproduce("getent hosts " + host)
            .withFacts(new ResolvedAddresses(host, found, "hosts file")));
  }

  private ServerOutcome ask(DnsServer server, Name name, Duration timeout) {
    List<DnsQuery.Answer> answers = new ArrayList<>();
    for (int type : types) {
      DnsQuery.Answer a = DnsQuery.ask(server, name, type, timeout);
      answers.add(a);
      if (a.timedOut()) {
        // The server is silent; asking it again costs another timeout and says nothing new.
        break;
      }
    }
    return new ServerOutcome(server, answers);
  }

  /** How one server's answers add up. */
  enum Outcome {
    RESOLVED,
    /** Only CNAME records for an address query: the alias chain ends at a name with no address. */
    ALIAS_TO_NOTHING,
    NXDOMAIN,
    SERVFAIL,
    NO_ANSWER,
    UNREACHABLE,
    OTHER_RCODE
  }

  record ServerOutcome(DnsServer server, List<DnsQuery.Answer> answers) {
    List<InetAddress> addresses() {
      List<InetAddress> out = new ArrayList<>();
      answers.forEach(a -> out.addAll(a.addresses()));
      return out;
    }

    List<CNAMERecord> cnames() {
      Map<Name, CNAMERecord> unique = new LinkedHashMap<>();
      answers.forEach(a -> a.cnames().forEach(c -> unique.putIfAbsent(c.getName(), c)));
      return List.copyOf(unique.values());
    }

    Outcome outcome() {
      if (addresses().isEmpty() && !cnames().isEmpty() && askedOnlyForAddresses()) {
        return Outcome.ALIAS_TO_NOTHING;
      }
      if (!addresses().isEmpty()
          || answers.stream().anyMatch(a -> a.reached() && !a.records().isEmpty())) {
        return Outcome.RESOLVED;
      }
      if (answers.stream().noneMatch(DnsQuery.Answer::reached)) {
        return Outcome.UNREACHABLE;
      }
      if (answers.stream().anyMatch(a -> a.rcode() == Rcode.SERVFAIL)) {
        return Outcome.SERVFAIL;
      }
      if (answers.stream().anyMatch(a -> a.rcode() == Rcode.NXDOMAIN)) {
        return Outcome.NXDOMAIN;
      }
      if (answers.stream().allMatch(a -> !a.reached() || a.rcode() == Rcode.NOERROR)) {
        return Outcome.NO_ANSWER;
      }
      return Outcome.OTHER_RCODE;
    }

    private boolean askedOnlyForAddresses() {
      return answers.stream()
          .filter(DnsQuery.Answer::reached)
          .allMatch(a -> a.type().equals("A") || a.type().equals("AAAA"));
    }

    String describe(String host) {
      return switch (outcome()) {
        case RESOLVED -> server.label() + " resolves " + host + " to " + join(addresses());
        case ALIAS_TO_NOTHING ->
            server.label()
                + " answers "
                + host
                + " with an alias chain that ends nowhere: "
                + chain(host, cnames())
                + ", and the last name has no A or AAAA record";
        case NXDOMAIN -> server.label() + " says " + host + " does not exist (NXDOMAIN)";
        case SERVFAIL -> server.label() + " failed to resolve " + host + " (SERVFAIL)";
        case NO_ANSWER ->
            server.label()
                + " knows "
                + host
                + " but returned no "
                + answers.stream().map(DnsQuery.Answer::type).collect(Collectors.joining(" or "))
                + " record (NOERROR, empty answer)";
        case UNREACHABLE -> answers.get(0).error();
        case OTHER_RCODE ->
            server.label()
                + " answered "
                + answers.stream()
                    .filter(DnsQuery.Answer::reached)
                    .map(DnsQuery.Answer::rcodeName)
                    .distinct()
                    .collect(Collectors.joining("/"))
                + " for "
                + host;
      };
    }
  }

  private CheckResult judge(
      CheckContext ctx, String host, List<ServerOutcome> outcomes, boolean system) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("name", host);
    evidence.put(
        "resolvers",
        outcomes.stream().map(o -> o.server().label()).collect(Collectors.joining(", "))
            + (system ? " (system)" : " (dns.resolvers)"));
    Set<InetAddress> all = new LinkedHashSet<>();
    for (ServerOutcome o : outcomes) {
      evidence.put("outcome@" + o.server().label(), o.outcome().name());
      for (DnsQuery.Answer a : o.answers()) {
        evidence.put(a.type() + "@" + o.server().label(), a.text());
      }
      all.addAll(o.addresses());
    }
    List<ServerOutcome> resolved =
        outcomes.stream().filter(o -> o.outcome() == Outcome.RESOLVED).toList();
    List<InetAddress> addresses = sortV4First(all);
    if (!resolved.isEmpty()) {
      List<CNAMERecord> cnames = resolved.get(0).cnames();
      if (!cnames.isEmpty()) {
        evidence.put("cnameChain", chain(host, cnames));
      }
      evidence.put("addresses", join(addresses));
    }
    String reproduce =
        outcomes.stream()
            .map(
                o -> system ? "dig " + host + " " + typeNames() : o.server().dig(host, typeNames()))
            .distinct()
            .collect(Collectors.joining(" ; "));
    String source =
        outcomes.stream().map(o -> o.server().label()).collect(Collectors.joining(", "));

    List<String> typeFailures = typeFailures(resolved);
    CheckResult r;
    if (resolved.isEmpty()) {
      String summary =
          outcomes.stream().map(o -> o.describe(host)).distinct().collect(Collectors.joining("; "));
      if (outcomes.stream().allMatch(o -> o.outcome() == Outcome.UNREACHABLE)) {
        summary = "no DNS server could be reached for " + host + ": " + summary;
      }
      String proxy = ctx.profile().network().proxy();
      if (proxy != null && !proxy.isBlank()) {
        // Through a proxy the name is the proxy's to resolve: a local failure is worth a
        // warning, and must not stop tcp.connect from asking the proxy.
        r =
            CheckResult.warn(summary + "; network.proxy is set, so the proxy resolves it instead")
                .withCause(CAUSE);
      } else {
        r = CheckResult.fail(summary).withCause(CAUSE);
      }
      r = r.withHop(failureHop(ctx));
    } else if (resolved.size() < outcomes.size()) {
      String failing =
          outcomes.stream()
              .filter(o -> o.outcome() != Outcome.RESOLVED)
              .map(o -> o.describe(host))
              .collect(Collectors.joining("; "));
      r =
          CheckResult.warn(
                  host
                      + " resolves through "
                      + resolved.size()
                      + " of "
                      + outcomes.size()
                      + " resolvers; "
                      + failing)
              .withCause(CAUSE)
              .withHop(failureHop(ctx));
    } else if (outcomes.size() > 1 && !agree(resolved)) {
      r =
          CheckResult.warn(
              "the resolvers disagree about "
                  + host
                  + ": "
                  + resolved.stream()
                      .map(o -> o.server().label() + " -> " + join(o.addresses()))
                      .collect(Collectors.joining("; ")));
    } else if (!typeFailures.isEmpty()) {
      r =
          CheckResult.warn(
                  host
                      + " resolves to "
                      + join(addresses)
                      + ", but "
                      + String.join("; ", typeFailures)
                      + ": nginx's resolver asks for A and AAAA and fails the whole name when"
                      + " either fails, unless its resolver directive says ipv6=off")
              .withCause(TYPE_FAILED_CAUSE)
              .withHop(failureHop(ctx));
    } else {
      r =
          CheckResult.pass(
              host
                  + " resolves to "
                  + join(addresses)
                  + (evidence.containsKey("cnameChain")
                      ? " via " + evidence.get("cnameChain")
                      : ""));
    }
    return r.withEvidence(evidence)
        .withReproduce(reproduce)
        .withFacts(new ResolvedAddresses(host, addresses, source));
  }

  /**
   * The address queries a resolver that did resolve the name failed (REFUSED, SERVFAIL, NOTIMP...)
   * rather than answering them, even empty: what a resolver that only knows IPv4 often does.
   */
  private static List<String> typeFailures(List<ServerOutcome> resolved) {
    List<String> failures = new ArrayList<>();
    for (ServerOutcome o : resolved) {
      for (DnsQuery.Answer a : o.answers()) {
        boolean addressQuery = a.type().equals("A") || a.type().equals("AAAA");
        if (addressQuery
            && a.reached()
            && a.rcode() != Rcode.NOERROR
            && a.rcode() != Rcode.NXDOMAIN) {
          failures.add(o.server().label() + " answers " + a.type() + " with " + a.rcodeName());
        }
      }
    }
    return failures;
  }

  private String typeNames() {
    return types.stream().map(Type::string).collect(Collectors.joining(" "));
  }

  /** Where a DNS failure belongs: on the gateway host, the gateway's own hops. */
  static Hop failureHop(CheckContext ctx) {
    Endpoint e = ctx.endpoint().orElse(Endpoint.API);
    if (ctx.profile().vantage() == Profile.Vantage.GATEWAY) {
      if (e == Endpoint.BACKEND) {
        return Hop.GATEWAY_3SCALE;
      }
      if (e == Endpoint.API) {
        return Hop.GATEWAY_API;
      }
    }
    return e.hop();
  }

  private static boolean agree(List<ServerOutcome> resolved) {
    Set<InetAddress> first = new LinkedHashSet<>(resolved.get(0).addresses());
    return resolved.stream().allMatch(o -> new LinkedHashSet<>(o.addresses()).equals(first));
  }

  private static String chain(String host, List<CNAMERecord> cnames) {
    StringBuilder sb = new StringBuilder(host);
    for (CNAMERecord c : cnames) {
      sb.append(" -> ")
          .append(c.getTarget().toString(true))
          .append(" (ttl ")
          .append(c.getTTL())
          .append(")");
    }
    return sb.toString();
  }

  private static List<InetAddress> sortV4First(Set<InetAddress> all) {
    List<InetAddress> out = new ArrayList<>();
    all.stream().filter(a -> a.getAddress().length == 4).forEach(out::add);
    all.stream().filter(a -> a.getAddress().length != 4).forEach(out::add);
    return out;
  }

  static String join(List<InetAddress> addresses) {
    return addresses.stream().map(IpText::of).collect(Collectors.joining(", "));
  }
}
