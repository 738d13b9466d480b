package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFormatsTest {
  // Nothing listens on port 1 of the loopback address: a run that finds something quickly.
  // The backend is set too: its default (su1.3scale.net) would send the network checks off the
  // loopback.
  private static final String[] RUN = {
    "run", "--api", "http://127.0.0.1:1", "--backend", "http://127.0.0.1:1", "--timeout", "5s"
  };

  private static String[] run(String... more) {
    String[] all = new String[RUN.length + more.length];
    System.arraycopy(RUN, 0, all, 0, RUN.length);
    System.arraycopy(more, 0, all, RUN.length, more.length);
    return all;
  }

  @Test
  void everyFormatIsAcceptedAndLooksLikeItself() {
    Map<String, String> starts =
        Map.of(
            "text", "3scale-doctor ",
            "json", "{",
            "markdown", "# 3scale-doctor report: ",
            "html", "<!DOCTYPE html>",
            "junit", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites");
    assertThat(ReportFormats.names()).containsExactlyInAnyOrderElementsOf(starts.keySet());
    starts.forEach(
        (format, start) -> {
          CliRun r = CliRun.of(run("--format", format));
          assertThat(r.out()).as(format).startsWith(start);
          assertThat(r.err()).as(format).isEmpty();
        });
  }

  @Test
  void anUnknownFormatIsBadInputNamingTheKnownOnes() {
    CliRun r = CliRun.of(run("--format", "pdf"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("pdf").contains("markdown, html, junit");
  }

  @Test
  void quietPrintsOnlyTheDiagnosisLine() {
    CliRun r = CliRun.of(run("--quiet"));
    assertThat(r.out().lines())
        .singleElement()
        .asString()
        .matches("(HEALTHY|DEGRADED|FAILING|INCONCLUSIVE)( at [a-z0-9-]+)?.*");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void quietStillWritesTheFullReportToTheOutputFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.html");
    CliRun r = CliRun.of(run("--quiet", "--format", "html", "--output", file.toString()));
    assertThat(r.out().lines()).hasSize(1);
    assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").contains("</html>");
  }

  @Test
  void progressIsDrawnToStderrOnlyWhenATerminalWatches() {
    Map<String, String> terminal = Map.of("THREESCALE_DOCTOR_PROGRESS", "always");
    CliRun shown = CliRun.of(terminal, run());
    assertThat(shown.err()).contains("\r\u001b[2K[0/");
    assertThat(shown.err()).endsWith("\r\u001b[2K");
    assertThat(shown.out()).doesNotContain("\u001b[2K");

    assertThat(CliRun.of(terminal, run("--format", "json")).err()).isEmpty();
    assertThat(CliRun.of(terminal, run("--quiet")).err()).isEmpty();
    // Tests run without a console: the same as a pipe.
    assertThat(CliRun.of(run()).err()).isEmpty();
  }
}
