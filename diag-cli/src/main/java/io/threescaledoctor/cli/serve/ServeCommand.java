package io.threescaledoctor.cli.serve;

import io.threescaledoctor.cli.BadInputException;
import io.threescaledoctor.cli.CliEnvironment;
import io.threescaledoctor.cli.DoctorSubcommand;
import io.threescaledoctor.cli.EnvironmentAware;
import io.threescaledoctor.core.profile.Durations;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code 3scale-doctor serve}: continuous checks of many profiles, exported to Prometheus. */
@Command(
    name = "serve",
    sortOptions = false,
    description = {
      "Run many profiles continuously and serve their verdicts to Prometheus, like"
          + " blackbox_exporter but hop by hop and 3scale-aware.",
      "",
      "Each profile (a file, or every *.yaml/*.yml of a directory, named by its file) runs every"
          + " --interval, at a slot moved by up to --jitter so runs spread; a profile never runs"
          + " twice at once and at most --max-concurrent-runs run together. A profile that does"
          + " not load is reported (metric threescale_doctor_profile_valid and the index page)"
          + " while the others keep running; one that loaded before keeps running as it was.",
      "",
      "Endpoints:",
      "  /metrics                  every profile's last run, and the JVM's metrics",
      "  /probe?target=P&only=H    run P now (only hop or check H), answer its metrics",
      "  /report/P.json|html|txt|md|xml   P's last report, as run renders it",
      "  /                         every profile's verdict; /-/healthy, /-/ready",
      "  POST /-/reload            read the profiles again",
      "A probe's deadline is Prometheus's scrape timeout less --timeout-offset.",
      "",
      "Reloads the profiles on SIGHUP, on POST /-/reload and when a file changes; stops"
          + " gracefully on SIGTERM or SIGINT (Ctrl-C). Logs (logfmt) go to standard error.",
      "samples/prometheus/ has a scrape configuration for both styles, alerting rules and a"
          + " Grafana dashboard.",
      "",
      "Examples:",
      "  3scale-doctor serve --config /etc/3scale-doctor/profiles",
      "  3scale-doctor serve -c prod.yaml -c staging.yaml --listen :9781 --interval 1m",
      "  3scale-doctor serve -c profiles/ --probe-only    # runs only when Prometheus probes",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped cleanly (SIGTERM, SIGINT)",
      "2:bad input (no such profile path, bad flag, address in use)",
      "3:the doctor itself broke"
    })
public final class ServeCommand
    implements java.util.concurrent.Callable<Integer>, DoctorSubcommand, EnvironmentAware {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "PATH",
      required = true,
      description =
          "Profile file, or directory of profiles (*.yaml, *.yml); repeatable. Names come from"
              + " file names: prod-eu.yaml is profile prod-eu.")
  List<Path> configs = new ArrayList<>();

  @Option(
      names = "--listen",
      paramLabel = "[HOST]:PORT",
      defaultValue = "127.0.0.1:9781",
      description =
          "Where to serve (default ${DEFAULT-VALUE}: this host only; ':9781' for every"
              + " interface, port 0 for any free port).")
  String listen;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "30s",
      description = "How often each profile runs (default ${DEFAULT-VALUE}).")
  String interval;

  @Option(
      names = "--jitter",
      paramLabel = "FRACTION",
      defaultValue = "0.1",
      description =
          "How far each run may move from one interval after the previous, as a share of the"
              + " interval, 0 to 0.5 (default ${DEFAULT-VALUE}: 27-33 s apart for 30 s).")
  double jitter;

  @Option(
      names = "--max-concurrent-runs",
      paramLabel = "N",
      defaultValue = "32",
      description =
          "At most N runs at once, scheduled and probes together (default ${DEFAULT-VALUE});"
              + " a run due when all are busy waits, and threescale_doctor_schedule_lag_seconds"
              + " shows it.")
  int maxConcurrentRuns;

  @Option(
      names = "--probe-only",
      description =
          "Schedule nothing: profiles run only when Prometheus asks /probe (it then drives the"
              + " schedule with its scrape interval).")
  boolean probeOnly;

  @Option(
      names = "--no-watch",
      negatable = false,
      description = "Do not reload when a profile file changes (SIGHUP and /-/reload still do).")
  boolean noWatch;

  @Option(
      names = "--timeout-offset",
      paramLabel = "DURATION",
      defaultValue = "500ms",
      description =
          "Taken off Prometheus's scrape timeout (X-Prometheus-Scrape-Timeout-Seconds) to get a"
              + " probe's deadline, so the answer arrives in time (default ${DEFAULT-VALUE}).")
  String timeoutOffset;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Set a profile key on every profile, e.g. --set timeouts.total=20s. Repeatable.")
  List<String> sets = new ArrayList<>();

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    Serve.Settings settings = settings();
    ServeLog log = new ServeLog(env.err(), Clock.systemUTC());
    CountDownLatch stop = new CountDownLatch(1);
    AtomicReference<String> why = new AtomicReference<>("stop");
    Serve serve;
    try {
      serve = Serve.start(settings, log);
    } catch (BindException e) {
      throw new BadInputException("cannot listen on " + listen + ": " + e.getMessage());
    }
    boolean inShell = env.sessionIfAny().isPresent();
    Signals signals =
        inShell
            ? null
            : Signals.install(
                () -> serve.reload("SIGHUP"),
                signal -> {
                  why.set(signal);
                  stop.countDown();
                });
    try {
      while (!stop.await(200, TimeUnit.MILLISECONDS)) {
        if (inShell && env.cancellation().isCancelled()) {
          why.set("Ctrl-C");
          break;
        }
      }
    } finally {
      log.info("Stopping", "signal", why.get());
      serve.close();
      if (signals != null) {
        signals.close();
      }
      log.info("Stopped");
    }
    return 0;
  }

  private Serve.Settings settings() {
    List<Path> missing = configs.stream().filter(p -> !Files.exists(p)).toList();
    if (!missing.isEmpty()) {
      throw new BadInputException(missing.get(0) + ": no such profile file or directory");
    }
    if (!(jitter >= 0 && jitter <= 0.5)) {
      throw new BadInputException("--jitter must be between 0 and 0.5: " + jitter);
    }
    if (maxConcurrentRuns < 1) {
      throw new BadInputException("--max-concurrent-runs must be at least 1: " + maxConcurrentRuns);
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new BadInputException("--set wants KEY=VALUE: " + s);
      }
      overrides.put(s.substring(0, eq), s.substring(eq + 1));
    }
    return new Serve.Settings(
        address(listen),
        configs,
        overrides,
        env.variables(),
        duration("--interval", interval),
        jitter,
        maxConcurrentRuns,
        !probeOnly,
        !noWatch,
        duration("--timeout-offset", timeoutOffset));
  }

  private static Duration duration(String flag, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(flag + ": " + e.getMessage());
    }
  }

  /** {@code HOST:PORT}, {@code :PORT} (every interface) or {@code [V6]:PORT}. */
  static InetSocketAddress address(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new BadInputException("--listen wants [HOST]:PORT: " + text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new BadInputException("--listen: not a port: " + text);
    }
    if (port < 0 || port > 65535) {
      throw new BadInputException("--listen: port out of range: " + text);
    }
    if (host.isEmpty()) {
      return new InetSocketAddress(port);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new BadInputException("--listen: unknown host: " + host);
    }
  }
}
