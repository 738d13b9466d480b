package io.threescaledoctor.checks.tcp;

import io.threescaledoctor.checks.dns.IpText;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Durations;
import io.threescaledoctor.core.profile.Profile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * {@code tcp.connect}: can the doctor open a TCP connection to the endpoint (guide §4.2.1, the
 * guide's {@code telnet HOST PORT})? Every address the host resolves to is tried, IPv4 and IPv6,
 * concurrently, each under {@code timeouts.connect}, and each address's outcome (connected,
 * refused, timed out, unreachable, reset) and connect time is evidence, so one dead address behind
 * a load balancer shows. FAIL when no address connects, WARN when only some do.
 *
 * <p>With {@code network.proxy} the doctor cannot reach addresses itself: it asks the proxy to
 * {@code CONNECT} to host:port and reports the proxy's answer.
 */
public final class TcpConnectCheck implements Check {

  /** What happened when connecting to one address. */
  public enum Outcome {
    CONNECTED,
    REFUSED,
    TIMED_OUT,
    UNREACHABLE,
    RESET,
    ERROR;

    String word() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
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
    URI target = ctx.target();
    String host = target.getHost();
    int port = Endpoints.port(target);
    String proxy = ctx.profile().network().proxy();
    if (proxy != null && !proxy.isBlank()) {
      return throughProxy(ctx, host, port, proxy);
    }
    List<InetAddress> addresses;
    try {
      addresses = Endpoints.addresses(ctx, host);
    } catch (UnknownHostException e) {
      return CheckResult.fail(host + " does not resolve, so there is nothing to connect to")
          .withCause("dns-resolution-failed");
    }
    List<Attempt> attempts = connectAll(addresses, port, ctx.timeouts().connectMillis());
    return judge(ctx, host, port, attempts);
  }

