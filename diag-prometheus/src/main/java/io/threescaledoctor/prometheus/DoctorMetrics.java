package io.threescaledoctor.prometheus;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.fleet.CompletedRun;
import io.threescaledoctor.core.fleet.ProfileState;
import io.threescaledoctor.core.fleet.ReloadReport;
import io.threescaledoctor.core.fleet.Scheduler;
import io.threescaledoctor.core.fleet.SchedulerListener;
import io.threescaledoctor.core.report.ToolInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Scheduler}'s profiles as Prometheus metrics, computed from their last runs at each
 * scrape: per hop {@code threescale_doctor_hop_up{profile,hop}}, per check {@code
 * threescale_doctor_check_status{profile,check,hop,status}} and {@code
 * threescale_doctor_check_duration_seconds}, the verdict {@code
 * threescale_doctor_diagnosis_info{profile,status,hop,cause}}, the last run's time, certificate
 * expiry and usage-limit share where checks saw them, whether each profile loads, run counters, and
 * histograms of run durations and schedule lag. A profile that is removed takes its series with it.
 *
 * <pre>{@code
 * PrometheusRegistry registry = new PrometheusRegistry();      // or the application's own
 * Scheduler scheduler = Scheduler.builder().source(profiles).build();
 * DoctorMetrics.register(scheduler, registry);
 * scheduler.start();
 * }</pre>
 *
 * <p>Label values are only profile names, hop ids, check ids, statuses and known-issue ids: the
 * number of series stays bounded and no secret reaches a label.
 */
public final class DoctorMetrics implements MultiCollector {
  static final Family PROFILE_VALID =
      Family.gauge(
          "threescale_doctor_profile_valid",
          "1 when the profile's file loaded the last time it was read; 0 when it is broken (a"
              + " profile that loaded before keeps running as it was).");
  static final Family RUNS =
      Family.counter("threescale_doctor_runs", "Full runs of the profile that finished.");
  static final Family RUNS_SKIPPED =
      Family.counter(
          "threescale_doctor_runs_skipped",
          "Scheduled runs left out because the profile's previous run was still running.");
  static final Family RUNS_FAILED =
      Family.counter(
          "threescale_doctor_runs_failed",
          "Runs that broke instead of returning a diagnosis (a bug in the doctor or a check).");
  static final Family RUNS_IN_PROGRESS =
      Family.gauge("threescale_doctor_runs_in_progress", "Runs in progress now.");
  static final Family MAX_CONCURRENT_RUNS =
      Family.gauge("threescale_doctor_max_concurrent_runs", "The bound on runs at once.");
  static final Family INTERVAL =
      Family.seconds(
          "threescale_doctor_schedule_interval_seconds",
          "How often each profile runs (0: only on /probe).");
  static final Family RELOAD_SUCCESSFUL =
      Family.gauge(
          "threescale_doctor_config_last_reload_successful",
          "1 when every profile loaded at the last (re)load.");
  static final Family RELOAD_SUCCESS_TIMESTAMP =
      Family.seconds(
          "threescale_doctor_config_last_reload_success_timestamp_seconds",
          "When every profile last loaded, Unix time.");
  static final Family BUILD =
      Family.info("threescale_doctor_build", "The version of 3scale-doctor that runs.");

  static final String RUN_DURATION = "threescale_doctor_run_duration_seconds";
  static final String SCHEDULE_LAG = "threescale_doctor_schedule_lag_seconds";

  private final Scheduler scheduler;
  private final DiagnosisSeries series;
  private final Histogram runDuration;
  private final Histogram lag;
  private volatile double lastReloadSuccessSeconds = Double.NaN;
  private final Map<String, Cached> byProfile = new ConcurrentHashMap<>();

  /** A profile's points for one diagnosis, made at the first scrape after the run. */
  private record Cached(Diagnosis diagnosis, Series points) {}

  private DoctorMetrics(Scheduler scheduler) {
    this.scheduler = scheduler;
    this.series = new DiagnosisSeries();
    this.runDuration =
        Histogram.builder()
            .name(RUN_DURATION)
            .help("How long runs took, by what started them (schedule or probe).")
            .unit(Unit.SECONDS)
            .labelNames("trigger")
            .classicOnly()
            .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
            .build();
    this.lag =
        Histogram.builder()
            .name(SCHEDULE_LAG)
            .help(
                "How much later than its slot a scheduled run started, waiting for a free run"
                    + " (the bound on concurrent runs).")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .build();
  }

