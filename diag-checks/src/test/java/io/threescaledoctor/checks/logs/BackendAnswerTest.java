package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Hop;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BackendAnswerTest {
  private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

  private static String key(String message) {
    byte[] b = message.getBytes(StandardCharsets.UTF_8);
    return BackendAnswer.key(b, 0, b.length);
  }

  private static String line(int status, String body, String error) {
    return "backend client uri: https://su1.3scale.net:443/transactions/authrep.xml?user_key=K"
        + " ok: "
        + (status >= 200 && status < 300)
        + " status: "
        + status
        + " body: "
        + body
        + " error: "
        + error;
  }

  @Test
  void reducesAnErrorBodyToItsCodeAndFindsItInTheBackendErrorCatalog() {
    String k =
        key(
            line(
                403,
                XML + "<error code=\"user_key_invalid\">user key \"K\" is invalid</error>",
                "nil"));
    assertThat(k).isEqualTo("403 user_key_invalid");
    BackendAnswer.Meaning m = BackendAnswer.interpret(k);
    assertThat(m.issue()).isEqualTo("credentials-invalid");
    assertThat(m.hop()).isEqualTo(Hop.THREESCALE);
    assertThat(m.remedy()).contains("user key");
  }

  @Test
  void reducesARejectionToItsReasonWithoutTheKeysItQuotes() {
    String k =
        key(
            line(
                409,
                XML
                    + "<status><authorized>false</authorized><reason>application key \"SECRET99\""
                    + " is invalid</reason></status>",
                "nil"));
    assertThat(k).isEqualTo("409 \"application key \"…\" is invalid\"").doesNotContain("SECRET99");
    assertThat(BackendAnswer.interpret(k).issue()).isEqualTo("application-key-invalid");
  }

  @Test
  void saysWhatNoAnswerMeansFromTheHttpClientsError() {
    assertThat(BackendAnswer.interpret(key(line(0, "nil", "timeout"))))
        .extracting(BackendAnswer.Meaning::issue, BackendAnswer.Meaning::hop)
        .containsExactly("backend-timeout", Hop.GATEWAY_3SCALE);
    assertThat(BackendAnswer.interpret(key(line(0, "nil", "connection refused"))).issue())
        .isEqualTo("backend-unreachable");
    assertThat(
            BackendAnswer.interpret(
                    key(line(0, "nil", "backend could not be resolved (2: Server failure)")))
                .issue())
        .isEqualTo("dns-servfail");
    assertThat(key(line(0, "nil", "nil"))).isEqualTo("no answer: (no error given)");
  }

  @Test
  void aServerErrorOrAnUnknownCodeStillPointsAt3scale() {
    assertThat(BackendAnswer.interpret(key(line(503, "<html/>", "nil"))).issue())
        .isEqualTo("backend-error-status");
    assertThat(BackendAnswer.interpret("422 something_new").issue())
        .as("the status' own meaning, per the guide")
        .isEqualTo("missing-parameters");
  }

  @Test
  void aSuccessIsNoFinding() {
    assertThat(key(line(200, XML + "<status><authorized>true</authorized></status>", "nil")))
        .isNull();
    byte[] b = line(202, "", "nil").getBytes(StandardCharsets.UTF_8);
    assertThat(BackendAnswer.isSuccess(b, 0, b.length)).isTrue();
  }

  @Test
  void everyIssueAnAnswerCanMeanIsAKnownIssue() {
    assertThat(BackendAnswer.possibleIssues())
        .allMatch(io.threescaledoctor.core.issue.KnownIssueCatalog.standard()::contains);
  }
}
