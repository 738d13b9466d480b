package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportRendererTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Schema shippedSchema() throws Exception {
    try (InputStream in =
        JsonReportRenderer.class.getResourceAsStream(JsonReportRenderer.SCHEMA_RESOURCE)) {
      assertThat(in).as("schema in the jar at " + JsonReportRenderer.SCHEMA_RESOURCE).isNotNull();
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(in, InputFormat.JSON);
    }
  }

  private static JsonNode render(Diagnosis d) throws Exception {
    return MAPPER.readTree(GoldenFiles.render(new JsonReportRenderer(), d));
  }

  @Test
  void matchesTheGoldenFilesOfAFailingRunAndOneWithDependenciesAndFindings() throws Exception {
    GoldenFiles.assertMatches(
        "backend-down.json",
        GoldenFiles.render(new JsonReportRenderer(), SampleDiagnoses.backendDown()));
    GoldenFiles.assertMatches(
        "session-store-down.json",
        GoldenFiles.render(new JsonReportRenderer(), SampleDiagnoses.sessionStoreDown()));
    GoldenFiles.assertMatches(
        "two-log-findings.json",
        GoldenFiles.render(new JsonReportRenderer(), SampleDiagnoses.twoLogFindings()));
  }

  @Test
  void aFailingReportValidatesAgainstTheShippedSchema() throws Exception {
    List<Error> errors = shippedSchema().validate(render(SampleDiagnoses.backendDown()));
    assertThat(errors).isEmpty();
  }

  @Test
  void aHealthyReportValidatesAgainstTheShippedSchema() throws Exception {
    List<Error> errors = shippedSchema().validate(render(SampleDiagnoses.healthy()));
    assertThat(errors).isEmpty();
  }

  @Test
  void theSchemaRejectsAReportThatBreaksTheContract() throws Exception {
    ObjectNode report = (ObjectNode) render(SampleDiagnoses.backendDown());
    ((ObjectNode) report.get("results").get(0)).put("hop", "somewhere");
    ((ObjectNode) report.get("diagnosis")).putNull("likelyFailurePoint");
    report.put("extra", true);
    List<Error> errors = shippedSchema().validate(report);
    assertThat(errors)
        .extracting(Error::toString)
        .anyMatch(e -> e.contains("/results/0/hop"))
        .anyMatch(e -> e.contains("likelyFailurePoint"))
        .anyMatch(e -> e.contains("extra"));
  }

  @Test
  void carriesTheDesignsFields() throws Exception {
    JsonNode report = render(SampleDiagnoses.backendDown());
    assertThat(report.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(report.get("startedAt").asText()).isEqualTo("2026-11-27T12:00:00Z");
    assertThat(report.at("/diagnosis/likelyFailurePoint").asText()).isEqualTo("3scale");
    assertThat(report.at("/diagnosis/cause").asText()).isEqualTo("backend-unreachable");
    assertThat(report.at("/results/0/id").asText()).isEqualTo("api.tcp.connect");
    assertThat(report.at("/hops/0/tested").asText()).isEqualTo("direct");
  }
}
