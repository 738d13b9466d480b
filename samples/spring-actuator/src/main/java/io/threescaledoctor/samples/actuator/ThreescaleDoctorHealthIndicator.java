package io.threescaledoctor.samples.actuator;

import io.threescaledoctor.core.diagnosis.DependencyReport;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.HopReport;
import io.threescaledoctor.core.report.OneLineReportRenderer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code threescaleDoctor} component of {@code /actuator/health}. HEALTHY and DEGRADED are UP
 * (a warning does not take the application out of a load balancer), FAILING is DOWN, INCONCLUSIVE
 * UNKNOWN. The details carry the verdict, the one-line summary, the likely failure point and cause,
 * each hop's status and how it was tested, and the application dependencies beside the chain; no
 * evidence, and every string is already masked by the doctor.
 */
@Component
public class ThreescaleDoctorHealthIndicator implements HealthIndicator {
  private final LastDiagnosis diagnoses;
  private final OneLineReportRenderer oneLine = new OneLineReportRenderer();

  public ThreescaleDoctorHealthIndicator(LastDiagnosis diagnoses) {
    this.diagnoses = diagnoses;
  }

  @Override
  public Health health() {
    Diagnosis d = diagnoses.current();
    Health.Builder health =
        switch (d.status()) {
          case HEALTHY, DEGRADED -> Health.up();
          case FAILING -> Health.down();
          case INCONCLUSIVE -> Health.unknown();
        };
    health.withDetail("diagnosis", d.status().name()).withDetail("summary", oneLine.line(d));
    if (d.likelyFailurePoint() != null) {
      health.withDetail("likelyFailurePoint", d.likelyFailurePoint().id());
    }
    if (d.cause() != null) {
      health.withDetail("cause", d.cause());
    }
    Map<String, Object> hops = new LinkedHashMap<>();
    for (HopReport h : d.hops()) {
      hops.put(h.hop().id(), Map.of("status", h.status().name(), "tested", h.tested()));
    }
    health.withDetail("hops", hops);
    if (!d.dependencies().isEmpty()) {
      Map<String, Object> dependencies = new LinkedHashMap<>();
      for (DependencyReport r : d.dependencies()) {
        dependencies.put(
            r.dependency().id(), Map.of("status", r.status().name(), "beside", r.beside().id()));
      }
      health.withDetail("dependencies", dependencies);
    }
    return health.withDetail("startedAt", d.startedAt().toString()).build();
  }
}
