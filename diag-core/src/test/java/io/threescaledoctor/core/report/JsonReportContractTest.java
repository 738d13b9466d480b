package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.diagnosis.Diagnoser;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON fields other tools rely on, as the design names them. */
class JsonReportContractTest {

  @Test
  void carriesEveryContractFieldWithNullsWhereNothingApplies() throws Exception {
    CheckResult fail =
        CheckResult.fail("127.0.0.1:8080 refused the connection")
            .withId("api.tcp.connect")
            .withHop(Hop.API)
            .withCause("api-unreachable")
            .withEvidence("address", "127.0.0.1:8080")
            .withReference("4.3.1")
            .withReproduce("nc -vz 127.0.0.1 8080")
            .withDurationMillis(3);
    Diagnosis d =
        new Diagnoser(KnownIssueCatalog.standard())
            .diagnose(
                Instant.parse("2026-11-27T12:00:00.123Z"),
                812,
                Profile.Vantage.CLIENT,
                List.of(fail));
    StringWriter out = new StringWriter();

    new JsonReportRenderer().render(d, out);
    JsonNode json = new ObjectMapper().readTree(out.toString());

    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.at("/tool/name").asText()).isEqualTo("3scale-doctor");
    assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-27T12:00:00Z");
    assertThat(json.get("durationMs").asLong()).isEqualTo(812);
    assertThat(json.get("vantage").asText()).isEqualTo("client");
    JsonNode r = json.at("/results/0");
    assertThat(r.get("id").asText()).isEqualTo("api.tcp.connect");
    assertThat(r.get("hop").asText()).isEqualTo("api");
    assertThat(r.get("status").asText()).isEqualTo("FAIL");
    assertThat(r.at("/evidence/address").asText()).isEqualTo("127.0.0.1:8080");
    assertThat(r.get("cause").asText()).isEqualTo("api-unreachable");
    assertThat(r.get("remedy").isNull()).isTrue();
    assertThat(r.get("reproduce").asText()).isEqualTo("nc -vz 127.0.0.1 8080");
    assertThat(json.get("hops")).hasSize(7);
    assertThat(json.at("/hops/0/tested").asText()).isEqualTo("direct");
    assertThat(json.at("/diagnosis/status").asText()).isEqualTo("FAILING");
    assertThat(json.at("/diagnosis/likelyFailurePoint").asText()).isEqualTo("api");
    assertThat(json.at("/diagnosis/cause").asText()).isEqualTo("api-unreachable");
    assertThat(json.at("/diagnosis/nextSteps").isArray()).isTrue();
  }
}
