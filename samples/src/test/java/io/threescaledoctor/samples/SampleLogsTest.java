package io.threescaledoctor.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SampleLogsTest {
  private static final Path DIR = Path.of("logs");
  private static final Pattern ERROR_LOG =
      Pattern.compile("^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} \\[(debug|info|notice|warn|error"
          + "|crit|alert|emerg)] \\d+#\\d+: .*");
  private static final Pattern ACCESS_LOG =
      Pattern.compile("^\\S+ - \\S+ \\[\\d{2}/\\w{3}/\\d{4}:[\\d:]+ [+-]\\d{4}] \"[A-Z]+ \\S+ "
          + "HTTP/[\\d.]+\" \\d{3} \\d+ .*");

  @Test
  void everyKnownIssueHasASampleLog() {
    for (KnownIssue issue : KnownIssueCatalog.standard().all()) {
      Path file = DIR.resolve(issue.id() + ".log");
      assertThat(file).as("samples/logs has an excerpt for known issue '%s'", issue.id())
          .isRegularFile();
    }
  }

  @Test
  void logLinesHaveNginxFormatsAndTheRestIsIntroducedAsToolOutput() throws Exception {
    try (var files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).as(f.toString()).isNotEmpty();
        boolean transcript = false;
        for (String line : lines) {
          transcript |= line.startsWith("#");
          boolean log = ERROR_LOG.matcher(line).matches() || ACCESS_LOG.matcher(line).matches();
          assertThat(log || transcript || line.startsWith("stack traceback")
              || line.startsWith("\t") || line.startsWith("coroutine"))
              .as("%s: a log line, or tool output after a '#' line: %s", f, line).isTrue();
        }
      }
    }
  }
}
