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

  @Test
  void onlyA2xxIsASuccess() {
    assertThat(key(line(199, "x", "nil"))).isEqualTo("199");
    assertThat(key(line(200, "x", "nil"))).isNull();
    assertThat(key(line(299, "x", "nil"))).isNull();
    assertThat(key(line(300, "x", "nil"))).isEqualTo("300");
    byte[] ok = line(204, "x", "nil").getBytes(StandardCharsets.UTF_8);
    assertThat(BackendAnswer.isSuccess(ok, 0, ok.length)).isTrue();
    byte[] no = line(300, "x", "nil").getBytes(StandardCharsets.UTF_8);
    assertThat(BackendAnswer.isSuccess(no, 0, no.length)).isFalse();
  }

  @Test
  void aStatusOfZeroOrNoneIsNoAnswerWithTheClientsError() {
    assertThat(key(line(0, "nil", "timeout"))).isEqualTo("no answer: timeout");
    assertThat(key("backend client uri: http://b/x ok: false status:  body: nil error: closed"))
        .isEqualTo("no answer: closed");
    assertThat(key("backend client uri: http://b/x ok: false status: 0 body: nil error: nil"))
        .isEqualTo("no answer: (no error given)");
  }

  @Test
  void readsAStatusAtTheVeryStartOrEndOfTheTextAndAtMostFourDigits() {
    assertThat(key("status: 403 body: " + XML + "<error code=\"user_key_invalid\">k</error>"))
        .isEqualTo("403 user_key_invalid");
    assertThat(key("backend client ok: false status: 503")).isEqualTo("503");
    assertThat(key("backend client ok: false status: 40399 body: x")).isEqualTo("4039");
    assertThat(key("backend client ok: false status: / body: x error: nil"))
        .isEqualTo("no answer: (no error given)");
  }

  @Test
  void anEmptyCodeOrReasonSaysNothingMoreThanTheStatus() {
    assertThat(key(line(403, XML + "<error code=\"\">no code</error>", "nil"))).isEqualTo("403");
    assertThat(
            key(
                line(
                    409,
                    XML + "<status><authorized>false</authorized><reason></reason></status>",
                    "nil")))
        .isEqualTo("409");
  }

  @Test
  void anErrorMessageIsCutAfter160Characters() {
    String exactly = "e".repeat(160);
    assertThat(key(line(0, "nil", exactly))).isEqualTo("no answer: " + exactly);
    assertThat(key(line(0, "nil", exactly + "f"))).isEqualTo("no answer: " + exactly + "...");
  }

  @Test
  void only4xxAnswersAreAuthorizationAnswers() {
    assertThat(BackendAnswer.interpret("399").meaning())
        .isEqualTo("3scale answered HTTP 399, which is not an authorization answer");
    assertThat(BackendAnswer.interpret("500").meaning())
        .isEqualTo("3scale answered HTTP 500, which is not an authorization answer");
    assertThat(BackendAnswer.interpret("499").meaning())
        .isEqualTo("3scale answered HTTP 499: an unexpected status");
    assertThat(BackendAnswer.interpret("400 bad_request").issue()).isEqualTo("bad-request");
    assertThat(BackendAnswer.interpret("403").issue()).isEqualTo("credentials-invalid");
  }

  @Test
  void noAnswerTellsAResolverTimeoutFromOtherResolutionFailures() {
    assertThat(
            BackendAnswer.interpret(
                    "no answer: su1.3scale.net could not be resolved (110: Operation timed out)")
                .issue())
        .isEqualTo("dns-resolver-timeout");
    assertThat(
            BackendAnswer.interpret(
                    "no answer: su1.3scale.net could not be resolved (5: Operation refused)")
                .issue())
        .isEqualTo("dns-resolution-failed");
    assertThat(BackendAnswer.interpret("no answer: timeout").issue()).isEqualTo("backend-timeout");
    assertThat(BackendAnswer.interpret("no answer: connection refused").hop())
        .isEqualTo(Hop.GATEWAY_3SCALE);
  }

  @Test
  void theIssuesAnAnswerCanMeanIncludeEveryCodesIssue() {
    assertThat(BackendAnswer.possibleIssues())
        .contains(
            "service-not-active",
            "limits-exceeded",
            "oauth-redirect-invalid",
            "backend-error-status",
            "dns-no-resolver",
            "dns-resolver-timeout",
            "backend-tls-failed",
            "backend-unreachable");
  }
}
