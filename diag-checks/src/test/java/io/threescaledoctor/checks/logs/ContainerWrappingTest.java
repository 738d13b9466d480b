package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerWrappingTest {
  private static final String LINE = "2026/11/27 09:14:41 [error] 27#27: *1 boom";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-27T09:14:41.123456789Z ", // oc logs --timestamps, must-gather current.log
        "2026-11-27T09:14:41Z ",
        "2026-11-27T10:14:41.123+01:00 ",
        "2026-11-27T04:14:41.5-05:00 ",
        "2026-11-27T09:14:41.123456789Z stderr F ", // a node's CRI log file
        "2026-11-27T09:14:41.123456789+00:00 stdout F ",
        "2026-11-27T09:14:41.123456789Z stderr P ",
      })
  void readsTheProgramsLineAfterThePrefix(String prefix) {
    byte[] b = (prefix + LINE).getBytes(StandardCharsets.UTF_8);

    assertThat(ContainerWrapping.skip(b, 0, b.length)).isEqualTo(prefix.length());
    assertThat(ContainerWrapping.strip(prefix + LINE)).isEqualTo(LINE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        LINE,
        "2026-11-27T09:14:41.Z " + LINE, // a fraction without digits
        "2026-11-27T09:14:41.123 " + LINE, // no zone
        "2026-11-27T09:14:41Z" + LINE, // no space after it
        "2026-11-27 09:14:41Z " + LINE,
        "2026-11-2xT09:14:41Z " + LINE,
        "2026-11-27T09:14:41+0100 " + LINE,
        "2026-11-27T09:14:41Z",
        "",
      })
  void leavesALineWithoutAPrefixAsItIs(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);

    assertThat(ContainerWrapping.skip(b, 0, b.length)).isZero();
    assertThat(ContainerWrapping.strip(line)).isSameAs(line);
    byte[] later = ("12345" + line).getBytes(StandardCharsets.UTF_8);
    assertThat(ContainerWrapping.skip(later, 5, later.length)).as("from an offset").isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-27T09:14:41.123", // the buffer ends in the fraction
        "2026-11-27T09:14:41.123+0", // ... in the offset
        "2026-11-27T09:14:41.123+01:00", // ... before the space
        "2026-11-27T09:14:41.1",
      })
  void stopsAtTheEndOfAPrefixThatIsCutShort(String cut) {
    byte[] b = cut.getBytes(StandardCharsets.UTF_8);

    assertThat(ContainerWrapping.skip(b, 0, b.length)).isZero();
    byte[] later = ("1234567890" + cut).getBytes(StandardCharsets.UTF_8);
    assertThat(ContainerWrapping.skip(later, 10, later.length)).isEqualTo(10);
    assertThat(ContainerWrapping.skip(later, later.length - 2, later.length))
        .isEqualTo(later.length - 2);
  }

  @ParameterizedTest
  @CsvSource({"'2026-11-27T09:14:41Z ', 21", "'2026-11-27T09:14:41.5Z stderr F ', 32"})
  void aPrefixWithNothingAfterItIsStillOne(String line, int length) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);

    assertThat(ContainerWrapping.skip(b, 0, b.length)).isEqualTo(length);
    assertThat(ContainerWrapping.strip(line)).isEmpty();
  }

  @CsvSource({
    "'2026-11-27T09:14:41Z stdin F x', 21",
    "'2026-11-27T09:14:41Z stderr X x', 21",
    "'2026-11-27T09:14:41Z stderrF x', 21",
    "'2026-11-27T09:14:41Z stdout F x', 30",
  })
  @ParameterizedTest
  void takesAStreamAndTagOnlyAsTheCriLogWritesThem(String line, int programStart) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);

    assertThat(ContainerWrapping.skip(b, 0, b.length)).isEqualTo(programStart);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7})
  void looksOnlyInsideTheRangeItIsGiven(int offset) {
    String text = "x".repeat(offset) + "2026-11-27T09:14:41Z " + LINE;
    byte[] b = text.getBytes(StandardCharsets.UTF_8);

    assertThat(ContainerWrapping.skip(b, offset, b.length)).isEqualTo(offset + 21);
    assertThat(ContainerWrapping.skip(b, offset, offset + 20))
        .as("the space after the time lies beyond the range")
        .isEqualTo(offset);
    assertThat(ContainerWrapping.skip(b, offset, offset + 19)).isEqualTo(offset);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET /v1/caf\u00e9s", "\u2588 sparkline"})
  void keepsTheCharactersAfterThePrefix(String rest) {
    assertThat(ContainerWrapping.strip("2026-11-27T09:14:41.5Z " + rest)).isEqualTo(rest);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"log\":\"plain\\n\",\"stream\":\"stderr\",\"time\":\"2026-11-27T09:14:41Z\"}|plain",
        "{\"log\":\"no newline\",\"stream\":\"stdout\"}|no newline",
        "{\"log\":\"q \\\"x\\\" b \\\\ s \\/ t\\tz\\n\"}|q \"x\" b \\ s / t\tz",
        "{\"log\":\"\\u003cerror code=\\\"user_key_invalid\\\"\\u003e \\u0026\\n\"}|<error code=\"user_key_invalid\"> &",
        "{\"log\":\"caf\\u00e9 \\u2588 \\ud83d\\ude00\\n\"}|caf\u00e9 \u2588 \ud83d\ude00",
        "{\"log\":\"lone \\ud83d!\\n\"}|lone \ufffd!",
        "{\"log\":\"\"}|",
      })
  void unwrapsALineOfDockersJsonLog(String line, String program) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);

    int end = ContainerWrapping.unwrapDockerJson(b, 0, b.length);

    assertThat(new String(b, 0, end, StandardCharsets.UTF_8))
        .isEqualTo(program == null ? "" : program);
    assertThat(ContainerWrapping.strip(line)).isEqualTo(program == null ? "" : program);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"log\":\"unterminated",
        "{\"log\":\"bad escape \\q\"}",
        "{\"log\":\"short \\u00e\"}",
        "{\"log\":\"ends in a backslash \\",
        "{\"time\":\"2026-11-27T09:14:41Z\",\"log\":\"x\"}",
        "{\"log\": \"spaced\"}",
        "{\"lo",
        "{\"log\":\"x \\u00zz y\"}",
        "{\"log\":\"\\u00", // the buffer ends in an escape
        "{\"log\":\"\\ud83d", // ... after half a pair
      })
  void leavesAnythingElseUntouched(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);

    assertThat(ContainerWrapping.unwrapDockerJson(b, 0, b.length)).isEqualTo(-1);
    assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo(line);
    assertThat(ContainerWrapping.strip(line)).isSameAs(line);
  }

  @ParameterizedTest
  @CsvSource({
    "0000, 00",
    "007f, 7f",
    "0080, c2 80",
    "07ff, df bf",
    "0800, e0 a0 80",
    "ffff, ef bf bf",
    "d83d, ef bf bd", // half a pair alone: the replacement character
    "d800\\udc00, f0 90 80 80",
    "dbc0\\udc00, f4 80 80 80",
    "dbff\\udfff, f4 8f bf bf",
  })
  void writesEachEscapedCharacterAsUtf8(String hex, String expected) {
    byte[] b = ("{\"log\":\"\\u" + hex + "\"}").getBytes(StandardCharsets.UTF_8);

    int end = ContainerWrapping.unwrapDockerJson(b, 0, b.length);

    StringBuilder written = new StringBuilder();
    for (int i = 0; i < end; i++) {
      written.append(written.length() == 0 ? "" : " ").append(String.format("%02x", b[i]));
    }
    assertThat(written.toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void looksAtNoByteBeyondTheRangeOfAShortLine(int from) {
    byte[] b = "xx{\"lo".getBytes(StandardCharsets.UTF_8);

    assertThat(ContainerWrapping.unwrapDockerJson(b, from, b.length)).isEqualTo(-1);
    assertThat(ContainerWrapping.unwrapDockerJson(b, from, Math.min(b.length, from + 2)))
        .isEqualTo(-1);
  }
}
