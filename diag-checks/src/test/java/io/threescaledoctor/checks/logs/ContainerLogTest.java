package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * APIcast's log as engineers get it from OpenShift: with the time {@code oc logs --timestamps} and
 * must-gather put before each line, or as a node's CRI log file. It reads as the bare log does.
 */
class ContainerLogTest {
  private static final String BARE =
      """
      2026/11/27 10:00:00 [error] 23#23: *1 lua entry thread aborted: runtime error: attempt to call a nil value
      stack traceback:
      coroutine 0:
      \t/opt/app-root/src/policies/ip_filter/1.0.0/ip_filter.lua:31: in function 'access'
      \t/opt/app-root/src/src/apicast/policy_chain.lua:212: in function 'access', client: 10.1.1.1, server: _, request: "GET /a HTTP/1.1", host: "api.example.com"
      2026/11/27 10:00:01 [error] 23#23: *2 connect() failed (111: Connection refused) while connecting to upstream, client: 10.1.1.1, server: _, request: "GET /a HTTP/1.1", upstream: "http://10.0.0.5:8080/a", host: "api.example.com"
      2026/11/27 10:00:02 [info] 23#23: *3 client 10.1.1.1 closed keepalive connection
      2026/11/27 10:00:03 [error] 23#23: *4 upstream timed out (110: Connection timed out) while connecting to upstream, client: 10.1.1.1, server: _, request: "GET /a HTTP/1.1", subrequest: "/threescale_authrep", upstream: "https://su1.3scale.net:443/transactions/authrep.xml", host: "api.example.com"
      """;

  @TempDir Path dir;

  private static Attribution attribution() {
    return Attribution.builder()
        .backendUrl("https://su1.3scale.net")
        .apiUrl("http://10.0.0.5:8080")
        .build();
  }

  private static String prefixed(String log, UnaryOperator<String> prefix) {
    return log.lines().map(l -> prefix.apply(l) + l).collect(Collectors.joining("\n", "", "\n"));
  }

  private static ErrorLogReport analyze(String text) {
    return ErrorLogAnalyzerTest.analyze(attribution(), text);
  }

  @Test
  void anErrorLogWithTimestampsReadsAsTheBareOne() {
    ErrorLogReport bare = analyze(BARE);
    ErrorLogReport timestamped = analyze(prefixed(BARE, l -> "2026-11-27T10:00:04.123456789Z "));

    assertThat(bare.findings()).hasSize(3);
    assertThat(timestamped.findings()).isEqualTo(bare.findings());
    assertThat(timestamped.stats())
        .as("all but the bytes, which the prefixes add")
        .usingRecursiveComparison()
        .ignoringFields("bytes")
        .isEqualTo(bare.stats());
    assertThat(timestamped.notes())
        .containsExactly(
            "8 line(s) came wrapped by the container platform (the time oc logs --timestamps and"
                + " must-gather write, a CRI log file's time, stream and tag, or Docker's JSON):"
                + " read as the program wrote them");
    assertThat(bare.notes()).isEmpty();
  }

  @Test
  void aNodesCriLogFileReadsAsTheBareLogToo() {
    ErrorLogReport cri =
        analyze(prefixed(BARE, l -> "2026-11-27T10:00:04.123456789+00:00 stderr F "));

    assertThat(cri.findings()).isEqualTo(analyze(BARE).findings());
    assertThat(cri.stats().continuationLines()).isEqualTo(4);
    assertThat(cri.stats().skippedLines()).isZero();
  }

