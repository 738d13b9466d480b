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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
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

  private static String ago(int minutes) {
    return LocalDateTime.now(ZoneId.systemDefault())
        .minusMinutes(minutes)
        .format(DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss"));
  }

  private static String accessTime(int minutesAgo) {
    return ZonedDateTime.now(ZoneId.systemDefault())
        .minusMinutes(minutesAgo)
        .format(DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH));
  }

  private static JsonNode result(JsonNode report, String id) {
    for (JsonNode r : report.get("results")) {
      if (r.get("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError(id + " not in " + report.get("results"));
  }

  private static JsonNode group(JsonNode report, String kind, String key) {
    for (JsonNode r : report.get("results")) {
      if (r.get("id").asText().startsWith("accesslog." + kind + ".")
          && key.equals(r.at("/evidence/" + kind).asText())) {
        return r;
      }
    }
    throw new AssertionError(kind + " " + key + " not in " + report.get("results"));
  }

  /** Result ids as the report's JSON Schema has them: dotted lower-case words. */
  private static void assertSchemaIds(JsonNode report) {
    for (JsonNode r : report.get("results")) {
      assertThat(r.get("id").asText()).matches("^[a-z0-9-]+(\\.[a-z0-9-]+)+$");
    }
  }

  @Test
  void reportsOldFindingsAsWarningsWithRemedyAndExitsZero() throws Exception {
    Path log = dir.resolve("error.log");
    Files.writeString(log, GUIDE_BACKEND_TIMEOUT);
    Run r = run("logs", log.toString(), "--zone", "UTC");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "gateway-3scale",
            "backend-timeout",
            "1 entry 'upstream timed out while connecting' about the 3scale backend",
            "(older than 1h)",
            "firstSeen",
            "2015-11-20 11:33:51",
            "named by the auth subrequest /threescale_authrep",
            "Diagnosis: DEGRADED",
            "Next steps:");
    assertThat(r.out() + r.err()).doesNotContain(SECRET);
  }

  @Test
  void failsWithExitOneOnARecentFindingAndNamesItsHop() throws Exception {
    Path log = dir.resolve("error.log");
    Files.writeString(log, now() + NO_RESOLVER);
    Run r = run("logs", log.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("Diagnosis: FAILING", "dns-no-resolver", "gateway[FAIL]");
  }

  @Test
  void namesThe3scaleErrorApicastLoggedAtInfoLevelAsADirectAuthorizeWould() throws Exception {
    Path log = dir.resolve("error.log");
    Files.writeString(
        log,
        now()
            + " [info] 23#23: *1201 [lua] backend_client.lua:133: call_backend_transaction():"
            + " backend client uri: https://su1.3scale.net:443/transactions/authrep.xml?"
            + "service_id=2&user_key="
            + SECRET
            + " ok: true status: 403 body: <?xml version=\"1.0\" encoding=\"UTF-8\"?><error"
            + " code=\"user_key_invalid\">user key \""
            + SECRET
            + "\" is invalid</error> error: nil, client: 10.1.1.1, server: _, request: \"GET /"
            + " HTTP/1.1\", host: \"api.example.com\"\n");
    Run r = run("logs", log.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    JsonNode diagnosis = new ObjectMapper().readTree(r.out()).get("diagnosis");
    assertThat(diagnosis.get("likelyFailurePoint").asText()).isEqualTo("3scale");
    assertThat(diagnosis.get("cause").asText()).isEqualTo("credentials-invalid");
    assertThat(r.out()).doesNotContain(SECRET);
  }

  @Test
  void writesTheReportSchemaWithOneResultPerFindingForScripts() throws Exception {
    Path log = dir.resolve("error.log");
    Files.writeString(log, GUIDE_BACKEND_TIMEOUT + now() + NO_RESOLVER);
    Run r = run("logs", log.toString(), "--format", "json", "--zone", "UTC");
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.at("/diagnosis/status").asText()).isEqualTo("FAILING");
    JsonNode old = result(json, "errorlog.gateway-3scale.upstream-timed-out-connecting");
    assertThat(old.get("cause").asText()).isEqualTo("backend-timeout");
    assertThat(old.get("status").asText()).isEqualTo("WARN");
    assertThat(old.at("/evidence/count").asText()).isEqualTo("1");
    assertThat(old.at("/evidence/firstSeen").asText()).isEqualTo("2015-11-20 11:33:51");
    assertThat(old.at("/evidence/example").asText())
        .contains("upstream timed out")
        .doesNotContain(SECRET);
    assertThat(old.get("reproduce").asText()).startsWith("grep -n -F 'upstream timed out' ");
    assertSchemaIds(json);
    JsonNode fresh = result(json, "errorlog.gateway.no-resolver-defined");
    assertThat(fresh.get("status").asText()).isEqualTo("FAIL");
    assertThat(result(json, "errorlog.read").at("/evidence/entries").asText()).isEqualTo("2");
  }

  @Test
  void rendersTheSameResultsInEveryReportFormat() throws Exception {
    Path log = dir.resolve("error.log");
    Files.writeString(log, now() + NO_RESOLVER);
    assertThat(run("logs", log.toString(), "--format", "markdown").out())
        .contains("dns-no-resolver");
    assertThat(run("logs", log.toString(), "--format", "junit").out())
        .contains("<testsuite", "errorlog.gateway.no-resolver-defined");
    Path html = dir.resolve("report.html");
    assertThat(run("logs", log.toString(), "--format", "html", "--output", html.toString()).code())
        .isEqualTo(1);
    assertThat(Files.readString(html)).contains("dns-no-resolver");
  }

  @Test
  void readsSeveralFilesIncludingGzipAndHonoursTheWindow() throws Exception {
    Path live = dir.resolve("error.log");
    Files.writeString(live, "2026/11/27 10:30:00" + NO_RESOLVER);
    Path rotated = dir.resolve("error.log.1.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(rotated))) {
      out.write(("2026/11/26 10:30:00" + NO_RESOLVER).getBytes(StandardCharsets.UTF_8));
    }
    String id = "errorlog.gateway.no-resolver-defined";
    Run all = run("logs", rotated.toString(), live.toString(), "--format", "json", "--zone", "UTC");
    assertThat(result(new ObjectMapper().readTree(all.out()), id).at("/evidence/count").asText())
        .isEqualTo("2");
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
    assertThat(result(json, id).at("/evidence/count").asText()).isEqualTo("1");
    assertThat(result(json, "errorlog.read").at("/evidence/outsideWindow").asText()).isEqualTo("1");
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
    assertThat(out.toString()).contains("backend-timeout", "read 1 file");
  }

  @Test
  void placesUpstreamsByTheConfigurationNotByTheirNames() throws Exception {
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(
        conf,
        """
        http {
          upstream api-3scale-demo { server 10.0.0.7:8080; }
          server {
            location = /auth { internal; proxy_pass http://10.0.0.9:3000/transactions/authorize.xml; }
            location / { auth_request /auth; proxy_pass http://api-3scale-demo; }
          }
        }
        """);
    String refused =
        " [error] 41#41: *3 connect() failed (111: Connection refused) while connecting to"
            + " upstream, client: 127.0.0.1, server: localhost, request: \"GET /a HTTP/1.1\","
            + " upstream: \"http://10.0.0.7:8080/a\", host: \"gw\"\n";
    String lua =
        " [error] 41#41: *4 lua tcp socket connect timed out, when connecting to 10.0.0.9:3000,"
            + " client: 127.0.0.1, server: localhost, request: \"GET /a HTTP/1.1\", host: \"gw\"\n";
    Path log = dir.resolve("error.log");
    Files.writeString(log, now() + refused + now() + lua);
    Run r = run("logs", log.toString(), "--nginx-conf", conf.toString(), "--format", "json");
    JsonNode json = new ObjectMapper().readTree(r.out());
    JsonNode api = result(json, "errorlog.gateway-api.connect-refused");
    assertThat(api.at("/evidence/attributedBy").asText())
        .contains("server of upstream api-3scale-demo", "nginx.conf:2");
    JsonNode backend = result(json, "errorlog.gateway-3scale.lua-socket-connect-timed-out");
    assertThat(backend.get("cause").asText()).isEqualTo("backend-timeout");
    assertThat(backend.at("/evidence/attributedBy").asText())
        .contains("location = /auth, which auth_request calls");
    Run without = run("logs", log.toString(), "--format", "json");
    JsonNode unplaced =
        result(
            new ObjectMapper().readTree(without.out()),
            "errorlog.gateway.lua-socket-connect-timed-out");
    assertThat(unplaced.get("cause").asText()).isEqualTo("upstream-unattributed");
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
    Run format = run("logs", dir.resolve("x.log").toString(), "--format", "yaml");
    assertThat(format.code()).isEqualTo(2);
  }

  @Test
  void judgesAnAccessLogWithAVerdictAndTheExitCodeOfRun() throws Exception {
    String fmt =
        "$remote_addr [$time_local] \"$request\" $status rt=$request_time"
            + " ua=\"$upstream_addr\" us=\"$upstream_status\" urt=\"$upstream_response_time\"";
    StringBuilder failing = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      failing
          .append("10.0.0.1 [")
          .append(accessTime(10 - i))
          .append("] \"GET /orders/")
          .append(1000 + i)
          .append("?user_key=")
          .append(SECRET)
          .append(" HTTP/1.1\" ")
          .append(i < 6 ? 502 : 200)
          .append(" rt=0.")
          .append(i)
          .append("00 ua=\"10.0.0.5:8080\" us=\"")
          .append(i < 6 ? "502" : "200")
          .append("\" urt=\"0.0")
          .append(i)
          .append("0\"\n");
    }
    Path log = dir.resolve("access.log");
    Files.writeString(log, failing);
    Run r = run("logs", "--access", log.toString(), "--log-format", fmt, "--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).doesNotContain(SECRET);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.at("/diagnosis/status").asText()).isEqualTo("FAILING");
    assertSchemaIds(json);
    JsonNode path = group(json, "path", "/orders/{id}");
    assertThat(path.at("/evidence/statusClasses").asText()).isEqualTo("2xx 2 · 5xx 6");
    assertThat(path.at("/evidence/requestTime").asText())
        .isEqualTo("p50 0.300s p95 0.700s p99 0.700s max 0.700s");
    JsonNode upstream = group(json, "upstream", "10.0.0.5:8080");
    assertThat(upstream.get("hop").asText()).isEqualTo("gateway-api");
    assertThat(upstream.at("/evidence/attemptsWithoutAnswer").asText()).isEqualTo("6");
    assertThat(upstream.at("/evidence/responseTime").asText()).startsWith("p50 0.030s");

    Files.writeString(
        log, failing.toString().replace("\" 502 ", "\" 200 ").replace("\"502\"", "\"200\""));
    Run healthy = run("logs", "--access", log.toString(), "--log-format", fmt);
    assertThat(healthy.code()).as(healthy.err()).isZero();
    assertThat(healthy.out()).contains("Diagnosis: HEALTHY");

    Run bad = run("logs", "--access", log.toString(), "--log-format", "$remote_addr");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("no $status");
  }

  @Test
  void anOldBurstOf5xxIsOnlyDegraded() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      lines
          .append("10.0.0.1 - - [27/Nov/2025:10:0")
          .append(i)
          .append(":00 +0000] \"GET /a")
          .append(" HTTP/1.1\" 503 12 \"-\" \"curl\"\n");
    }
    Path log = dir.resolve("access.log");
    Files.writeString(log, lines);
    Run r = run("logs", "--access", log.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Diagnosis: DEGRADED", "older than 1h");
  }

  @Test
  void helpExplainsTheTimeWindowTheThresholdsAndThatItStaysOffline() {
    Run r = run("logs", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "--recent",
            "default 1h",
            "older one is WARN",
            "--dns-lookup",
            "no network call",
            "unattributed",
            "at least 20 %",
            "Exit codes")
        .doesNotContain("%%");
    assertThat(r.err()).as("picocli formats the help without complaint").isEmpty();
    assertThat(run("nginx-conf", "--help").out()).contains("dns-no-resolver", "file");
  }
}
