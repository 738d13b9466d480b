package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.execute(args, new PrintWriter(out), new PrintWriter(err), Map.of());
  }

  @Test
  void explainsABackendErrorCodeWithItsStatusIssueAndRemedy() {
    assertThat(run("explain", "user_key_invalid")).isZero();
    assertThat(out.toString())
        .contains("user_key_invalid  (3scale-error-code)")
        .contains("HTTP 403")
        .contains("credentials-invalid [hop 3scale, guide 4.5.2]")
        .contains("Remedy:");
  }

  @Test
  void explainsAnHttpStatusFromBothSides() {
    assertThat(run("explain", "409")).isZero();
    assertThat(out.toString())
        .contains("guide 4.5.2")
        .contains("limits_exceeded")
        .contains("application_key_invalid")
        .contains("limits-exceeded [hop 3scale")
        .contains("turns 3scale's 409 into a 500");
    out.getBuffer().setLength(0);
    assertThat(run("explain", "404")).isZero();
    assertThat(out.toString())
        .contains("No Mapping Rule matched")
        .contains("service-not-found-for-host")
        .contains("metric_invalid");
  }

  @Test
  void explainsAKnownIssueIdAsJson() throws Exception {
    assertThat(run("explain", "limits-exceeded", "--format", "json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.path("kind").asText()).isEqualTo("known-issue");
    assertThat(json.path("issues").get(0).path("reference").asText()).isEqualTo("4.5.2");
    assertThat(json.path("threescaleErrorCodes").get(0).path("code").asText())
        .isEqualTo("limits_exceeded");
  }

  @Test
  void anUnknownCodeIsBadInputOnOneLine() {
    assertThat(run("explain", "no_such_thing")).isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("no_such_thing");
  }

  @Test
  void explainsTheGuidesOauthTokenCodesAsSeenOnlyOnOlderBackends() throws Exception {
    assertThat(run("explain", "access_token_invalid")).isZero();
    assertThat(out.toString())
        .contains("HTTP 404")
        .contains("seen only on older backends: apisonator 3.0.0 removed it")
        .contains("credentials-invalid [hop 3scale");
    out.getBuffer().setLength(0);
    assertThat(run("explain", "access_token_invalid_ttl", "--format", "json")).isZero();
    JsonNode code = new ObjectMapper().readTree(out.toString()).path("threescaleErrorCodes").get(0);
    assertThat(code.path("removedIn").asText()).isEqualTo("3.0.0");
    assertThat(code.path("httpStatus").asInt()).isEqualTo(422);
  }
}
