package io.threescaledoctor.checks.process;

import io.threescaledoctor.checks.dns.Resolution;
import io.threescaledoctor.checks.net.HostPort;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.LocalAddresses;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gateway.process} (guide 4.3.3, "is the API gateway up and running?"): on the gateway host,
 * the process that accepts connections on the gateway's port is an nginx master with at least one
 * worker. The port's owner is found the way {@code ss -ltnp} finds it (the listening socket's inode
 * in {@code /proc/net/tcp} and {@code tcp6}, held by a {@code /proc/PID/fd} link), so an nginx
 * serving something else on this host does not make it pass; when nothing listens there, it says
 * where this gateway's nginx listens instead. Read from {@code /proc}, so it only means something
 * where the doctor runs on the gateway ({@code vantage: gateway}, stated or inferred).
 */
public final class GatewayProcessCheck implements Check {
  private static final long SETTLE_MILLIS = 250;
  private static final String REPRODUCE = "ss -ltnp ; ps ax | grep [n]ginx";

  private final Path proc;

  public GatewayProcessCheck() {
    this(Path.of("/proc"));
  }

  GatewayProcessCheck(Path proc) {
    this.proc = proc;
  }

  @Override
  public String id() {
    return "gateway.process";
  }

  @Override
  public Hop hop() {
    return Hop.GATEWAY;
  }

  @Override
  public String description() {
    return "The gateway's port is held by an nginx master with at least one worker on this host"
        + " (vantage: gateway)";
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    return profile.vantage() == Profile.Vantage.GATEWAY
        ? Optional.empty()
        : Optional.of("vantage (set vantage: gateway when the doctor runs on the gateway host)");
  }

  @Override
  public CheckResult run(CheckContext context) throws IOException, InterruptedException {
    if (!Files.isDirectory(proc)) {
      return CheckResult.error(proc + " is not available: cannot list processes on this system");
    }
    Optional<HostPort> gateway = gatewayAddress(context.profile());
    List<InetAddress> local = gateway.map(g -> localAddresses(context, g)).orElse(List.of());
    if (gateway.isEmpty() || local.isEmpty()) {
      return anyNginx(context, gateway);
    }
    GatewayListener view = GatewayListener.look(proc, context.profile(), gateway.get(), local);
    if (!view.listening()) {
      Optional<CheckResult> unseen = answersUnseen(context, gateway.get(), local.get(0));
      if (unseen.isPresent()) {
        return unseen.get();
      }
      GatewayListener.Refusal why = view.whyRefused().orElseThrow();
      return CheckResult.fail(why.sentence())
          .withCause(why.cause())
          .withEvidence("gatewayPort", gateway.get().port())
          .withEvidence(describeMasters(view.nginx(), view.gatewayMasters()))
          .withReproduce(REPRODUCE);
    }
    List<NginxProcesses.Proc> owners = view.servingProcesses();
    String sockets = view.servingSockets();
    if (owners.isEmpty()) {
      return anyNginx(context, gateway)
          .withEvidence("listening", sockets + " (owner not visible to this user; run as root)");
    }
    Optional<NginxProcesses.Proc> master =
        owners.stream()
            .filter(NginxProcesses.Proc::master)
            .findFirst()
            .or(
                () ->
                    owners.stream()
                        .filter(NginxProcesses.Proc::worker)
                        .findFirst()
                        .flatMap(
                            w ->
                                view.nginx().stream()
                                    .filter(m -> m.pid() == w.ppid())
                                    .findFirst()));
    if (master.isEmpty()) {
      NginxProcesses.Proc owner = owners.get(0);
      return CheckResult.skip(
              sockets
                  + " is served by "
                  + owner.program()
                  + " (pid "
                  + owner.pid()
                  + "), not nginx: the gateway runs behind it (a container, a port forward or"
                  + " another proxy), where this host cannot see its processes")
          .withEvidence("listening", sockets)
          .withEvidence("owner", owner.pid() + ": " + owner.cmdline())
          .withReproduce(REPRODUCE);
    }
    List<NginxProcesses.Proc> workers = workersOf(master.get(), view.nginx());
    if (workers.isEmpty()) {
      // A master without workers is normal for a moment while nginx starts or reloads.
      Thread.sleep(SETTLE_MILLIS);
      workers = workersOf(master.get(), NginxProcesses.list(proc));
    }
    CheckResult r =
        workers.isEmpty()
            ? CheckResult.fail(
                    "nginx master "
                        + master.get().pid()
                        + " holds "
                        + sockets
                        + " but has no worker processes: it accepts no requests")
                .withCause("gateway-down")
            : CheckResult.pass(
                "nginx master "
                    + master.get().pid()
                    + " with "
                    + workers.size()
                    + " worker"
                    + (workers.size() == 1 ? "" : "s")
                    + " listens on "
                    + sockets);
    return r.withEvidence("listening", sockets)
        .withEvidence(describeMasters(view.nginx(), List.of(master.get())))
        .withReproduce(REPRODUCE);
  }

