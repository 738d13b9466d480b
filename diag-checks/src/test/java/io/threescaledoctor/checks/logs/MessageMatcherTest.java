package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Hop;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which message a line is and where the host it names is, byte by byte, on small catalogs of the
 * test's own: precedence, the message's end, the subject's edges, the digits that make a line's
 * verdict its own.
 */
class MessageMatcherTest {
  private static final LogMessage.Cause SOME_CAUSE =
      new LogMessage.Cause("upstream-connect-refused", Hop.GATEWAY_API);

  private static LogMessage message(String id, String... match) {
    return new LogMessage(
        id,
        id,
        List.of(match),
        SOME_CAUSE,
        null,
        null,
        null,
        null,
        LogMessage.Severity.FAIL,
        LogMessage.About.NOTHING,
        "4.1.3");
  }

  private static LogMessage subjectAfter(String id, String after, String... match) {
    return new LogMessage(
        id,
        id,
        List.of(match),
        SOME_CAUSE,
        SOME_CAUSE,
        null,
        after,
        null,
        LogMessage.Severity.FAIL,
        LogMessage.About.UPSTREAM,
        "4.1.3");
  }

  private static LogMessage subjectBefore(String id, String before, String... match) {
    return new LogMessage(
        id,
        id,
        List.of(match),
        SOME_CAUSE,
        SOME_CAUSE,
        null,
        null,
        before,
        LogMessage.Severity.FAIL,
        LogMessage.About.UPSTREAM,
        "4.1.3");
  }

  /** The verdict on {@code text}, whose message is the whole of it. */
  private static MessageMatcher.Verdict classify(MessageMatcher matcher, String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return matcher.classify(b, 0, b.length, new MessageMatcher.FoundKeys());
  }

  /** The subject the verdict points at in {@code text}, or null. */
  private static String subject(MessageMatcher matcher, String text) {
    MessageMatcher.Verdict v = classify(matcher, text);
    return v.subjectFrom() < 0 ? null : text.substring(v.subjectFrom(), v.subjectTo());
  }

  @Test
  void theFirstEntryInCatalogOrderWinsWhateverComesFirstInTheLine() {
    MessageMatcher m =
        new MessageMatcher(
            List.of(
                message("specific", "timed out", "while connecting"),
                message("generic", "timed out"),
                message("other", "refused")));

    assertThat(classify(m, "refused, then timed out while connecting").message()).isZero();
    assertThat(classify(m, "refused, then timed out while reading").message()).isEqualTo(1);
    assertThat(classify(m, "refused").message()).isEqualTo(2);
    assertThat(classify(m, "nothing known here")).isEqualTo(MessageMatcher.Verdict.UNKNOWN);
  }

  @Test
  void onlyWordsInsideTheMessageCountNotTheRequestAfterIt() {
    MessageMatcher m = new MessageMatcher(List.of(message("refused", "refused")));
    byte[] b =
        "upstream failed, request: \"GET /refused HTTP/1.1\"".getBytes(StandardCharsets.US_ASCII);

    assertThat(m.classify(b, 0, "upstream failed".length(), new MessageMatcher.FoundKeys()))
        .isEqualTo(MessageMatcher.Verdict.UNKNOWN);
  }

  @Test
  void aFurtherWordAtTheVeryStartOfTheLineCounts() {
    MessageMatcher m = new MessageMatcher(List.of(message("m", "beta", "alpha")));

    assertThat(classify(m, "alpha then beta").message()).isZero();
    assertThat(classify(m, "gamma then beta").message()).isEqualTo(-1);
  }

  @Test
  void theHostAfterAWordRunsToTheNextCommaSpaceOrQuoteOrTheMessagesEnd() {
    MessageMatcher m =
        new MessageMatcher(List.of(subjectAfter("no-resolver", "to resolve ", "no resolver")));

    assertThat(subject(m, "no resolver defined to resolve api.example.com, then"))
        .isEqualTo("api.example.com");
    assertThat(subject(m, "no resolver defined to resolve api.example.com then"))
        .isEqualTo("api.example.com");
    assertThat(subject(m, "no resolver defined to resolve api.example.com\" then"))
        .isEqualTo("api.example.com");
    assertThat(subject(m, "no resolver defined to resolve api.example.com"))
        .isEqualTo("api.example.com");
    assertThat(subject(m, "no resolver defined for api.example.com")).isNull();
  }

