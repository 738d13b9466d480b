package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageMemoTest {
  private final MessageMemo<String> memo = new MessageMemo<>();

  @Test
  void answersForTheSameBytesAndWhenAllowedForTheSameTextWithOtherDigits() {
    String message = "client 10.1.2.3 closed keepalive connection";
    byte[] line = bytes("*1 " + message + ", client: 1.2.3.4");
    memo.put(line, 3, 3 + message.length(), "keepalive", false);

    byte[] again = bytes("*22 " + message + ", client: 5.6.7.8");
    assertThat(memo.get(again, 4, 4 + message.length())).isEqualTo("keepalive");
    assertThat(memo.get(again, 4, 3 + message.length())).isNull();
    byte[] otherClient = bytes("*1 " + message.replace("10.1.2.3", "10.9.8.7"));
    assertThat(memo.get(otherClient, 3, 3 + message.length())).isEqualTo("keepalive");
    byte[] otherWord = bytes("*1 " + message.replace("closed", "opened"));
    assertThat(memo.get(otherWord, 3, 3 + message.length())).isNull();
  }

  @Test
  void answersForTheSameBytesOnlyWhenTheDigitsMatter() {
    String message = "upstream timed out (110: Connection timed out)";
    byte[] line = bytes("*1 " + message + ", client: 1.2.3.4");
    assertThat(MessageMatcher.dependsOnDigits(line, 3, 3 + message.length())).isTrue();
    memo.put(line, 3, 3 + message.length(), "timed out", true);
    byte[] again = bytes("*22 " + message + ", client: 5.6.7.8");
    assertThat(memo.get(again, 4, 4 + message.length())).isEqualTo("timed out");
    byte[] other = bytes("*1 " + message.replace("110", "111"));
    assertThat(memo.get(other, 3, 3 + message.length())).isNull();
    byte[] status = bytes("backend client uri: http://b/x ok: true status: 200 body: x");
    assertThat(MessageMatcher.dependsOnDigits(status, 0, status.length)).isTrue();
    byte[] keepalive = bytes("client 10.1.2.3 closed keepalive connection");
    assertThat(MessageMatcher.dependsOnDigits(keepalive, 0, keepalive.length)).isFalse();
  }

  @Test
  void keepsTextsThatDifferOnlyInTheMiddleApart() {
    // Letters: texts that differ only in digits share a set on purpose (see the next test).
    for (char host = 'a'; host < 'm'; host++) {
      byte[] text = bytes("service not found for host apicast" + host + ".example.com");
      memo.put(text, 0, text.length, "host " + host);
    }
    for (char host = 'a'; host < 'm'; host++) {
      byte[] text = bytes("service not found for host apicast" + host + ".example.com");
      assertThat(memo.get(text, 0, text.length)).isEqualTo("host " + host);
    }
  }

  @Test
  void forgetsTheOldestEntryOfAFullSetAndNeverAnswersWrongly() {
    for (int i = 0; i < 10_000; i++) {
      byte[] text = bytes("buffered to a temporary file /var/cache/nginx/" + i);
      memo.put(text, 0, text.length, "file " + i);
    }
    for (int i = 0; i < 10_000; i++) {
      byte[] text = bytes("buffered to a temporary file /var/cache/nginx/" + i);
      assertThat(memo.get(text, 0, text.length)).isIn(null, "file " + i);
    }
    byte[] last = bytes("buffered to a temporary file /var/cache/nginx/9999");
    assertThat(memo.get(last, 0, last.length)).isEqualTo("file 9999");
  }

  @Test
  void remembersNeitherVeryShortNorVeryLongTexts() {
    byte[] shortText = bytes("refused");
    memo.put(shortText, 0, shortText.length, "short");
    assertThat(memo.get(shortText, 0, shortText.length)).isNull();
    byte[] longText = bytes("x".repeat(MessageMemo.MAX_TEXT + 1));
    memo.put(longText, 0, longText.length, "long");
    assertThat(memo.get(longText, 0, longText.length)).isNull();
  }

  @Test
  void theScannerMeasuresAMessageAndItsSetInOnePassAsTheMemoWould() {
    java.util.Random random = new java.util.Random(3);
    String letters = "abc, 019:.client\"";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder("*1 ");
      for (int n = random.nextInt(90); n > 0; n--) {
        sb.append(letters.charAt(random.nextInt(letters.length())));
      }
      if (random.nextBoolean()) {
        sb.append(", client: 10.0.0.").append(random.nextInt(255)).append(", server: _");
      }
      byte[] line = bytes(sb.toString());
      long[] words = new long[MessageMemo.MAX_WORDS];
      long measured = ErrorLogScanner.measureMessage(line, 3, line.length, words);
      int fields = (int) (measured >> 32);
      assertThat(fields)
          .as(sb.toString())
          .isEqualTo(ErrorLogScanner.clientField(line, 3, line.length));
      int end = fields < 0 ? line.length : fields;
      if (end - 3 >= 8) {
        assertThat((int) measured).as(sb.toString()).isEqualTo(MessageMemo.set(line, 3, end));
        long[] expected = MessageMemo.words(line, 3, end);
        assertThat(java.util.Arrays.copyOf(words, expected.length))
            .as(sb.toString())
            .isEqualTo(expected);
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
