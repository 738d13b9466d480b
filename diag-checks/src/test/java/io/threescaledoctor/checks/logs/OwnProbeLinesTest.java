package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lines the doctor's own probes leave in the gateway's logs are counted apart, never findings:
 * a healthy gateway that answers the doctor's invalid credentials, keyless calls and ActiveDocs
 * calls as it should is not a failing gateway.
 */
class OwnProbeLinesTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-27T10:30:00Z"), ZoneOffset.UTC);

  /** What real nginx logs when 3scale answers an auth subrequest with 404 (an empty user key). */
  private static String authStatus404(String time, String requestTarget) {
    return "2026/11/27 "
        + time
        + " [error] 41#41: *7 auth request unexpected status: 404 while sending to client,"
        + " client: 127.0.0.1, server: localhost, request: \"GET "
        + requestTarget
        + " HTTP/1.1\", host: \"127.0.0.1:8080\"\n";
  }

  private static List<CheckResult> errorLog(String text) {
    return LogAnalysis.of(Profile.empty()).clock(NOW).errorLogs(List.of(source(text)));
  }

  private static LogSource source(String text) {
    return LogSource.stream("error.log", new ByteArrayInputStream(text.getBytes(UTF8)));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  @Test
  void linesOfMarkedRequestsAreSetAsideAndCounted() {
    List<CheckResult> r =
        errorLog(
            authStatus404("10:20:00", "/hello?3scale-doctor-probe=reachability")
                + authStatus404("10:20:01", "/hello?user_key=3scale-doctor-invalid-credential")
                + authStatus404("10:20:02", "/v1/orders/7?3scale-doctor-probe=activedocs"));

    assertThat(r).as("only what was read: no finding").hasSize(1);
    CheckResult read = r.get(0);
    assertThat(read.status()).isEqualTo(Status.PASS);
    assertThat(read.summary()).endsWith("; 3 lines from the doctor's own probes set aside");
    assertThat(read.evidence())
        .containsEntry("entries", "3")
        .containsEntry("ownProbeLines", "3 lines from the doctor's own probes")
        .doesNotContainKey("problemsPerMinute")
        .doesNotContainKey("unrecognisedErrorLines");
  }

  @Test
  void theSameLineFromAClientIsStillAFinding() {
    List<CheckResult> r =
        errorLog(
            authStatus404("10:20:00", "/hello?3scale-doctor-probe=reachability")
                + authStatus404("10:20:05", "/hello?user_key=client-key"));

    assertThat(r).hasSize(2);
    assertThat(r.get(0).evidence())
        .containsEntry("ownProbeLines", "1 line from the doctor's own probes");
    assertThat(r.get(1).status()).isEqualTo(Status.FAIL);
    assertThat(r.get(1).evidence()).containsEntry("count", "1");
  }

  @Test
  void theMarkCountsOnlyInTheRequestNotElsewhereInTheLine() {
    String markedHost =
        "2026/11/27 10:20:00 [error] 41#41: *7 auth request unexpected status: 404 while sending"
            + " to client, client: 127.0.0.1, server: localhost, request: \"GET /hello"
            + " HTTP/1.1\", host: \"3scale-doctor-lab.example.com\"\n";

    List<CheckResult> r = errorLog(markedHost);

    assertThat(r).hasSize(2);
    assertThat(r.get(0).evidence()).doesNotContainKey("ownProbeLines");
  }

  @Test
  void anUnrecognisedErrorOfAMarkedRequestIsNotAnUnrecognisedLine() {
    List<CheckResult> r =
        errorLog(
            "2026/11/27 10:20:00 [error] 41#41: *7 something nobody has seen before, client:"
                + " 127.0.0.1, server: localhost, request: \"GET"
                + " /hello?3scale-doctor-probe=reachability HTTP/1.1\", host: \"gw\"\n");

    assertThat(r.get(0).evidence())
        .doesNotContainKey("unrecognisedErrorLines")
        .containsEntry("ownProbeLines", "1 line from the doctor's own probes");
  }

  @Test
  void aLuaErrorWhoseRequestFieldsFollowItsStackTraceIsReadWhole() {
    String luaError =
        "2026/11/27 10:20:00 [error] 23#23: *1611 lua entry thread aborted: runtime error:"
            + " attempt to call a nil value\n"
            + "stack traceback:\n"
            + "coroutine 0:\n"
            + "\t/opt/app-root/src/src/apicast/policy_chain.lua:212: in function 'access',"
            + " client: 127.0.0.1, server: _, request: \"GET"
            + " /?user_key=3scale-doctor-invalid-credential HTTP/1.1\", host: \"localhost\"\n";

    List<CheckResult> r = errorLog(luaError + authStatus404("10:21:00", "/ok?user_key=k"));

    assertThat(r).as("the auth line is the only finding").hasSize(2);
    assertThat(r.get(1).evidence()).containsEntry("count", "1");
    assertThat(r.get(0).evidence())
        .containsEntry("ownProbeLines", "1 line from the doctor's own probes")
        .containsEntry("problemsPerMinute", r.get(0).evidence().get("problemsPerMinute"));
    assertThat(r.get(0).evidence().get("problemsPerMinute")).contains("max 1");
  }

  private static final AccessLogFormat COMBINED = AccessLogFormat.combined();

  private static String combined(String time, String target, int status, String userAgent) {
    return "127.0.0.1 - - [27/Nov/2026:"
        + time
        + " +0000] \"GET "
        + target
        + " HTTP/1.1\" "
        + status
        + " 12 \"-\" \""
        + userAgent
        + "\"\n";
  }

  private static List<CheckResult> accessLog(String text) {
    return LogAnalysis.of(Profile.empty()).clock(NOW).accessLogs(List.of(source(text)), COMBINED);
  }

  @Test
  void theDoctorsRequestsInTheAccessLogAreNotTheClientsTraffic() {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      log.append(combined("10:20:0" + i, "/hello?user_key=k", 500, "3scale-doctor"));
    }
    log.append(combined("10:20:10", "/hello?3scale-doctor-probe=reachability", 500, "curl/8.5"));
    log.append(combined("10:20:11", "/hello?user_key=k", 200, "okhttp/4.12"));

    List<CheckResult> r = accessLog(log.toString());

    CheckResult read = r.get(0);
    assertThat(read.evidence())
        .containsEntry("requests", "1")
        .containsEntry("statusClasses", "2xx 1")
        .containsEntry("ownProbeLines", "7 lines from the doctor's own probes");
    assertThat(read.summary()).endsWith("; 7 lines from the doctor's own probes set aside");
    assertThat(r).allMatch(c -> c.status() == Status.PASS, "every judgement passes");
  }
}
