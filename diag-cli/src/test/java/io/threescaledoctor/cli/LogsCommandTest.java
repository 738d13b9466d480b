package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LogsCommandTest {
  private static final String SECRET = "SENTINELkey0123456789abcdef";
  private static final String GUIDE_BACKEND_TIMEOUT =
      "2015/11/20 11:33:51 [error] 3578#0: *1"
          + " upstream timed out (110: Connection timed out) while connecting to upstream, client:,"
          + " server: , request: \"GET /api/activities.json?user_key="
          + SECRET
          + " HTTP/1.1\","
          + " subrequest: \"/threescale_authrep\", upstream: \"[hits]=1&user_key="
          + SECRET
          + "&log%5Bcode%5D=\", host: \"localhost\"\n";
  private static final String NO_RESOLVER =
      " [error] 41#41: *27 no resolver defined to resolve"
          + " api.example.com, client: 127.0.0.1, server: localhost, request: \"GET /hello"
          + " HTTP/1.1\", host: \"127.0.0.1:40100\"\n";

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(args, new PrintWriter(out), new PrintWriter(err), Map.of("NO_COLOR", "1"));
    return new Run(code, out.toString(), err.toString());
  }

  private static String now() {
    return LocalDateTime.now(ZoneId.systemDefault())
        .format(DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss"));
  }

  @Test
  void reportsOldFindingsAsWarningsWithRemedyAndExitsZero() throws Exception {
    Path log = dir.resolve("error.log");
    Files.writeString(log, GUIDE_BACKEND_TIMEOUT);
    Run r = run("logs", log.toString(), "--zone", "UTC");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "WARN  gateway-3scale  backend-timeout",
            "1x",
            "upstream timed out while connecting",
            "first 2015-11-20 11:33:51",
            "->",
            "Errors per minute");
    assertThat(r.out() + r.err()).doesNotContain(SECRET);
  }

  @Test
  void failsWithExitOneOnARecentFinding() throws Exception {
    Path log = dir.resolve("error.log");
    Files.writeString(log, now() + NO_RESOLVER);
    Run r = run("logs", log.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL  gateway         dns-no-resolver");
  }

  @Test
  void writesOneJsonObjectPerFindingForScripts() throws Exception {
    Path log = dir.resolve("error.log");
    Files.writeString(log, GUIDE_BACKEND_TIMEOUT + now() + NO_RESOLVER);
    Run r = run("logs", log.toString(), "--format", "json", "--zone", "UTC");
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    JsonNode findings = json.get("findings");
    assertThat(findings).hasSize(2);
    JsonNode old = findings.get(1);
    assertThat(old.get("cause").asText()).isEqualTo("backend-timeout");
    assertThat(old.get("hop").asText()).isEqualTo("gateway-3scale");
    assertThat(old.get("status").asText()).isEqualTo("WARN");
    assertThat(old.get("count").asLong()).isEqualTo(1);
    assertThat(old.get("firstSeen").asText()).isEqualTo("2015-11-20T11:33:51Z");
    assertThat(old.get("lastSeen").asText()).isEqualTo("2015-11-20T11:33:51Z");
    assertThat(old.get("example").asText()).contains("upstream timed out").doesNotContain(SECRET);
    assertThat(old.get("remedy").asText()).isNotBlank();
    assertThat(findings.get(0).get("cause").asText()).isEqualTo("dns-no-resolver");
    assertThat(json.get("perMinute")).hasSize(2);
  }

  @Test
  void readsSeveralFilesIncludingGzipAndHonoursTheWindow() throws Exception {
    Path live = dir.resolve("error.log");
    Files.writeString(live, "2026/11/27 10:30:00" + NO_RESOLVER);
    Path rotated = dir.resolve("error.log.1.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(rotated))) {
      out.write(("2026/11/26 10:30:00" + NO_RESOLVER).getBytes(StandardCharsets.UTF_8));
    }
    Run all = run("logs", rotated.toString(), live.toString(), "--format", "json", "--zone", "UTC");
    assertThat(new ObjectMapper().readTree(all.out()).at("/findings/0/count").asLong())
        .isEqualTo(2);
    Run window =
        run(
            "logs",
            rotated.toString(),
            live.toString(),
            "--format",
            "json",
            "--zone",
            "UTC",
            "--since",
            "2026-11-27 00:00",
            "--until",
            "2026-11-27T11:00:00Z");
    JsonNode json = new ObjectMapper().readTree(window.out());
    assertThat(json.at("/findings/0/count").asLong()).isEqualTo(1);
    assertThat(json.at("/stats/outsideWindow").asLong()).isEqualTo(1);
  }

  @Test
  void readsStandardInput() {
    LogsCommand command = new LogsCommand();
    command.stdin =
        new ByteArrayInputStream(GUIDE_BACKEND_TIMEOUT.getBytes(StandardCharsets.UTF_8));
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out));
    int code = cl.execute("-", "--zone", "UTC");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("backend-timeout", "1 file");
  }

  @Test
  void rejectsUnreadableInputAndBadTimesWithOneLine() {
    Run missing = run("logs", dir.resolve("nope.log").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .contains("no log could be read")
        .contains("no such file")
        .hasLineCount(1);
    Run badTime = run("logs", dir.toString() + "/x.log", "--since", "yesterday-ish");
    assertThat(badTime.code()).isEqualTo(2);
    assertThat(badTime.err()).contains("--since yesterday-ish: not a time").hasLineCount(1);
    Run directory = run("logs", dir.toString());
    assertThat(directory.code()).isEqualTo(2);
    assertThat(directory.err()).contains("is a directory");
  }

  @Test
  void analysesAnAccessLogInACustomFormat() throws Exception {
    Path log = dir.resolve("access.log");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      lines
          .append("10.0.0.1 [27/Nov/2026:10:0")
          .append(i)
          .append(":00 +0000] \"GET /a/")
          .append(i)
          .append("?user_key=")
          .append(SECRET)
          .append(" HTTP/1.1\" ")
          .append(i < 6 ? 502 : 200)
          .append(" rt=0.")
          .append(i)
          .append("00\n");
    }
    Files.writeString(log, lines);
    String fmt = "$remote_addr [$time_local] \"$request\" $status rt=$request_time";
    Run r = run("logs", "--access", log.toString(), "--log-format", fmt, "--zone", "UTC");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("8 requests", "502", "75.0%", "5xx per minute", "Slowest paths", "/a/7")
        .doesNotContain(SECRET);
    JsonNode json =
        new ObjectMapper()
            .readTree(
                run("logs", "--access", log.toString(), "--log-format", fmt, "--format", "json")
                    .out());
    assertThat(json.at("/byStatus/502").asLong()).isEqualTo(6);
    assertThat(json.at("/perMinute")).hasSize(8);
    Run bad = run("logs", "--access", log.toString(), "--log-format", "$remote_addr");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("no $status");
  }

  @Test
  void helpExplainsTheTimeWindow() {
    Run r = run("logs", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--recent", "default 1h", "older one is WARN", "Exit codes");
    assertThat(run("nginx-conf", "--help").out()).contains("dns-no-resolver", "file");
  }
}
