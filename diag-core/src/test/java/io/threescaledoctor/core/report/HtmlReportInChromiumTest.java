package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.testing.Component;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium (Debian's {@code chromium}, which CI installs): it
 * must load without console errors or requests, lay out the chain and the evidence, and screenshot.
 * Skipped, not failed, where Chromium is not installed.
 */
class HtmlReportInChromiumTest {
  private static final long TIMEOUT_SECONDS = 90;
  private static String chromium;

  @TempDir Path dir;

  @BeforeAll
  static void findChromium() {
    chromium = Component.CHROMIUM.require().toString();
  }

  private Path writeReport() throws IOException {
    Path html = dir.resolve("report.html");
    Files.writeString(
        html,
        GoldenFiles.render(new HtmlReportRenderer(), SampleDiagnoses.backendDown()),
        StandardCharsets.UTF_8);
    return html;
  }

  private record Run(int exit, String stdout, String stderr) {}

  private Run chromium(String... extra) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--enable-logging=stderr",
                "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
    command.addAll(List.of(extra));
    Path out = dir.resolve("stdout-" + System.nanoTime());
    Path err = dir.resolve("stderr-" + System.nanoTime());
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertThat(finished).as("chromium finished within " + TIMEOUT_SECONDS + " s").isTrue();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void opensWithoutErrorsAndTakesAScreenshot() throws Exception {
    Path html = writeReport();
    Path png = dir.resolve("report.png");
    Run run = chromium("--screenshot=" + png, "--window-size=1200,1600", html.toUri().toString());
    assertThat(run.exit()).as(run.stderr()).isZero();
    byte[] image = Files.readAllBytes(png);
    assertThat(image).hasSizeGreaterThan(20_000).startsWith(0x89, 'P', 'N', 'G');
    assertThat(run.stderr()).doesNotContain("CONSOLE", "Failed to load resource", "net::ERR_");
  }

  @Test
  void theBrowserSeesTheDiagramAndEveryCheck() throws Exception {
    Run run = chromium("--dump-dom", writeReport().toUri().toString());
    assertThat(run.exit()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("<svg class=\"chain\"", "likely failure point");
    Matcher details = Pattern.compile("<details class=\"check ").matcher(run.stdout());
    int count = 0;
    while (details.find()) {
      count++;
    }
    // Hops nothing tested get one line, not a block per skipped check.
    Diagnosis d = SampleDiagnoses.backendDown();
    long shown =
        d.results().stream().filter(r -> !Chain.notTested(d.hop(r.hop()).orElseThrow())).count();
    assertThat(count).isEqualTo(shown).isEqualTo(8);
  }
}
