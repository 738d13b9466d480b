package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the doctor writes is UTF-8 under any locale, the C locale of containers included. */
class OutputEncodingTest {
  private static final String LINE =
      "2026/11/27 09:14:41 [error] 27#27: *3309 upstream timed out (110: Connection timed out)"
          + " while reading response header from upstream, client: 10.130.2.1, server: api.example.com,"
          + " request: \"GET /v1/caf\u00e9s HTTP/1.1\", upstream: \"http://10.0.0.5:8080/v1/orders\","
          + " host: \"api.example.com\"\n";

  @TempDir Path dir;

  @Test
  void aJsonReportKeepsItsSparklineUnderTheCLocale() throws Exception {
    String json = runUnderTheCLocale("--format", "json");

    assertThat(json)
        .contains("\"problemsPerMinute\" : \"|\u2588|")
        .contains("GET /v1/caf\u00e9s")
        .doesNotContain("caf?s");
  }

  @Test
  void aTextReportShowsTheLogsOwnCharacters() throws Exception {
    assertThat(runUnderTheCLocale()).contains("GET /v1/caf\u00e9s").doesNotContain("caf?s");
  }

  private String runUnderTheCLocale(String... options) throws Exception {
    Path log = Files.writeString(dir.resolve("error.log"), LINE);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder =
        new ProcessBuilder(
            java, "-cp", classPath, "io.threescaledoctor.cli.Main", "logs", log.toString());
    builder.command().addAll(List.of(options));
    builder.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
    builder.environment().put("LC_ALL", "C");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }
}
