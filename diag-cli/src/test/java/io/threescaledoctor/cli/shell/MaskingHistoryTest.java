package io.threescaledoctor.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.threescaledoctor.core.check.Redactor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history JLine keeps: masked lines only, and a broken file never ends the shell. */
class MaskingHistoryTest {
  @TempDir Path dir;

  @Test
  void storesOnlyTheMaskedLine() throws Exception {
    Path file = dir.resolve("history");
    try (Terminal t = terminal()) {
      MaskingHistory history = new MaskingHistory(new HistoryMasker(Redactor::patternsOnly));
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(t)
              .history(history)
              .variable(LineReader.HISTORY_FILE, file)
              .build();
      history.attach(reader);
      history.add(Instant.EPOCH, "set credentials.appKey SENTINEL-42-abcdef");
      history.save();

      assertThat(history.get(history.last())).isEqualTo("set credentials.appKey ****cdef");
      assertThat(Files.readString(file)).contains("****cdef").doesNotContain("SENTINEL");
    }
  }

  @Test
  void aFileThatIsNotTextIsSkippedInsteadOfEndingTheShell() throws Exception {
    Path file = dir.resolve("history");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
    try (Terminal t = terminal()) {
      MaskingHistory history = new MaskingHistory(new HistoryMasker(Redactor::patternsOnly));
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(t)
              .history(history)
              .variable(LineReader.HISTORY_FILE, file)
              .build();

      assertThatCode(() -> history.attach(reader)).doesNotThrowAnyException();
      assertThat(history.isEmpty()).isTrue();
    }
  }

  private static Terminal terminal() throws Exception {
    return TerminalBuilder.builder()
        .system(false)
        .provider("exec")
        .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())
        .type("dumb")
        .build();
  }
}
