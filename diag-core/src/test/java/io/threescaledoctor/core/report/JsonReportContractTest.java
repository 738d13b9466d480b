package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
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

  @Test
  void carriesTheInferredVantageTheFindingsAndTheOtherFailingHops() throws Exception {
    CheckResult api =
        CheckResult.fail("127.0.0.1:8080 refused the connection")
            .withId("api.tcp.connect")
            .withHop(Hop.API)
            .withCause("api-unreachable");
    CheckResult portal =
        CheckResult.fail("the private base URL has a path")
            .withId("admin.portal.proxy")
            .withHop(Hop.THREESCALE)
            .withCause("private-base-url-has-path")
            .withFinding(
                new CheckResult.Finding(
                    Status.FAIL, "private-base-url-has-path", "the private base URL has a path"))
            .withFinding(
                new CheckResult.Finding(Status.WARN, "mapping-rule-no-match", "no rule matches /"));
    Diagnosis d =
        new Diagnoser(KnownIssueCatalog.standard())
            .diagnose(
                Instant.parse("2026-11-27T12:00:00Z"),
                5,
                Profile.Vantage.GATEWAY,
                "gateway.url's host 127.0.0.1 is an address of this host",
                List.of(api, portal),
                false,
                List.of());
    StringWriter out = new StringWriter();

    new JsonReportRenderer().render(d, out);
    JsonNode json = new ObjectMapper().readTree(out.toString());

    assertThat(json.get("vantage").asText()).isEqualTo("gateway");
    assertThat(json.get("vantageInferredFrom").asText()).contains("127.0.0.1");
    assertThat(json.at("/results/0/findings")).isEmpty();
    assertThat(json.at("/results/1/findings/1/cause").asText()).isEqualTo("mapping-rule-no-match");
    assertThat(json.at("/results/1/findings/1/status").asText()).isEqualTo("WARN");
    JsonNode other = json.at("/diagnosis/otherFailures/0");
    assertThat(other.get("hop").asText()).isEqualTo("3scale");
    assertThat(other.get("cause").asText()).isEqualTo("private-base-url-has-path");
    assertThat(other.get("check").asText()).isEqualTo("admin.portal.proxy");

    StringWriter text = new StringWriter();
    new TextReportRenderer(false, false).render(d, text);
    assertThat(text.toString())
        .contains("vantage: gateway (inferred: gateway.url's host 127.0.0.1")
        .contains("      - FAIL private-base-url-has-path: the private base URL has a path\n")
        .contains("      - WARN mapping-rule-no-match: no rule matches /\n")
        .contains(
            "Also failing on its own:\n"
                + "  3scale (private-base-url-has-path): the private base URL has a path"
                + "  [admin.portal.proxy]\n");
  }
}