  /**
   * When {@code /proc} shows no socket on the gateway's port but a connection to it succeeds, the
   * gateway listens in a network namespace this view does not show (another container): this check
   * can then say no more.
   */
  private static Optional<CheckResult> answersUnseen(
      CheckContext context, HostPort gateway, InetAddress address) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, gateway.port()), context.timeouts().connectMillis());
      return Optional.of(
          CheckResult.skip(
                  "the gateway answers on "
                      + HostPort.label(address, gateway.port())
                      + ", but no listening socket of this host's view holds that port: it runs in"
                      + " another container or network namespace")
              .withEvidence("gatewayAddress", HostPort.label(address, gateway.port()))
              .withReproduce(REPRODUCE));
    } catch (IOException refused) {
      return Optional.empty();
    }
  }

  private static Optional<HostPort> gatewayAddress(Profile profile) {
    String url = profile.gateway().url();
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(HostPort.of(URI.create(url)));
  }

  /** The gateway host's addresses that are this host's own; empty when it runs elsewhere. */
  private static List<InetAddress> localAddresses(CheckContext context, HostPort gateway) {
    try {
      return Resolution.resolve(context.profile(), gateway.host(), context.timeouts().read())
          .stream()
          .filter(LocalAddresses::isLocal)
          .toList();
    } catch (UnknownHostException e) {
      return List.of();
    }
  }

  /**
   * Without the gateway's address on this host, the best this check can say: whether any nginx
   * master with workers runs here at all.
   */
  private CheckResult anyNginx(CheckContext context, Optional<HostPort> gateway)
      throws IOException, InterruptedException {
    List<NginxProcesses.Proc> first = NginxProcesses.list(proc);
    if (!hasWorkingMaster(first)) {
      Thread.sleep(SETTLE_MILLIS);
    }
    List<NginxProcesses.Proc> all = hasWorkingMaster(first) ? first : NginxProcesses.list(proc);
    List<NginxProcesses.Proc> masters = all.stream().filter(NginxProcesses.Proc::master).toList();
    String where =
        gateway.map(g -> " (" + g.authority() + " is not an address of this host)").orElse("");
    if (masters.isEmpty()) {
      return CheckResult.fail("no nginx master process runs on this host" + where)
          .withCause("gateway-down")
          .withEvidence("nginxProcesses", all.size())
          .withReproduce(REPRODUCE);
    }
    boolean anyWorkers = masters.stream().anyMatch(m -> !workersOf(m, all).isEmpty());
    CheckResult r =
        anyWorkers
            ? CheckResult.pass("nginx runs: " + summary(masters, all) + where)
            : CheckResult.fail(
                    "nginx master without worker processes ("
                        + summary(masters, all)
                        + "): it accepts no requests")
                .withCause("gateway-down");
    return r.withEvidence(describeMasters(all, masters)).withReproduce(REPRODUCE);
  }

  private static boolean hasWorkingMaster(List<NginxProcesses.Proc> all) {
    return all.stream().anyMatch(m -> m.master() && !workersOf(m, all).isEmpty());
  }

  private static List<NginxProcesses.Proc> workersOf(
      NginxProcesses.Proc master, List<NginxProcesses.Proc> all) {
    return all.stream().filter(p -> p.worker() && p.ppid() == master.pid()).toList();
  }

  private static String summary(List<NginxProcesses.Proc> masters, List<NginxProcesses.Proc> all) {
    List<String> parts = new ArrayList<>();
    for (NginxProcesses.Proc m : masters) {
      int n = workersOf(m, all).size();
      parts.add("master " + m.pid() + " with " + n + " worker" + (n == 1 ? "" : "s"));
    }
    return String.join("; ", parts);
  }

  private static Map<String, String> describeMasters(
      List<NginxProcesses.Proc> all, List<NginxProcesses.Proc> masters) {
    Map<String, String> evidence = new LinkedHashMap<>();
    int n = 0;
    for (NginxProcesses.Proc m : masters) {
      n++;
      List<NginxProcesses.Proc> workers = workersOf(m, all);
      evidence.put("master" + n, m.pid() + " started " + m.started() + ": " + m.cmdline());
      evidence.put(
          "workers" + n,
          workers.isEmpty()
              ? "none"
              : String.join(
                  ", ", workers.stream().map(w -> w.pid() + " started " + w.started()).toList()));
    }
    return evidence;
  }
}
