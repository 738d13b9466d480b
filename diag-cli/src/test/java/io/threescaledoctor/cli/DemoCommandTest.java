package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.threescaledoctor.cli.demo.DemoFault;
import io.threescaledoctor.core.report.JsonReportRenderer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code demo} starts its world in this process, runs every installed check against it and must
 * name each injected fault's hop and cause. Faults the installed checks still misdiagnose are
 * listed with the reason; their test is reported as skipped with that reason, and fails as soon as
 * the doctor gets them right, so the list cannot go stale.
 */
class DemoCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(
              JsonReportRenderer.class.getResourceAsStream(JsonReportRenderer.SCHEMA_RESOURCE),
              InputFormat.JSON);

  /** Fault id to the defect that makes the doctor name another hop or cause. */
  private static JsonNode diagnose(DemoFault fault) throws Exception {
    CliRun r = CliRun.of("demo", "--fault", fault.id(), "--format", "json");
    assertThat(r.err())
        .as("notes go to stderr with --format json")
        .contains("3scale-doctor demo: fault '" + fault.id() + "'");
    JsonNode report = JSON.readTree(r.out());
    assertThat(SCHEMA.validate(report)).as("the report follows the shipped schema").isEmpty();
    assertThat(r.exit()).isEqualTo(fault == DemoFault.NONE ? 0 : 1);
    return report;
  }

  @Test
  void withNoFaultTheSetupIsHealthy() throws Exception {
    JsonNode report = diagnose(DemoFault.NONE);
    assertThat(report.at("/diagnosis/status").asText())
        .as(report.toPrettyString())
        .isEqualTo("HEALTHY");
    assertThat(report.at("/diagnosis/likelyFailurePoint").isNull()).isTrue();
    for (String hop : new String[] {"api", "gateway", "3scale", "client-gateway", "client"}) {
      assertThat(report.get("hops"))
          .anySatisfy(
              h -> {
                assertThat(h.get("id").asText()).isEqualTo(hop);
                assertThat(h.get("status").asText()).isEqualTo("PASS");
              });
    }
  }

  @ParameterizedTest
  @EnumSource(value = DemoFault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void namesTheHopAndCauseOfEachInjectedFault(DemoFault fault) throws Exception {
    JsonNode report = diagnose(fault);
    String hop = report.at("/diagnosis/likelyFailurePoint").asText(null);
    String cause = report.at("/diagnosis/cause").asText(null);
    assertThat(report.at("/diagnosis/status").asText()).isEqualTo("FAILING");
    assertThat(hop + " " + cause)
        .as(report.at("/diagnosis").toPrettyString())
        .isEqualTo(fault.expectedHop().orElseThrow() + " " + fault.expectedCause().orElseThrow());
  }

  @Test
  void listNamesEveryFaultWithALineEach() {
    CliRun r = CliRun.of("demo", "--list");
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines()).hasSize(DemoFault.values().length);
    Arrays.stream(DemoFault.values()).forEach(f -> assertThat(r.out()).contains(f.id() + " "));
    assertThat(r.out()).contains("limits").contains("[3scale: limits-exceeded]");
  }

  @Test
  void anUnknownFaultIsBadInputNamingTheKnownOnes() {
    CliRun r = CliRun.of("demo", "--fault", "meteor");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("meteor").contains("api-down").doesNotContain("Exception");
  }

  @Test
  void theTextReportSaysWhetherTheDoctorFoundTheFault() {
    CliRun r = CliRun.of("demo", "--fault", "limits");
    assertThat(r.out())
        .contains(
            "3scale[FAIL]",
            "Diagnosis: FAILING - likely failure point:" + " 3scale (limits-exceeded)",
            "Injected: limits, which belongs at 3scale"
                + " (limits-exceeded). The doctor says: FAILING at 3scale (limits-exceeded). Found.");
  }
}