  static List<Attempt> connectAll(List<InetAddress> addresses, int port, int timeoutMillis) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(8, addresses.size()),
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
                () -> connect(new InetSocketAddress(a, port), timeoutMillis), pool));
      }
      return futures.stream().map(CompletableFuture::join).toList();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Opens and closes one connection, classifying the outcome. */
  public static Attempt connect(InetSocketAddress address, int timeoutMillis) {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(address, timeoutMillis);
      return new Attempt(address, Outcome.CONNECTED, elapsed(start), "connected");
    } catch (SocketTimeoutException e) {
      return new Attempt(
          address,
          Outcome.TIMED_OUT,
          elapsed(start),
          "no answer within the connect timeout of "
              + Durations.format(java.time.Duration.ofMillis(timeoutMillis))
              + " (timeouts.connect)");
    } catch (NoRouteToHostException e) {
      return new Attempt(address, Outcome.UNREACHABLE, elapsed(start), message(e));
    } catch (ConnectException e) {
      String m = message(e).toLowerCase(Locale.ROOT);
      Outcome o =
          m.contains("refused")
              ? Outcome.REFUSED
              : m.contains("unreachable")
                  ? Outcome.UNREACHABLE
                  : m.contains("timed out") ? Outcome.TIMED_OUT : Outcome.ERROR;
      return new Attempt(
          address,
          o,
          elapsed(start),
          o == Outcome.REFUSED ? "refused (nothing listening)" : message(e));
    } catch (SocketException e) {
      String m = message(e).toLowerCase(Locale.ROOT);
      Outcome o =
          m.contains("reset")
              ? Outcome.RESET
              : m.contains("unreachable") ? Outcome.UNREACHABLE : Outcome.ERROR;
      return new Attempt(address, o, elapsed(start), message(e));
    } catch (IOException e) {
      return new Attempt(address, Outcome.ERROR, elapsed(start), message(e));
    }
  }

  private CheckResult judge(CheckContext ctx, String host, int port, List<Attempt> attempts) {
    List<Attempt> ok = attempts.stream().filter(a -> a.outcome() == Outcome.CONNECTED).toList();
    List<Attempt> bad = attempts.stream().filter(a -> a.outcome() != Outcome.CONNECTED).toList();
    CheckResult r;
    String hostPort = host + ":" + port;
    if (bad.isEmpty()) {
      r =
          CheckResult.pass(
              "connected to "
                  + hostPort
                  + (attempts.size() > 1 ? " on all " + attempts.size() + " addresses" : "")
                  + " in "
                  + ok.stream().mapToLong(Attempt::millis).max().orElse(0)
                  + " ms");
    } else if (!ok.isEmpty()) {
      r =
          CheckResult.warn(
                  bad.size()
                      + " of "
                      + attempts.size()
                      + " addresses of "
                      + hostPort
                      + " do not accept connections: "
                      + describe(bad))
              .withCause(cause(ctx, bad))
              .withHop(hop(ctx));
    } else {
      r =
          CheckResult.fail(
                  hostPort
                      + ": "
                      + (attempts.size() == 1
                          ? describe(bad)
                          : "no address accepts a connection: " + describe(bad)))
              .withCause(cause(ctx, bad));
      r = r.withHop(gatewayDown(ctx, bad) ? Hop.GATEWAY : hop(ctx));
    }
    for (Attempt a : attempts) {
      r =
          r.withEvidence(
              "connect@" + Endpoints.label(a.address().getAddress(), port),
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
                        + port)
            .collect(Collectors.joining(" ; "));
    return r.withReproduce(nc).withFacts(new Attempts(host, port, attempts));
  }

  private static String describe(List<Attempt> bad) {
    return bad.stream()
        .map(
            a ->
                Endpoints.label(a.address().getAddress(), a.address().getPort())
                    + " "
                    + (a.outcome() == Outcome.TIMED_OUT
                        ? "timed out: " + a.detail()
                        : a.outcome() == Outcome.REFUSED
                            ? "refused the connection (nothing listening)"
                            : a.outcome().word() + " (" + a.detail() + ")"))
        .collect(Collectors.joining("; "));
  }

  private static Hop hop(CheckContext ctx) {
    Endpoint e = ctx.endpoint().orElse(Endpoint.API);
    if (e == Endpoint.BACKEND && ctx.profile().vantage() == Profile.Vantage.GATEWAY) {
      return Hop.GATEWAY_3SCALE;
    }
    return e.hop();
  }

  private static String cause(CheckContext ctx, List<Attempt> bad) {
    Endpoint e = ctx.endpoint().orElse(Endpoint.API);
    boolean allTimedOut =
        !bad.isEmpty() && bad.stream().allMatch(a -> a.outcome() == Outcome.TIMED_OUT);
    return switch (e) {
      case API -> "api-unreachable";
      case BACKEND -> allTimedOut ? "backend-timeout" : "backend-unreachable";
      case ADMIN -> "backend-unreachable";
      case GATEWAY -> gatewayDown(ctx, bad) ? "gateway-down" : "gateway-unreachable";
    };
  }

  /**
   * On the gateway host, a refused connection to one of the host's own addresses means nginx is not
   * listening there: the gateway is down, not the path to it.
   */
  private static boolean gatewayDown(CheckContext ctx, List<Attempt> bad) {
    if (ctx.endpoint().orElse(null) != Endpoint.GATEWAY
        || ctx.profile().vantage() != Profile.Vantage.GATEWAY) {
      return false;
    }
    return bad.stream()
        .anyMatch(a -> a.outcome() == Outcome.REFUSED && isLocal(a.address().getAddress()));
  }

  private static boolean isLocal(InetAddress a) {
    try {
      return a.isLoopbackAddress()
          || a.isAnyLocalAddress()
          || NetworkInterface.getByInetAddress(a) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  private CheckResult throughProxy(CheckContext ctx, String host, int port, String proxy) {
    URI p = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
    int proxyPort = p.getPort() > 0 ? p.getPort() : 3128;
    String reproduce =
        "curl -sv -p -x "
            + p.getScheme()
            + "://"
            + p.getHost()
            + ":"
            + proxyPort
            + " telnet://"
            + host
            + ":"
            + port;
    String proxyLabel = "the proxy " + p.getHost() + ":" + proxyPort;
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      try {
        s.connect(new InetSocketAddress(p.getHost(), proxyPort), ctx.timeouts().connectMillis());
      } catch (SocketTimeoutException e) {
        return proxyFailure(
            ctx,
            proxyLabel
                + " did not accept a connection within the connect"
                + " timeout of "
                + Durations.format(ctx.timeouts().connect())
                + " (timeouts.connect)",
            reproduce);
      }
      s.setSoTimeout(ctx.timeouts().readMillis());
      OutputStream out = s.getOutputStream();
      String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
      out.write(
          ("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status;
      try {
        status =
            new BufferedReader(
                    new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1))
                .readLine();
      } catch (SocketTimeoutException e) {
        return proxyFailure(
            ctx,
            proxyLabel
                + " did not answer CONNECT "
                + authority
                + " within the read timeout of "
                + Durations.format(ctx.timeouts().read())
                + " (timeouts.read)",
            reproduce);
      }
      long millis = elapsed(start);
      CheckResult r;
      if (status != null && status.matches("HTTP/1\\.[01] 2\\d\\d.*")) {
        r = CheckResult.pass(proxyLabel + " connected to " + authority + " in " + millis + " ms");
      } else {
        r =
            proxyFailure(
                ctx,
                proxyLabel
                    + " could not connect to "
                    + authority
                    + ": "
                    + (status == null ? "it closed the connection" : status),
                reproduce);
      }
      return r.withEvidence("proxy", p.getHost() + ":" + proxyPort)
          .withEvidence("proxyAnswer", status)
          .withEvidence("connectMillis", millis)
          .withReproduce(reproduce);
    } catch (IOException e) {
      return proxyFailure(ctx, "cannot reach " + proxyLabel + ": " + message(e), reproduce);
    }
  }

  private static CheckResult proxyFailure(CheckContext ctx, String summary, String reproduce) {
    return CheckResult.fail(summary)
        .withCause(cause(ctx, List.of()))
        .withHop(hop(ctx))
        .withReproduce(reproduce);
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