  /**
   * Exports {@code scheduler}'s profiles on {@code registry} and starts listening to its runs (for
   * the histograms); call before {@link Scheduler#start()} so that no run is missed.
   *
   * @throws IllegalArgumentException when {@code registry} already has a metric of these names
   */
  public static DoctorMetrics register(Scheduler scheduler, PrometheusRegistry registry) {
    DoctorMetrics metrics = new DoctorMetrics(scheduler);
    registry.register(metrics);
    registry.register(metrics.runDuration);
    registry.register(metrics.lag);
    scheduler.addListener(metrics.new Listener());
    return metrics;
  }

  @Override
  public MetricSnapshots collect() {
    Series s = new Series().declare(families());
    s.add(BUILD, 1, "version", ToolInfo.version());
    s.add(RUNS_IN_PROGRESS, scheduler.runsInProgress());
    s.add(MAX_CONCURRENT_RUNS, scheduler.maxConcurrentRuns());
    s.add(INTERVAL, scheduler.scheduled() ? scheduler.interval().toNanos() / 1e9 : 0);
    scheduler
        .lastReload()
        .ifPresent(
            r -> {
              s.add(RELOAD_SUCCESSFUL, r.successful() ? 1 : 0);
              if (Double.isNaN(lastReloadSuccessSeconds) && r.successful()) {
                lastReloadSuccessSeconds = r.at().toEpochMilli() / 1000.0;
              }
            });
    if (!Double.isNaN(lastReloadSuccessSeconds)) {
      s.add(RELOAD_SUCCESS_TIMESTAMP, lastReloadSuccessSeconds);
    }
    List<ProfileState> profiles = scheduler.profiles();
    for (ProfileState p : profiles) {
      String name = p.name();
      s.add(PROFILE_VALID, p.valid() ? 1 : 0, "profile", name);
      s.add(RUNS, p.runs(), "profile", name);
      s.add(RUNS_SKIPPED, p.skippedRuns(), "profile", name);
      s.add(RUNS_FAILED, p.failedRuns(), "profile", name);
      Diagnosis d = p.lastDiagnosis();
      if (d != null) {
        s.addAll(
            byProfile
                .compute(name, (n, c) -> c != null && c.diagnosis() == d ? c : made(n, d))
                .points());
      }
    }
    byProfile.keySet().retainAll(profiles.stream().map(ProfileState::name).toList());
    return new MetricSnapshots(s.snapshots());
  }

  private Cached made(String profile, Diagnosis d) {
    Series points = new Series();
    series.add(points, profile, d);
    return new Cached(d, points);
  }

  @Override
  public List<String> getPrometheusNames() {
    return families().stream().map(Family::name).toList();
  }

  /** Every family this collector shows (the two histograms are registered beside it). */
  static List<Family> families() {
    List<Family> all =
        new ArrayList<>(
            List.of(
                BUILD,
                RUNS_IN_PROGRESS,
                MAX_CONCURRENT_RUNS,
                INTERVAL,
                RELOAD_SUCCESSFUL,
                RELOAD_SUCCESS_TIMESTAMP,
                PROFILE_VALID,
                RUNS,
                RUNS_SKIPPED,
                RUNS_FAILED));
    all.addAll(DiagnosisSeries.FAMILIES);
    return all;
  }

  /** Every metric name a scrape of these metrics can show, for dashboards and rules to check. */
  public static List<String> exposedNames() {
    List<String> names = new ArrayList<>();
    families().forEach(f -> names.add(f.exposedName()));
    List.of(ProbeMetrics.PROBE_SUCCESS, ProbeMetrics.PROBE_DURATION)
        .forEach(f -> names.add(f.exposedName()));
    for (String h : List.of(RUN_DURATION, SCHEDULE_LAG)) {
      names.add(h + "_bucket");
      names.add(h + "_sum");
      names.add(h + "_count");
    }
    return names;
  }

  private final class Listener implements SchedulerListener {
    @Override
    public void runFinished(CompletedRun run) {
      runDuration
          .labelValues(run.scheduled() ? "schedule" : "probe")
          .observe(run.diagnosis().durationMillis() / 1000.0);
      if (run.scheduled()) {
        lag.observe(run.lag().toNanos() / 1e9);
      }
    }

    @Override
    public void reloaded(ReloadReport report) {
      if (report.successful()) {
        lastReloadSuccessSeconds = report.at().toEpochMilli() / 1000.0;
      }
    }
  }
}
