package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.threescale.BackendErrorCatalog;
import io.threescaledoctor.checks.threescale.BackendErrorCode;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    assertThat(err.toString())
        .contains("no_such_thing")
        .contains("'3scale-doctor explain --list' lists them all");
  }

  @Test
  void aNearMissNamesTheIdItResembles() {
    assertThat(run("explain", "limits-exceded")).isEqualTo(2);
    assertThat(err.toString()).contains("did you mean limits-exceeded?");
  }

  @Test
  void noCodeAtAllPointsAtTheList() {
    assertThat(run("explain")).isEqualTo(2);
    assertThat(err.toString()).contains("explain --list");
  }

  @Test
  void aServerErrorNoEntryNamesIsExplainedByItsClass() {
    assertThat(run("explain", "503")).isZero();
    assertThat(out.toString()).contains("backend-error-status").contains("client-error-status");
  }

  @Test
  void theListGroupsEveryIssueAndEveryThreescaleCodeUnderItsHop() {
    assertThat(run("explain", "--list")).isZero();
    List<String> lines = out.toString().lines().toList();

    Hop hop = null;
    Map<String, Hop> hopOfLine = new HashMap<>();
    for (String line : lines) {
      Optional<Hop> header = line.startsWith(" ") ? Optional.empty() : Hop.byId(line.split(" ")[0]);
      if (header.isPresent()) {
        hop = header.get();
      } else if (line.startsWith("  ") && hop != null) {
        hopOfLine.put(line.strip().split("\\s+")[0], hop);
      }
      if (line.startsWith("HTTP statuses")) {
        hop = null;
      }
    }
    for (KnownIssue issue : KnownIssueCatalog.standard().all()) {
      assertThat(hopOfLine.get(issue.id())).as(issue.id()).isEqualTo(issue.hop());
    }
    for (BackendErrorCode code : BackendErrorCatalog.standard().all()) {
      Hop issueHop = KnownIssueCatalog.standard().find(code.issue()).orElseThrow().hop();
      assertThat(hopOfLine.get(code.code())).as(code.code()).isEqualTo(issueHop);
    }
    assertThat(lines).anyMatch(l -> l.startsWith("  502  gateway: nginx:"));
  }

  @Test
  void theListAsJsonCarriesEveryIdOnce() throws Exception {
    assertThat(run("explain", "--list", "--format", "json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());

    List<String> issueIds = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (JsonNode hop : json.path("hops")) {
      for (JsonNode issue : hop.path("issues")) {
        issueIds.add(issue.path("id").asText());
        assertThat(
                KnownIssueCatalog.standard()
                    .find(issue.path("id").asText())
                    .orElseThrow()
                    .hop()
                    .id())
            .isEqualTo(hop.path("id").asText());
        issue.path("threescaleErrorCodes").forEach(c -> codes.add(c.path("code").asText()));
      }
    }
    assertThat(issueIds)
        .containsExactlyInAnyOrderElementsOf(
            KnownIssueCatalog.standard().all().stream().map(KnownIssue::id).toList());
    assertThat(codes)
        .containsExactlyInAnyOrderElementsOf(
            BackendErrorCatalog.standard().all().stream().map(BackendErrorCode::code).toList());
    assertThat(json.path("httpStatuses").findValuesAsText("status")).contains("409", "502");
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
