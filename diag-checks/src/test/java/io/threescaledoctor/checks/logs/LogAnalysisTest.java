package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public entry point: sources in, check results out, judged by this package. */
class LogAnalysisTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-27T10:30:00Z"), ZoneOffset.UTC);

  private static List<CheckResult> errorLog(String text) {
    return LogAnalysis.of(Profile.empty()).clock(NOW).errorLogs(List.of(source(text)));
  }

  private static LogSource source(String text) {
    return LogSource.stream(
        "pod/apicast", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void givesWhatWasReadThenOneResultPerFindingTheCauseFirst() {
    List<CheckResult> r =
        errorLog(
            "2026/11/27 10:20:00 [info] 1#1: *1 [lua] errors.lua:17: authorization_failed():"
                + " authorization failed for service 2, client: 1.1.1.1\n"
                + "2026/11/27 10:20:00 [info] 1#1: *1 [lua] backend_client.lua:133:"
                + " call_backend_transaction(): backend client uri: https://b:443/transactions/"
                + "authrep.xml?user_key=K ok: true status: 409 body: <status><authorized>false"
                + "</authorized><reason>usage limits are exceeded</reason></status> error: nil,"
                + " client: 1.1.1.1\n"
                + "2026/11/27 10:21:00 [info] 1#1: *9 client 1.1.1.1 closed keepalive connection\n");
    assertThat(r.get(0).id()).isEqualTo("errorlog.read");
    assertThat(r.get(0).evidence())
        .containsEntry("entries", "3")
        .containsEntry("benignEntries", "1");
    assertThat(r.get(1).cause()).contains("limits-exceeded");
    assertThat(r.get(1).hop()).isEqualTo(Hop.THREESCALE);
    assertThat(r.get(1).status()).isEqualTo(Status.FAIL);
    assertThat(r.get(1).evidence()).containsEntry("answers", "409 \"usage limits are exceeded\"");
    assertThat(r.get(2).cause())
        .as("the consequence comes after its cause")
        .contains("authorization-failed");
  }

  @Test
  void aFailureOlderThanTheRecentPeriodOnlyWarns() {
    String refused =
        " [error] 1#1: *1 connect() failed (111: Connection refused) while connecting to upstream,"
            + " client: 1.1.1.1, server: _, request: \"GET / HTTP/1.1\", upstream:"
            + " \"http://10.0.0.5:80/\", host: \"g\"\n";
    assertThat(errorLog("2026/11/27 10:00:00" + refused).get(1).status()).isEqualTo(Status.FAIL);
    CheckResult old = errorLog("2026/11/27 09:00:00" + refused).get(1);
    assertThat(old.status()).isEqualTo(Status.WARN);
    assertThat(old.summary()).endsWith("(older than 1h)");
  }

  private static List<CheckResult> access(String lines) {
    AccessLogFormat f =
        AccessLogFormat.of(
            "[$time_iso8601] \"$request\" $status $request_time $upstream_addr $upstream_status"
                + " $upstream_response_time");
    return LogAnalysis.of(Profile.empty()).clock(NOW).accessLogs(List.of(source(lines)), f);
  }

  private static String request(String path, int status, String time, String upstream, String us) {
    return "[2026-11-27T10:25:00+00:00] \"GET "
        + path
        + " HTTP/1.1\" "
        + status
        + " "
        + time
        + " "
        + upstream
        + " "
        + us
        + " "
        + time
        + "\n";
  }

  private static CheckResult result(List<CheckResult> results, String id) {
    return results.stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in " + results));
  }

  /** The result for one path or upstream: {@code accesslog.path.N}, the path in evidence. */
  private static CheckResult group(List<CheckResult> results, String kind, String key) {
    return results.stream()
        .filter(
            r -> r.id().startsWith("accesslog." + kind + ".") && key.equals(r.evidence().get(kind)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(kind + " " + key + " not in " + results));
  }

  @Test
  void judgesAccessLogsByTheDocumentedThresholds() {
    StringBuilder failing = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      failing.append(
          request("/a/" + i, i < 4 ? 500 : 200, "0.010", "10.0.0.5:80", i < 4 ? "500" : "200"));
    }
    // 4 of 20 = 20 %, but fewer than 5: only a warning (5 % or more)
    assertThat(result(access(failing.toString()), "accesslog.gateway").status())
        .isEqualTo(Status.WARN);
    failing.append(request("/a/99", 500, "0.010", "10.0.0.5:80", "500"));
    List<CheckResult> r = access(failing.toString());
    CheckResult all = result(r, "accesslog.gateway");
    assertThat(all.status()).as("5 of 21: FAIL").isEqualTo(Status.FAIL);
    assertThat(all.cause()).contains("gateway-error-responses");
    CheckResult upstream = group(r, "upstream", "10.0.0.5:80");
    assertThat(upstream.cause()).as("the API answered the 5xx itself").contains("api-error-status");
    assertThat(upstream.hop()).isEqualTo(Hop.API);
    assertThat(group(r, "path", "/a/{id}").evidence())
        .containsEntry("statusClasses", "2xx 16 · 5xx 5");
  }

  @Test
  void warnsAboutCredentialsNoMappingRuleLimitsAndSlowAnswers() {
    StringBuilder refused = new StringBuilder();
    StringBuilder slow = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      refused.append(request("/b", i < 5 ? 403 : 200, "0.001", "-", "-"));
      slow.append(request("/slow", 200, i < 9 ? "6.500" : "0.100", "10.0.0.5:80", "200"));
    }
    assertThat(result(access(refused.toString()), "accesslog.gateway").cause())
        .contains("credentials-invalid");
    assertThat(result(access(request("/c", 429, "0.001", "-", "-")), "accesslog.gateway").cause())
        .contains("limits-exceeded");
    List<CheckResult> r = access(slow.toString());
    assertThat(result(r, "accesslog.gateway").cause()).contains("gateway-slow-responses");
    assertThat(group(r, "upstream", "10.0.0.5:80").hop())
        .as("the API itself is slow")
        .isEqualTo(Hop.API);
  }

  @Test
  void anUpstreamThatGivesNoAnswerIsThePathToIt() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      lines.append(request("/d", 502, "0.001", "10.0.0.6:80", "502"));
    }
    CheckResult u = group(access(lines.toString()), "upstream", "10.0.0.6:80");
    assertThat(u.status()).isEqualTo(Status.FAIL);
    assertThat(u.hop()).isEqualTo(Hop.GATEWAY_API);
    assertThat(u.evidence()).containsEntry("attemptsWithoutAnswer", "10");
  }
}
