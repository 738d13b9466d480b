package io.threescaledoctor.samples.actuator;

import com.fasterxml.jackson.databind.JsonNode;
import io.threescaledoctor.core.report.JsonReportRenderer;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/threescaledoctor}: the last diagnosis as the doctor's JSON report (schemaVersion
 * 1, secrets masked), running the doctor if it has not run yet.
 */
@Component
@Endpoint(id = "threescaledoctor")
public class DoctorReportEndpoint {
  private final LastDiagnosis diagnoses;
  private final JsonReportRenderer json = new JsonReportRenderer();

  public DoctorReportEndpoint(LastDiagnosis diagnoses) {
    this.diagnoses = diagnoses;
  }

  @ReadOperation
  public JsonNode report() {
    return json.toTree(diagnoses.last().orElseGet(diagnoses::current));
  }
}
