package io.threescaledoctor.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.testing.FakeCheck;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeMetricsTest {

  private static String probe(String profile, Diagnosis d, Duration took) {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(ProbeMetrics.of(profile, d, took));
    return DoctorMetricsTest.scrape(registry);
  }

  @Test
  void aFailingRunIsAnUnsuccessfulProbeWithItsHopsAndCause() throws Exception {
    Diagnosis d = DoctorMetricsTest.shop().run();

    String text = probe("shop", d, Duration.ofMillis(1500));

    assertThat(text)
        .contains("threescale_doctor_probe_success{profile=\"shop\"} 0.0")
        .contains("threescale_doctor_probe_duration_seconds{profile=\"shop\"} 1.5")
        .contains("threescale_doctor_hop_up{hop=\"3scale\",profile=\"shop\"} 0.0")
        .contains(
            "cause=\"backend-unreachable\",hop=\"3scale\",profile=\"shop\",status=\"FAILING\"")
        .doesNotContain(DoctorMetricsTest.SENTINEL);
  }

  @Test
  void aRunWithOnlyWarningsIsASuccessfulProbe() throws Exception {
    Diagnosis d =
        Doctor.builder()
            .useRegisteredChecks(false)
            .addCheck(
                FakeCheck.returning(
                    "backend.threescale.authorize",
                    Hop.THREESCALE,
                    CheckResult.warn("near").withCause("limits-near")))
            .build()
            .run();

    assertThat(probe("p", d, Duration.ofMillis(10)))
        .contains("threescale_doctor_probe_success{profile=\"p\"} 1.0")
        .contains("threescale_doctor_hop_up{hop=\"3scale\",profile=\"p\"} 1.0");
  }

  @Test
  void aRunThatCouldNotRunIsAnUnsuccessfulProbeAndItsHopIsDown() throws Exception {
    Diagnosis d =
        Doctor.builder()
            .useRegisteredChecks(false)
            .addCheck(
                FakeCheck.behaving(
                    "api.http",
                    Hop.API,
                    ctx -> {
                      throw new IllegalStateException("a bug");
                    }))
            .build()
            .run();

    assertThat(probe("p", d, Duration.ofMillis(10)))
        .contains("threescale_doctor_probe_success{profile=\"p\"} 0.0")
        .contains("threescale_doctor_hop_up{hop=\"api\",profile=\"p\"} 0.0")
        .contains("status=\"ERROR\"");
  }
}
