package io.threescaledoctor.checks.process;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gateway.process} (guide 4.3.3, "is the API gateway up and running?"): on the gateway host,
 * an nginx master process runs with at least one worker. Read from {@code /proc}, so it only means
 * something where the doctor runs on the gateway ({@code vantage: gateway}).
 */
public final class GatewayProcessCheck implements Check {
  private static final long SETTLE_MILLIS = 250;

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
    return "An nginx master process and at least one worker run on the gateway host"
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
    List<NginxProcesses.Proc> all = NginxProcesses.list(proc);
    if (!hasWorkingMaster(all)) {
      // A master without workers is normal for a moment while nginx starts or reloads.
      Thread.sleep(SETTLE_MILLIS);
      all = NginxProcesses.list(proc);
    }
    List<NginxProcesses.Proc> masters = all.stream().filter(NginxProcesses.Proc::master).toList();
    if (!hasWorkingMaster(all)) {
      Optional<CheckResult> answers = gatewayAnswers(context, all.size());
      if (answers.isPresent()) {
        return answers.get();
      }
    }
    if (masters.isEmpty()) {
      return CheckResult.fail("no nginx master process runs on this host")
          .withCause("gateway-down")
          .withEvidence("nginxProcesses", all.size())
          .withReproduce("ps ax | grep [n]ginx");
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    List<String> parts = new ArrayList<>();
    boolean anyWorkers = false;
    int n = 0;
    for (NginxProcesses.Proc m : masters) {
      List<NginxProcesses.Proc> workers =
          all.stream().filter(p -> p.worker() && p.ppid() == m.pid()).toList();
      anyWorkers |= !workers.isEmpty();
      n++;
      parts.add(
          "master "
              + m.pid()
              + " with "
              + workers.size()
              + " worker"
              + (workers.size() == 1 ? "" : "s"));
      evidence.put("master" + n, m.pid() + " started " + m.started() + ": " + m.cmdline());
      evidence.put(
          "workers" + n,
          workers.isEmpty()
              ? "none"
              : String.join(
                  ", ", workers.stream().map(w -> w.pid() + " started " + w.started()).toList()));
    }
    String summary = String.join("; ", parts);
    CheckResult result =
        anyWorkers
            ? CheckResult.pass("nginx runs: " + summary)
            : CheckResult.fail(
                    "nginx master without worker processes ("
                        + summary
                        + "): it"
                        + " accepts no requests")
                .withCause("gateway-down");
    return result.withEvidence(evidence).withReproduce("ps ax | grep [n]ginx");
  }

  private static boolean hasWorkingMaster(List<NginxProcesses.Proc> all) {
    return all.stream()
        .anyMatch(m -> m.master() && all.stream().anyMatch(w -> w.worker() && w.ppid() == m.pid()));
  }

  /**
   * When no nginx with workers is visible, the gateway may still answer on its address: then it
   * runs where this host cannot see its processes (another container or PID namespace) or is not
   * nginx, and this check can say no more. Empty when it does not answer (or has no address).
   */
  private static Optional<CheckResult> gatewayAnswers(CheckContext context, int nginxProcesses) {
    Optional<String> url =
        Optional.ofNullable(context.profile().gateway().url()).filter(u -> !u.isBlank());
    if (url.isEmpty()) {
      return Optional.empty();
    }
    URI u = URI.create(url.get());
    int port = u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    String address = u.getHost() + ":" + port;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(u.getHost(), port), context.timeouts().connectMillis());
      return Optional.of(
          CheckResult.skip(
                  "no nginx with worker processes is visible on this"
                      + " host, but the gateway answers on "
                      + address
                      + ": it runs in another container"
                      + " or PID namespace, or is not nginx")
              .withEvidence("nginxProcesses", nginxProcesses)
              .withEvidence("gatewayAddress", address)
              .withReproduce("ps ax | grep [n]ginx"));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