  /** A line as Docker's json-file driver writes it, with Go's escapes of {@code < > &}. */
  private static String dockerJson(String line) {
    StringBuilder json = new StringBuilder("{\"log\":\"");
    for (char c : (line + "\n").toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\t' -> json.append("\\t");
        case '<', '>', '&' -> json.append(String.format("\\u%04x", (int) c));
        default -> json.append(c);
      }
    }
    return json.append("\",\"stream\":\"stderr\",\"time\":\"2026-11-27T10:00:04.1Z\"}").toString();
  }

  @Test
  void anOpenShift311NodesDockerJsonLogReadsAsTheBareLog() {
    String docker =
        BARE.lines().map(ContainerLogTest::dockerJson).collect(Collectors.joining("\n", "", "\n"));

    ErrorLogReport read = analyze(docker);
    ErrorLogReport bare = analyze(BARE);

    assertThat(read.findings()).isEqualTo(bare.findings());
    assertThat(read.stats())
        .usingRecursiveComparison()
        .ignoringFields("bytes")
        .isEqualTo(bare.stats());
    assertThat(read.notes()).singleElement().asString().startsWith("8 line(s) came wrapped");
  }

  @Test
  void aLargeTimestampedLogIsCutIntoSlicesBetweenEntries() throws Exception {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      log.append(BARE.replace("10:00:0", "10:" + String.format("%02d", i % 60) + ":0"));
    }
    Path file = dir.resolve("apicast.log");
    Files.writeString(file, prefixed(log.toString(), l -> "2026-11-27T10:00:04Z "));

    ErrorLogReport one =
        new ErrorLogAnalyzer(attribution())
            .zone(ZoneOffset.UTC)
            .threads(1)
            .analyze(List.of(LogSource.file(file)));
    ErrorLogReport sliced =
        new ErrorLogAnalyzer(attribution())
            .zone(ZoneOffset.UTC)
            .threads(5)
            .parallelFrom(1)
            .analyze(List.of(LogSource.file(file)));

    assertThat(sliced.findings()).isEqualTo(one.findings());
    assertThat(sliced.stats()).isEqualTo(one.stats());
    assertThat(one.stats().continuationLines())
        .as("no stack trace cut from its entry")
        .isEqualTo(8000);
  }

  @Test
  void slicesOfATimestampedLogBeginWhereAnEntryBegins() throws Exception {
    String log = prefixed(BARE, l -> "2026-11-27T10:00:04Z ");
    Path file = Files.writeString(dir.resolve("apicast.log"), log);
    int second = log.indexOf("2026-11-27T10:00:04Z 2026/11/27 10:00:01");

    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      assertThat(ErrorLogAnalyzer.entryStartAtOrAfter(ch, 1, log.length()))
          .as("past the stack trace of the first entry")
          .isEqualTo(second);
    }
  }

  @Test
  void slicesOfADockerJsonLogBeginWhereAnEntryBegins() throws Exception {
    String log =
        BARE.lines().map(ContainerLogTest::dockerJson).collect(Collectors.joining("\n", "", "\n"));
    Path file = Files.writeString(dir.resolve("docker.log"), log);
    int second = log.indexOf("{\"log\":\"2026/11/27 10:00:01");

    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      assertThat(ErrorLogAnalyzer.entryStartAtOrAfter(ch, 1, log.length())).isEqualTo(second);
    }
  }

  @Test
  void anAccessLogWithTimestampsReadsAsTheBareOne() throws Exception {
    String line =
        "10.1.1.1 - - [27/Nov/2026:10:00:00 +0000] \"GET /a HTTP/1.1\" 503 12 \"-\" \"curl/8\"";
    Path bare = Files.writeString(dir.resolve("bare.log"), (line + "\n").repeat(3));
    Path timestamped =
        Files.writeString(
            dir.resolve("timestamped.log"),
            "2026-11-27T10:00:00.5Z "
                + line
                + "\n2026-11-27T10:00:00.5Z stdout F "
                + line
                + "\n"
                + dockerJson(line)
                + "\n");

    AccessLogReport expected =
        new AccessLogAnalyzer(AccessLogFormat.combined()).analyze(List.of(LogSource.file(bare)));
    AccessLogReport read =
        new AccessLogAnalyzer(AccessLogFormat.combined())
            .analyze(List.of(LogSource.file(timestamped)));

    assertThat(read.requests()).isEqualTo(3).isEqualTo(expected.requests());
    assertThat(read.unparsed()).isZero();
    assertThat(read.byStatus()).isEqualTo(expected.byStatus());
    assertThat(read.notes()).singleElement().asString().startsWith("3 line(s) came wrapped");
  }
}
