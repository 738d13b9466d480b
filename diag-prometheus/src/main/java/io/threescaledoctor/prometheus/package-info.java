/**
 * 3scale-doctor's verdicts as Prometheus metrics, on any {@code PrometheusRegistry}: {@link
 * io.threescaledoctor.prometheus.DoctorMetrics} for a {@link
 * io.threescaledoctor.core.fleet.Scheduler}'s profiles (what {@code serve}'s {@code /metrics}
 * shows), {@link io.threescaledoctor.prometheus.ProbeMetrics} for one on-demand run ({@code
 * /probe}). Label values are only profile names, hop ids, check ids, statuses and known-issue ids,
 * so the number of series is bounded and no secret can reach a label.
 */
package io.threescaledoctor.prometheus;
