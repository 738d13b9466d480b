package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LogMessageCatalogTest {

  @Test
  void everyIssueTheCatalogNamesIsAKnownIssue() {
    KnownIssueCatalog issues = KnownIssueCatalog.standard();
    for (String id : LogMessageCatalog.standard().issueIds()) {
      assertThat(issues.contains(id)).as("known issue %s", id).isTrue();
    }
  }

  @Test
  void everyMessageIsRecognisedInARealLineAndNoLineIsMistaken() throws IOException {
    Map<String, List<String>> fixtures = fixtures();
    Set<String> untested = new TreeSet<>();
    for (LogMessage m : LogMessageCatalog.standard().messages()) {
      if (!fixtures.containsKey(m.id())) {
        untested.add(m.id());
      }
    }
    assertThat(untested).as("catalog messages without a fixture line").isEmpty();
    Map<String, LogMessage> byId = new LinkedHashMap<>();
    LogMessageCatalog.standard().messages().forEach(m -> byId.put(m.id(), m));
    for (Map.Entry<String, List<String>> e : fixtures.entrySet()) {
      for (String line : e.getValue()) {
        if (byId.get(e.getKey()).severity() == LogMessage.Severity.BENIGN) {
          assertThat(classify(line)).as(line).isEqualTo(e.getKey());
          ErrorLogReport report = analyze(line);
          assertThat(report.findings()).as(line).isEmpty();
          assertThat(report.stats().benignEntries()).as(line).isEqualTo(1);
          continue;
        }
        ErrorLogReport report = analyze(line);
        assertThat(report.findings()).as(line).hasSize(1);
        assertThat(report.findings().get(0).messageId()).as(line).isEqualTo(e.getKey());
      }
    }
  }

  /** The catalog message a line's text is, by the matcher alone; null when none. */
  private static String classify(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    int m = line.indexOf(": ", line.indexOf(']')) + 2;
    if (b[m] == '*') {
      m = line.indexOf(' ', m) + 1;
    }
    int end = ErrorLogScanner.clientField(b, m, b.length);
    MessageMatcher.Verdict v =
        LogMessageCatalog.standard()
            .matcher()
            .classify(b, m, end < 0 ? b.length : end, new MessageMatcher.FoundKeys());
    return v.message() < 0 ? null : LogMessageCatalog.standard().messages().get(v.message()).id();
  }

  @Test
  void recognisesTheGuidesMessagesWithTheirCauses() {
    assertThat(
            issueOf(
                "2015/11/20 11:33:51 [error] 3578#0: *1 upstream timed out (110: Connection"
                    + " timed out) while connecting to upstream, client:, server: , request: \"GET /a"
                    + " HTTP/1.1\", subrequest: \"/threescale_authrep\", upstream: \"[hits]=1&user_key=K\","
                    + " host: \"localhost\""))
        .isEqualTo("backend-timeout@gateway-3scale");
    assertThat(
            issueOf(
                "2015/11/20 11:33:51 [error] 3578#0: *1 upstream timed out (110: Connection"
                    + " timed out) while connecting to upstream, client: 1.2.3.4, server: api.example.com,"
                    + " request: \"GET /R HTTP/1.1\", upstream: \"http://10.0.0.5:80/R\", host: \"a\""))
        .isEqualTo("upstream-timeout@gateway-api");
    assertThat(
            issueOf(
                "2016/02/04 11:22:25 [error] 8980#0: *1 lua entry thread aborted: runtime"
                    + " error: /x/nginx.lua:66: bad argument #3 to '_newindex' (number expected, got nil)"))
        .isEqualTo("lua-runtime-error@gateway");
    assertThat(
            issueOf(
                "2016/05/09 14:15:15 [alert] 9391#0: send() failed (1: Operation not"
                    + " permitted) while resolving, resolver: 8.8.8.8:53"))
        .as("the guide's line names no host: nothing says whose name was being resolved")
        .isEqualTo("dns-resolver-unreachable@gateway");
    assertThat(
            issueOf(
                "2018/06/04 11:06:15 [warn] 23#23: *495 [lua] find_service.lua:24:"
                    + " find_service(): service not found for host apicast.example.com, client:, server: _,"
                    + " request: \"GET / HTTP/1.1\", host: \"apicast.example.com\""))
        .isEqualTo("service-not-found-for-host@gateway");
    assertThat(
            issueOf(
                "2026/11/27 10:00:16 [error] 41#41: *27 no resolver defined to resolve"
                    + " api.example.com, client: 127.0.0.1, server: localhost, request: \"GET / HTTP/1.1\""))
        .isEqualTo("dns-no-resolver@gateway");
  }

  @Test
  void keysHaveDigitsOnlyWhereTheMemoLooksForThem() {
    // The message memo reuses a verdict for a text that differs only in its digits unless the
    // text holds "(<digit>" or "status: <digit>": a key with digits anywhere else would be
    // matched on the wrong digits.
    for (LogMessage m : LogMessageCatalog.standard().messages()) {
      for (String key : m.match()) {
        String withoutGuarded =
            key.replaceAll("\\(\\d+", "(").replaceAll("status: \\d+", "status: ");
        assertThat(withoutGuarded).as("%s key '%s'", m.id(), key).doesNotContainPattern("\\d");
      }
    }
  }

  @Test
  void rejectsACatalogEntryWithoutACause() {
    String yaml = "- id: x\n  title: t\n  match: [\"a\"]\n  section: \"1\"\n";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                LogMessageCatalog.parse(
                    new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("needs 'issue'");
  }

  private static String issueOf(String line) {
    LogFinding f = analyze(line).findings().get(0);
    return f.issue() + "@" + f.hop().id();
  }

  static ErrorLogReport analyze(String text) {
    Attribution classifier =
        Attribution.builder()
            .backendUrl("https://su1.3scale.net")
            .lookup(
                host -> List.of(java.net.InetAddress.getByAddress(host, new byte[] {10, 1, 1, 1})))
            .build();
    return new ErrorLogAnalyzer(classifier)
        .zone(ZoneOffset.UTC)
        .analyze(
            List.of(
                LogSource.stream(
                    "test",
                    new ByteArrayInputStream((text + "\n").getBytes(StandardCharsets.UTF_8)))));
  }

  static Map<String, List<String>> fixtures() throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (InputStream in =
        LogMessageCatalogTest.class.getResourceAsStream("/fixtures/logs/known-lines.txt")) {
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : all.split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        int tab = line.indexOf('\t');
        out.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>())
            .add(line.substring(tab + 1).replace("\\n", "\n").replace("\\t", "\t"));
      }
    }
    return out;
  }
}
