package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFormatsTest {
  /**
   * The API and the backend both at a port held bound without listening, so it refuses at once for
   * the whole test and no other process can take it: a run that finds something quickly. The
   * backend is set too: its default (su1.3scale.net) would send the network checks off the
   * loopback.
   */
  private FreePorts.RefusingPort refusing;

  @BeforeEach
  void holdARefusingPort() throws IOException {
    refusing = FreePorts.refusing();
  }

  @AfterEach
  void releaseIt() throws IOException {
    refusing.close();
  }

  private String[] run(String... more) {
    String url = "http://" + refusing.address();
    String[] head = {"run", "--api", url, "--backend", url, "--timeout", "5s"};
    String[] all = new String[head.length + more.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(more, 0, all, head.length, more.length);
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
