package io.threescaledoctor.prometheus;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.DiagnosisStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics of one on-demand run, as {@code blackbox_exporter}'s {@code /probe} answers: the same
 * per-profile series as {@link DoctorMetrics}, plus {@code threescale_doctor_probe_success} and
 * {@code threescale_doctor_probe_duration_seconds}. Register it on a fresh registry per request.
 */
public final class ProbeMetrics implements MultiCollector {
  static final Family PROBE_SUCCESS =
      Family.gauge(
          "threescale_doctor_probe_success",
          "1 when the probe's run found nothing failing and nothing that could not run (HEALTHY or"
              + " DEGRADED).");
  static final Family PROBE_DURATION =
      Family.seconds("threescale_doctor_probe_duration_seconds", "How long the probe took.");

  private final String profile;
  private final Diagnosis diagnosis;
  private final Duration took;
  private final DiagnosisSeries series;

  private ProbeMetrics(String profile, Diagnosis diagnosis, Duration took) {
    this.profile = profile;
    this.diagnosis = diagnosis;
    this.took = took;
    this.series = new DiagnosisSeries();
  }

  /** The metrics of {@code diagnosis}, a run of {@code profile} that took {@code took}. */
  public static ProbeMetrics of(String profile, Diagnosis diagnosis, Duration took) {
    return new ProbeMetrics(profile, diagnosis, took);
  }

  @Override
  public MetricSnapshots collect() {
    Series s = new Series().declare(families());
    DiagnosisStatus status = diagnosis.status();
    boolean success = status == DiagnosisStatus.HEALTHY || status == DiagnosisStatus.DEGRADED;
    s.add(PROBE_SUCCESS, success ? 1 : 0, "profile", profile);
    s.add(PROBE_DURATION, took.toNanos() / 1e9, "profile", profile);
    series.add(s, profile, diagnosis);
    return new MetricSnapshots(s.snapshots());
  }

  @Override
  public List<String> getPrometheusNames() {
    return families().stream().map(Family::name).toList();
  }

  private static List<Family> families() {
    List<Family> all = new ArrayList<>(List.of(PROBE_SUCCESS, PROBE_DURATION));
    all.addAll(DiagnosisSeries.FAMILIES);
    return all;
  }
}
