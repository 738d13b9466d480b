package io.threescaledoctor.cli.serve;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.fleet.ProfileFiles;
import io.threescaledoctor.core.fleet.ReloadReport;
import io.threescaledoctor.core.fleet.Scheduler;
import io.threescaledoctor.core.profile.Durations;
import io.threescaledoctor.prometheus.DoctorMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A running {@code serve}: the scheduler over the profile files, its metrics (and the JVM's) on a
 * registry of its own, the HTTP server, and the file watcher. {@link ServeCommand} starts one and
 * stops it on a signal; tests start one directly.
 */
public final class Serve implements AutoCloseable {

  /**
   * What {@code serve}'s flags say.
   *
   * @param listen where the HTTP server listens (port 0: any free port)
   * @param configs profile files and directories
   * @param overrides profile keys set on every profile ({@code --set})
   * @param environment where {@code ${VAR}} in profiles is read
   * @param interval how often each profile runs
   * @param jitter how far a slot may move, as a share of the interval
   * @param maxConcurrentRuns the bound on runs at once
   * @param scheduled false: runs only on {@code /probe}
   * @param watch reload when a profile file changes
   * @param timeoutOffset taken off Prometheus's scrape timeout to get a probe's deadline
   */
  public record Settings(
      InetSocketAddress listen,
      List<Path> configs,
      Map<String, String> overrides,
      Map<String, String> environment,
      Duration interval,
      double jitter,
      int maxConcurrentRuns,
      boolean scheduled,
      boolean watch,
      Duration timeoutOffset) {

    public Settings {
      configs = List.copyOf(configs);
      overrides = Map.copyOf(overrides);
      environment = Map.copyOf(environment);
    }

    /** One line for the log and the index page. */
    String describe() {
      return scheduled
          ? "every "
              + Durations.format(interval)
              + " ± "
              + Math.round(jitter * 100)
              + "%, at most "
              + maxConcurrentRuns
              + " runs at once"
          : "on /probe only, at most " + maxConcurrentRuns + " runs at once";
    }
  }

  private final Settings settings;
  private final ServeLog log;
  private final ProfileFiles files;
  private final Scheduler scheduler;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private volatile FleetHttpServer http;
  private volatile AutoCloseable watcher = () -> {};

  private Serve(Settings settings, ServeLog log) {
    this.settings = settings;
    this.log = log;
    this.files =
        ProfileFiles.of(settings.configs())
            .withDoctor(
                b -> {
                  Doctor.Builder with = b.environment(settings.environment());
                  settings.overrides().forEach(with::set);
                  return with;
                });
    this.scheduler =
        Scheduler.builder()
            .source(files)
            .interval(settings.interval())
            .jitter(settings.jitter())
            .maxConcurrentRuns(settings.maxConcurrentRuns())
            .scheduled(settings.scheduled())
            .listener(log)
            .build();
    JvmMetrics.builder().register(registry);
    DoctorMetrics.register(scheduler, registry);
  }

  /**
   * Starts serving, loads the profiles and starts running them; logs where it listens.
   *
   * @throws IOException when the address cannot be bound or the directories cannot be watched
   */
  public static Serve start(Settings settings, ServeLog log) throws IOException {
    Serve serve = new Serve(settings, log);
    try {
      serve.http =
          new FleetHttpServer(settings, serve.scheduler, serve.registry, serve::reload, log)
              .start();
      serve.scheduler.start();
      log.reloaded("start", serve.scheduler.lastReload().orElseThrow());
      if (settings.watch()) {
        serve.watcher = serve.files.watch(() -> serve.reload("file change"));
      }
    } catch (IOException | RuntimeException e) {
      serve.close();
      throw e;
    }
    log.info(
        "Listening",
        "address",
        serve.url(),
        "profiles",
        serve.scheduler.profiles().size(),
        "schedule",
        settings.describe());
    return serve;
  }

  /** Reads the profiles again and logs what changed; {@code trigger} says why. */
  public ReloadReport reload(String trigger) {
    ReloadReport r = scheduler.reload();
    log.reloaded(trigger, r);
    return r;
  }

  public int port() {
    return http.port();
  }

  /** The base URL the server answers on. */
  public URI url() {
    return http.url();
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public Settings settings() {
    return settings;
  }

  /** Stops serving, lets runs in progress finish (then cancels them), stops watching. */
  @Override
  public void close() {
    if (http != null) {
      http.stop();
    }
    scheduler.close();
    closeQuietly(watcher);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // Stopping: nothing useful to do with it.
    }
  }
}
