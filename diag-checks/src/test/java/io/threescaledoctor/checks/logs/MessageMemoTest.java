package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageMemoTest {
  private final MessageMemo<String> memo = new MessageMemo<>();

  @Test
  void answersOnlyForTheSameBytes() {
    String message = "upstream timed out (110: Connection timed out)";
    byte[] line = bytes("*1 " + message + ", client: 1.2.3.4");
    memo.put(line, 3, 3 + message.length(), "timed out");

    byte[] again = bytes("*22 " + message + ", client: 5.6.7.8");
    assertThat(memo.get(again, 4, 4 + message.length())).isEqualTo("timed out");
    assertThat(memo.get(again, 4, 3 + message.length())).isNull();
    byte[] other = bytes("*1 " + message.replace("110", "111"));
    assertThat(memo.get(other, 3, 3 + message.length())).isNull();
  }

  @Test
  void keepsTextsThatDifferOnlyInTheMiddleApart() {
    for (int host = 0; host < 12; host++) {
      byte[] text = bytes("service not found for host apicast" + host + ".example.com");
      memo.put(text, 0, text.length, "host " + host);
    }
    for (int host = 0; host < 12; host++) {
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

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