  @Test
  void theWordBeforeTheHostMayOpenTheMessage() {
    MessageMatcher m =
        new MessageMatcher(List.of(subjectAfter("connect", "connect to ", "failed")));

    assertThat(subject(m, "connect to 10.0.0.5:8080 failed")).isEqualTo("10.0.0.5:8080");
  }

  @Test
  void theHostBeforeAWordIsTheTokenBeforeItWithoutItsQuotes() {
    MessageMatcher m =
        new MessageMatcher(
            List.of(subjectBefore("not-resolved", " could not be resolved", "could not be")));

    assertThat(subject(m, "host api.example.com could not be resolved"))
        .isEqualTo("api.example.com");
    assertThat(subject(m, "api.example.com could not be resolved"))
        .as("a host at the very start of the line")
        .isEqualTo("api.example.com");
    assertThat(subject(m, "host \"api.example.com\" could not be resolved"))
        .isEqualTo("api.example.com");
    assertThat(subject(m, "host \"\" could not be resolved")).isEmpty();
    assertThat(subject(m, " could not be resolved")).as("no host before the word").isNull();
  }

  @Test
  void aBenignMessageAndABackendAnswerSayNothingIsWrongTheirOwnWay() {
    LogMessage benign =
        new LogMessage(
            "keepalive",
            "keepalive",
            List.of("closed keepalive connection"),
            null,
            null,
            null,
            null,
            null,
            LogMessage.Severity.BENIGN,
            LogMessage.About.NOTHING,
            null);
    LogMessage answer =
        new LogMessage(
            "answer",
            "answer",
            List.of("backend client uri: "),
            null,
            null,
            null,
            null,
            null,
            LogMessage.Severity.FAIL,
            LogMessage.About.BACKEND_ANSWER,
            "4.5.2");
    MessageMatcher m = new MessageMatcher(List.of(benign, answer));

    assertThat(classify(m, "client closed keepalive connection"))
        .isEqualTo(new MessageMatcher.Verdict(0, -1, -1, false, true));
    assertThat(classify(m, "backend client uri: http://b/x ok: true status: 200 body: ok"))
        .isEqualTo(new MessageMatcher.Verdict(1, -1, -1, true, true));
    assertThat(classify(m, "backend client uri: http://b/x ok: true status: 403 body: no"))
        .isEqualTo(new MessageMatcher.Verdict(1, -1, -1, true, false));
  }

  private static boolean dependsOnDigits(String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return MessageMatcher.dependsOnDigits(b, 0, b.length);
  }

  @Test
  void aVerdictDependsOnDigitsOnlyAfterAnOpeningParenthesisOrAStatus() {
    assertThat(dependsOnDigits("(111: Connection refused)")).isTrue();
    assertThat(dependsOnDigits("connect() failed (0: x)")).isTrue();
    assertThat(dependsOnDigits("connect() failed (9: x)")).isTrue();
    assertThat(dependsOnDigits("connect() failed (/: x)")).isFalse();
    assertThat(dependsOnDigits("connect() failed (:: x)")).isFalse();
    assertThat(dependsOnDigits("ends with (")).isFalse();
    assertThat(dependsOnDigits("auth request unexpected status: 0")).isTrue();
    assertThat(dependsOnDigits("auth request unexpected status: 9")).isTrue();
    assertThat(dependsOnDigits("auth request unexpected status: /")).isFalse();
    assertThat(dependsOnDigits("auth request unexpected status: :")).isFalse();
    assertThat(dependsOnDigits("auth request unexpected status: ")).isFalse();
    assertThat(dependsOnDigits("no digits that matter 111")).isFalse();
  }
}
