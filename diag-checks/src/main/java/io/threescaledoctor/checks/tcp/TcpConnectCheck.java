package io.threescaledoctor.checks.tcp;

import io.threescaledoctor.checks.dns.IpText;
import io.threescaledoctor.checks.net.Addresses;
import io.threescaledoctor.checks.net.Blame;
import io.threescaledoctor.checks.net.Dial;
import io.threescaledoctor.checks.net.Dialer;
import io.threescaledoctor.checks.net.HostPort;
import io.threescaledoctor.checks.net.Outcome;
import io.threescaledoctor.checks.net.Phase;
import io.threescaledoctor.checks.process.GatewayListener;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.LocalAddresses;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * {@code tcp.connect}: can the doctor open a TCP connection to the endpoint (guide §4.2.1, the
 * guide's {@code telnet HOST PORT})? Every address the host resolves to is tried, IPv4 and IPv6,
 * concurrently, each under {@code timeouts.connect}, and each address's outcome (connected,
 * refused, timed out, unreachable) and connect time is evidence, so one dead address behind a load
 * balancer shows. FAIL when no address connects, WARN when only some do.
 *
 * <p>A refusal means the host answered and nothing listens on the port: it is located at the
 * endpoint's listener (the gateway, the API, 3scale), never at the network path; only a timeout or
 * an unreachable network is a path problem. On the gateway's host, a refused gateway port is
 * explained by what does listen there ({@code gateway-listens-elsewhere}) or by a stopped gateway
 * ({@code gateway-down}).
 *
 * <p>Through a proxy ({@code network.proxy} or the endpoint's own) the doctor cannot reach
 * addresses itself: it asks the proxy to {@code CONNECT} to host:port and reports the proxy's
 * answer.
 */
public final class TcpConnectCheck implements Check {
  private final Path proc;

  public TcpConnectCheck() {
    this(Path.of("/proc"));
  }

  TcpConnectCheck(Path proc) {
    this.proc = proc;
  }

  /** One address's outcome; {@code millis} is the connect time, or the time spent failing. */
  public record Attempt(InetSocketAddress address, Outcome outcome, long millis, String detail) {}

  /** The attempts, for checks that depend on this one. */
  public record Attempts(String host, int port, List<Attempt> attempts) {
    public List<InetSocketAddress> connected() {
      return attempts.stream()
          .filter(a -> a.outcome() == Outcome.CONNECTED)
          .map(Attempt::address)
          .toList();
    }
  }

  @Override
  public String id() {
    return "tcp.connect";
  }

  @Override
  public Hop hop() {
    return Hop.API;
  }

  @Override
  public String description() {
    return "Every address of the host accepts a TCP connection on the port (per-address time)";
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.API, Endpoint.GATEWAY, Endpoint.BACKEND, Endpoint.ADMIN);
  }

  @Override
  public List<String> dependsOn() {
    return List.of("dns.resolve");
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    Endpoint endpoint = ctx.endpoint().orElse(Endpoint.API);
    HostPort target = HostPort.of(ctx.target());
    Dialer dialer = Dialer.of(ctx, endpoint);
    if (dialer.proxy().isPresent()) {
      return throughProxy(ctx, endpoint, dialer, target);
    }
    List<InetAddress> addresses;
    try {
      addresses = Addresses.of(ctx, target.host());
    } catch (UnknownHostException e) {
      return CheckResult.fail(
              target.host() + " does not resolve, so there is nothing to connect to")
          .withCause("dns-resolution-failed");
    }
    List<Attempt> attempts = connectAll(dialer, addresses, target.port());
    return judge(ctx, endpoint, target, attempts);
  }

  /** Connects to every address at once; each connection is closed as soon as it opens. */
  public static List<Attempt> connectAll(Dialer dialer, List<InetAddress> addresses, int port) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(8, addresses.size())),
            r -> {
              Thread t = new Thread(r, "tcp-connect");
              t.setDaemon(true);
              return t;
            });
    try {
      List<CompletableFuture<Attempt>> futures = new ArrayList<>();
      for (InetAddress a : addresses) {
        futures.add(
            CompletableFuture.supplyAsync(
                () -> attempt(dialer, new InetSocketAddress(a, port)), pool));
      }
      return futures.stream().map(CompletableFuture::join).toList();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Opens and closes one connection. */
  public static Attempt attempt(Dialer dialer, InetSocketAddress address) {
    try (Dial d = dialer.connect(address)) {
      return new Attempt(address, d.outcome(), d.connectMillis(), d.detail());
    }
  }

  private CheckResult judge(
      CheckContext ctx, Endpoint endpoint, HostPort target, List<Attempt> attempts) {
    List<Attempt> ok = attempts.stream().filter(a -> a.outcome() == Outcome.CONNECTED).toList();
    List<Attempt> bad = attempts.stream().filter(a -> a.outcome() != Outcome.CONNECTED).toList();
    CheckResult r;
    if (bad.isEmpty()) {
      r =
          CheckResult.pass(
              "connected to "
                  + target.authority()
                  + (attempts.size() > 1 ? " on all " + attempts.size() + " addresses" : "")
                  + " in "
                  + ok.stream().mapToLong(Attempt::millis).max().orElse(0)
                  + " ms");
    } else {
      // The worst news decides: a host that answered (refused) outranks a silent one.
      Attempt telling =
          bad.stream()
              .min(Comparator.comparingInt(a -> a.outcome() == Outcome.REFUSED ? 0 : 1))
              .orElseThrow();
      Blame.Verdict verdict = Blame.of(ctx, endpoint, telling.outcome(), Phase.CONNECT, false);
      String summary = describe(bad);
      Optional<GatewayListener.Refusal> why =
          ok.isEmpty() ? whyRefused(ctx, endpoint, target, bad) : Optional.empty();
      String cause = why.map(GatewayListener.Refusal::cause).orElse(verdict.cause());
      if (why.isPresent()) {
        summary += ": " + why.get().sentence();
      }
      r =
          ok.isEmpty()
              ? CheckResult.fail(
                  target.authority()
                      + ": "
                      + (attempts.size() == 1
                          ? summary
                          : "no address accepts a connection: " + summary))
              : CheckResult.warn(
                  bad.size()
                      + " of "
                      + attempts.size()
                      + " addresses of "
                      + target.authority()
                      + " do not accept connections: "
                      + summary);
      r = r.withCause(cause).withHop(verdict.hop());
      if (ok.isEmpty() && bad.stream().allMatch(a -> a.outcome() == Outcome.TIMED_OUT)) {
        r = r.withTimedOut("timeouts.connect");
      }
    }
    for (Attempt a : attempts) {
      r =
          r.withEvidence(
              "connect@" + HostPort.label(a.address()),
              a.outcome() == Outcome.CONNECTED
                  ? "connected in " + a.millis() + " ms"
                  : a.outcome().word() + " after " + a.millis() + " ms: " + a.detail());
    }
    if (!ok.isEmpty()) {
      r = r.withEvidence("connectMillis", ok.get(0).millis());
    }
    String nc =
        attempts.stream()
            .map(
                a ->
                    "nc -vz -w "
                        + Math.max(1, ctx.timeouts().connect().toSeconds())
                        + " "
                        + IpText.of(a.address().getAddress())
                        + " "
                        + target.port())
            .collect(Collectors.joining(" ; "));
    return r.withReproduce(nc).withFacts(new Attempts(target.host(), target.port(), attempts));
  }

  private static String describe(List<Attempt> bad) {
    return bad.stream()
        .map(a -> HostPort.label(a.address()) + " " + a.detail())
        .collect(Collectors.joining("; "));
  }

  /**
   * On the gateway's host, a refused connection to one of the host's own addresses is explained by
   * what listens there: this gateway's nginx on another port, or no gateway at all.
   */
  private Optional<GatewayListener.Refusal> whyRefused(
      CheckContext ctx, Endpoint endpoint, HostPort target, List<Attempt> bad) {
    if (endpoint != Endpoint.GATEWAY
        || ctx.profile().vantage() != Profile.Vantage.GATEWAY
        || !Files.isDirectory(proc)) {
      return Optional.empty();
    }
    List<InetAddress> local =
        bad.stream()
            .filter(a -> a.outcome() == Outcome.REFUSED)
            .map(a -> a.address().getAddress())
            .filter(LocalAddresses::isLocal)
            .toList();
    if (local.isEmpty()) {
      return Optional.empty();
    }
    try {
      return GatewayListener.look(proc, ctx.profile(), target, local).whyRefused();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.of(
          new GatewayListener.Refusal(
              "gateway-down", "nothing listens on " + HostPort.label(local.get(0), target.port())));
    }
  }

  private CheckResult throughProxy(
      CheckContext ctx, Endpoint endpoint, Dialer dialer, HostPort target) {
    String proxyUrl = dialer.proxy().orElseThrow().url();
    String reproduce = "curl -sv -p -x " + proxyUrl + " telnet://" + target.authority();
    try (Dial d = dialer.tunnel(target)) {
      CheckResult r;
      if (d.connected()) {
        r = CheckResult.pass(d.describe() + " in " + (d.connectMillis() + d.proxyMillis()) + " ms");
      } else {
        Blame.Verdict v =
            Blame.of(ctx, endpoint, d.outcome(), d.failedIn().orElse(Phase.CONNECT), d.atProxy());
        r =
            CheckResult.fail("cannot reach " + target.authority() + ": " + d.describe())
                .withCause(v.cause())
                .withHop(v.hop());
      }
      return r.withEvidence("proxy", dialer.proxy().get().address().authority())
          .withEvidence("proxyAnswer", d.proxyAnswer().orElse("-"))
          .withEvidence("connectMillis", d.connectMillis())
          .withReproduce(reproduce);
    }
  }
}
