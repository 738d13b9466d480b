package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Hop;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorLogAnalyzerTest {
  private static final String API_REFUSED =
      "2026/11/27 10:%02d:%02d [error] 41#41: *13 connect()"
          + " failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1,"
          + " server: localhost, request: \"GET /hello HTTP/1.1\", upstream:"
          + " \"http://10.0.0.5:8080/hello\", host: \"gw\"";
  private static final String BACKEND_TIMEOUT =
      "2026/11/27 11:%02d:%02d [error] 41#41: *14"
          + " upstream timed out (110: Connection timed out) while connecting to upstream, client:"
          + " 127.0.0.1, server: localhost, request: \"GET /hello?user_key=abc HTTP/1.1\","
          + " subrequest: \"/threescale_authrep\", upstream: \"https://%s:443/transactions/"
          + "authrep.xml?user_key=abc\", host: \"gw\"";

  @TempDir Path dir;

  private static Attribution classifier(String... backendAddresses) {
    return Attribution.builder()
        .backendUrl("https://su1.3scale.net")
        .apiUrl("http://10.0.0.5:8080")
        .lookup(
            host -> {
              List<InetAddress> out = new java.util.ArrayList<>();
              for (String a : backendAddresses) {
                out.add(InetAddress.getByName(a));
              }
              return out;
            })
        .build();
  }

  /** The report on {@code text} read as a log in UTC; other tests of the package use it too. */
  static ErrorLogReport analyze(Attribution c, String text) {
    return new ErrorLogAnalyzer(c)
        .zone(ZoneOffset.UTC)
        .analyze(
            List.of(
                LogSource.stream(
                    "t", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void countsEachCauseWithFirstAndLastSeenAndTheFirstLineAsExample() {
    String log =
        String.format(API_REFUSED, 1, 5)
            + "\n"
            + String.format(API_REFUSED, 3, 0)
            + "\n"
            + String.format(API_REFUSED, 2, 30)
            + "\n";
    ErrorLogReport r = analyze(classifier("10.1.1.1"), log);
    assertThat(r.findings()).hasSize(1);
    LogFinding f = r.findings().get(0);
    assertThat(f.issue()).isEqualTo("upstream-connect-refused");
    assertThat(f.hop()).isEqualTo(Hop.GATEWAY_API);
    assertThat(f.target()).isEqualTo(Target.API);
    assertThat(f.count()).isEqualTo(3);
    assertThat(f.firstSeen()).isEqualTo(Instant.parse("2026-11-27T10:01:05Z"));
    assertThat(f.lastSeen()).isEqualTo(Instant.parse("2026-11-27T10:03:00Z"));
    assertThat(f.subjects()).containsExactly("10.0.0.5:8080");
    assertThat(f.example()).isEqualTo(String.format(API_REFUSED, 1, 5));
  }

  @Test
  void attributesAnUpstreamAtTheBackendsAddressTo3scaleWithoutASubrequest() {
    String line =
        "2026/11/27 10:00:00 [error] 41#41: *1 connect() failed (111: Connection"
            + " refused) while connecting to upstream, client: 127.0.0.1, server: s, request: \"GET /"
            + " HTTP/1.1\", upstream: \"https://10.1.1.1:443/transactions/authorize.xml\", host: \"g\"";
    LogFinding f = analyze(classifier("10.1.1.1"), line + "\n").findings().get(0);
    assertThat(f.issue()).isEqualTo("backend-unreachable");
    assertThat(f.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
  }

  @Test
  void countsTheHostOfEachRepeatedMessageEvenWhenMessagesDifferOnlyInTheMiddle() {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 700; i++) {
      log.append(
          String.format(
              "2026/11/27 10:00:%02d [warn] 7#7: *%d [lua] find_service.lua:24: find_service():"
                  + " service not found for host apicast%d.example.com, client: 10.0.0.%d,"
                  + " server: _, request: \"GET / HTTP/1.1\", host: \"apicast%d.example.com\"\n",
              i % 60, i, i % 7, i % 250, i % 7));
    }
    ErrorLogReport r = analyze(classifier(), log.toString());
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).count()).isEqualTo(700);
    assertThat(r.findings().get(0).subjects())
        .containsExactly(
            "apicast0.example.com",
            "apicast1.example.com",
            "apicast2.example.com",
            "apicast3.example.com",
            "apicast4.example.com",
            "(+2 more)");
  }

  @Test
  void findsTheUpstreamWhenTheRequestLineHoldsAQuote() {
    String line =
        "2026/11/27 10:00:00 [error] 41#41: *1 connect() failed (111: Connection refused) while"
            + " connecting to upstream, client: 127.0.0.1, server: s, request: \"GET /a\"b, c"
            + " HTTP/1.1\", subrequest: \"/threescale_authrep\", upstream:"
            + " \"https://10.1.1.1:443/transactions/authrep.xml\", host: \"g\"";
    LogFinding f = analyze(classifier("10.1.1.1"), line + "\n").findings().get(0);
    assertThat(f.issue()).isEqualTo("backend-unreachable");
    assertThat(f.subjects()).containsExactly("10.1.1.1:443");
  }

  @Test
  void reportsAStale3scaleAddressWhenTheBackendNoLongerResolvesToIt() {
    String log =
        String.format(BACKEND_TIMEOUT, 0, 1, "10.9.9.9")
            + "\n"
            + String.format(BACKEND_TIMEOUT, 0, 2, "10.9.9.9")
            + "\n";
    ErrorLogReport r = analyze(classifier("10.1.1.1", "10.1.1.2"), log);
    assertThat(r.findings())
        .extracting(LogFinding::issue)
        .containsExactlyInAnyOrder("backend-timeout", "dns-stale-address");
    LogFinding stale =
        r.findings().stream()
            .filter(f -> f.issue().equals("dns-stale-address"))
            .findFirst()
            .orElseThrow();
    assertThat(stale.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(stale.subjects()).containsExactly("10.9.9.9");
    assertThat(stale.count()).isEqualTo(2);
    assertThat(stale.title()).contains("10.1.1.1, 10.1.1.2");
  }

  @Test
  void saysNothingStaleWhenTheAddressIsCurrent() {
    ErrorLogReport r =
        analyze(classifier("10.9.9.9"), String.format(BACKEND_TIMEOUT, 0, 1, "10.9.9.9") + "\n");
    assertThat(r.findings()).extracting(LogFinding::issue).containsExactly("backend-timeout");
  }

  @Test
  void countsOnlyEntriesInsideTheWindowAndSaysHowManyWereLeftOut() {
    String log =
        String.format(API_REFUSED, 1, 0)
            + "\n"
            + String.format(API_REFUSED, 5, 0)
            + "\n"
            + String.format(API_REFUSED, 9, 0)
            + "\n";
    ErrorLogReport r =
        new ErrorLogAnalyzer(classifier())
            .zone(ZoneOffset.UTC)
            .window(Instant.parse("2026-11-27T10:02:00Z"), Instant.parse("2026-11-27T10:06:00Z"))
            .analyze(
                List.of(
                    LogSource.stream(
                        "t", new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)))));
    assertThat(r.findings().get(0).count()).isEqualTo(1);
    assertThat(r.stats().outsideWindow()).isEqualTo(2);
    assertThat(r.notes()).anyMatch(n -> n.contains("2 entries outside the time window"));
  }

  @Test
  void keepsAPerMinuteHistogramOfProblems() {
    String log =
        String.format(API_REFUSED, 1, 0)
            + "\n"
            + String.format(API_REFUSED, 1, 59)
            + "\n"
            + String.format(API_REFUSED, 4, 0)
            + "\n"
            + "2026/11/27 10:04:10 [error] 1#1: *9 something nobody has seen before\n"
            + "2026/11/27 10:04:11 [notice] 1#1: signal process started\n";
    ErrorLogReport r = analyze(classifier(), log);
    assertThat(r.perMinute())
        .containsEntry(Instant.parse("2026-11-27T10:01:00Z"), 2)
        .containsEntry(Instant.parse("2026-11-27T10:04:00Z"), 2)
        .hasSize(2);
    assertThat(r.unknownErrors()).isEqualTo(1);
    assertThat(r.unknownExamples()).singleElement().asString().contains("nobody has seen");
  }

  @Test
  void readsPlainAndRotatedGzipFilesTogether(@TempDir Path tmp) throws Exception {
    Path live = tmp.resolve("error.log");
    Files.writeString(live, String.format(API_REFUSED, 10, 0) + "\n");
    Path rotated = tmp.resolve("error.log.2.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(rotated))) {
      out.write((String.format(API_REFUSED, 1, 0) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    ErrorLogReport r =
        new ErrorLogAnalyzer(classifier())
            .zone(ZoneOffset.UTC)
            .analyze(List.of(LogSource.file(live), LogSource.file(rotated)));
    LogFinding f = r.findings().get(0);
    assertThat(f.count()).isEqualTo(2);
    assertThat(f.firstSeen()).isEqualTo(Instant.parse("2026-11-27T10:01:00Z"));
    assertThat(f.example()).contains("10:01:00");
    assertThat(r.stats().files()).isEqualTo(2);
  }

  @Test
  void treatsLuaTracebackLinesAsPartOfTheirEntry() {
    String log =
        """
        2016/02/04 11:22:25 [error] 8980#0: *1 lua entry thread aborted: runtime error: /home/pili/NGINX/troubleshooting/nginx.lua:66: bad argument #3 to '_newindex' (number expected, got nil)
        stack traceback:
        coroutine 0:
          [C]: in function '_newindex'
          /home/pili/NGINX/troubleshooting/nginx.lua:66: in function 'error_authorization_failed'
          /home/pili/NGINX/troubleshooting/nginx.lua:392: in function  while sending to client, client:, server: api-2445581381726.staging.apicast.io, request: "GET / HTTP/1.1", host: "localhost"
        """;
    ErrorLogReport r = analyze(classifier(), log);
    assertThat(r.findings()).extracting(LogFinding::issue).containsExactly("lua-runtime-error");
    assertThat(r.stats().continuationLines()).isEqualTo(5);
    assertThat(r.stats().skippedLines()).isZero();
  }

  @Test
  void placesAMultiLineEntryByItsWholeTextAndKeepsTheStackTraceInTheExample() {
    String log =
        """
        2026/11/27 10:00:00 [error] 23#23: *1 lua entry thread aborted: runtime error: attempt to call a nil value
        stack traceback:
        coroutine 0:
        	/opt/app-root/src/policies/ip_filter/1.0.0/ip_filter.lua:31: in function 'access'
        [27/Nov/2026:10:00:00 +0000] api.example.com:8080 10.1.1.1:5000 "GET /a HTTP/1.1" 500 0 (0.001) 0
        	/opt/app-root/src/src/apicast/policy_chain.lua:212: in function 'access', client: 10.1.1.1, server: _, request: "GET /a HTTP/1.1", host: "api.example.com"
        2026/11/27 10:00:01 [error] 23#23: *2 lua entry thread aborted: runtime error: /opt/app-root/src/src/apicast/proxy.lua:10: boom
        stack traceback:
        	/opt/app-root/src/src/apicast/proxy.lua:10: in function 'access'
        """;
    ErrorLogReport r = analyze(classifier(), log);
    assertThat(r.findings())
        .extracting(LogFinding::messageId)
        .containsExactlyInAnyOrder("lua-error-in-custom-policy", "lua-entry-thread-aborted");
    LogFinding policy =
        r.findings().stream()
            .filter(f -> f.messageId().equals("lua-error-in-custom-policy"))
            .findFirst()
            .orElseThrow();
    assertThat(policy.issue()).isEqualTo("policy-error");
    assertThat(policy.count()).isEqualTo(1);
    assertThat(policy.example())
        .contains("ip_filter.lua:31", "policy_chain.lua:212")
        .as("the access-log line pod logs interleave is not part of the entry")
        .doesNotContain("\"GET /a HTTP/1.1\" 500");
    assertThat(r.stats().continuationLines()).isEqualTo(6);
    assertThat(r.unknownErrors()).isZero();
  }

  @Test
  void anUnknownErrorWhoseStackTraceNamesAKnownCauseCountsOnce() {
    String log =
        """
        2026/11/27 10:00:00 [error] 23#23: *1 something went wrong
        stack traceback:
        	/opt/app-root/src/src/apicast/configuration_loader.lua:230: in function 'lazy_load_config'
        """
            .replace("something went wrong", "lua entry thread aborted: runtime error: x");
    ErrorLogReport known = analyze(classifier(), log);
    assertThat(known.findings())
        .singleElement()
        .extracting(LogFinding::issue)
        .isEqualTo("configuration-load-failed");
    assertThat(known.unknownErrors()).isZero();
    assertThat(known.perMinute().values()).containsExactly(1);
  }

  @Test
  void namesTheHostOfAResolverMessageAndPlacesItByWhatTellsItsHop() {
    LogFinding f =
        analyze(
                classifier(),
                "2026/11/27 10:00:18 [error] 41#41: *29 su1.3scale.net"
                    + " could not be resolved (3: Host not found), client: 127.0.0.1, server: l, request:"
                    + " \"GET / HTTP/1.1\", host: \"g\"\n")
            .findings()
            .get(0);
    assertThat(f.issue()).isEqualTo("dns-nxdomain");
    assertThat(f.hop()).as("the profile's backend").isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(f.subjects()).containsExactly("su1.3scale.net");
    String apiLine =
        "2026/11/27 10:00:18 [error] 41#41: *29"
            + " api.example.com could not be resolved (3: Host not found), client: 127.0.0.1\n";
    LogFinding unplaced = analyze(classifier(), apiLine).findings().get(0);
    assertThat(unplaced.hop()).as("a name nothing places").isEqualTo(Hop.GATEWAY);
    assertThat(unplaced.target()).isEqualTo(Target.UNATTRIBUTED);
    LogFinding api =
        analyze(Attribution.builder().apiUrl("http://api.example.com:8080").build(), apiLine)
            .findings()
            .get(0);
    assertThat(api.hop()).isEqualTo(Hop.GATEWAY_API);
    assertThat(api.attributedBy()).containsExactly("api.url is api.example.com:8080");
  }

  @Test
  void countsTheSameWhenALargeFileIsReadInParallelSlices(@TempDir Path tmp) throws Exception {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      log.append(String.format(API_REFUSED, i % 60, i % 60)).append('\n');
      log.append(String.format(BACKEND_TIMEOUT, i % 60, i % 60, "10.9.9." + (i % 3))).append('\n');
      if (i % 100 == 0) {
        log.append(
            "2026/11/27 10:00:00 [error] 1#1: *1 lua entry thread aborted: runtime error:"
                + " x.lua:1: boom\nstack traceback:\n  x.lua:1: in function 'f'\n");
        log.append(
            "2026/11/27 10:00:00 [error] 1#1: *1 lua entry thread aborted: runtime error:"
                + " boom\nstack traceback:\n  /opt/policies/p/1/p.lua:1: in function 'f'\n");
      }
      if (i % 7 == 0) {
        log.append("2026/11/27 10:00:00 [error] 1#1: *1 unknown thing ").append(i).append('\n');
      }
    }
    Path f = tmp.resolve("big.log");
    Files.writeString(f, log);
    ErrorLogReport one =
        new ErrorLogAnalyzer(classifier("10.9.9.0"))
            .zone(ZoneOffset.UTC)
            .threads(1)
            .analyze(List.of(LogSource.file(f)));
    for (int threads : new int[] {2, 3, 7}) {
      ErrorLogReport sliced =
          new ErrorLogAnalyzer(classifier("10.9.9.0"))
              .zone(ZoneOffset.UTC)
              .threads(threads)
              .parallelFrom(1)
              .analyze(List.of(LogSource.file(f)));
      assertThat(sliced.findings()).as("%d threads", threads).isEqualTo(one.findings());
      assertThat(sliced.stats()).isEqualTo(one.stats());
      assertThat(sliced.perMinute()).isEqualTo(one.perMinute());
      assertThat(sliced.unknownErrors()).isEqualTo(one.unknownErrors());
    }
    assertThat(one.stats().continuationLines()).isEqualTo(120);
    assertThat(one.findings())
        .filteredOn(finding -> finding.issue().equals("policy-error"))
        .singleElement()
        .extracting(LogFinding::count)
        .isEqualTo(30L);
  }

  @Test
  void stopsReadingWhenTheRunIsCancelledAndSaysSo() {
    ErrorLogReport r =
        new ErrorLogAnalyzer(classifier())
            .zone(ZoneOffset.UTC)
            .cancelledWhen(() -> true)
            .analyze(
                List.of(
                    LogSource.stream(
                        "t",
                        new ByteArrayInputStream(
                            (String.format(API_REFUSED, 1, 0) + "\n")
                                .getBytes(StandardCharsets.UTF_8)))));
    assertThat(r.findings()).isEmpty();
    assertThat(r.notes()).anyMatch(n -> n.startsWith("cancelled"));
  }
}
