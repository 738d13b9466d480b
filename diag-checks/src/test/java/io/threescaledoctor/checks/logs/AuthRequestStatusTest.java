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

/**
 * nginx's "auth request unexpected status: NNN": a 4xx is 3scale's refusal, passed on as 500, and
 * belongs to 3scale; a 5xx is a failure on the way to 3scale.
 */
class AuthRequestStatusTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-11-27T10:30:00Z"), ZoneOffset.UTC);

  private static String line(String time, int status) {
    return "2026/11/27 "
        + time
        + " [error] 41#41: *7 auth request unexpected status: "
        + status
        + " while sending to client, client: 127.0.0.1, server: localhost, request: \"GET"
        + " /hello?user_key=k HTTP/1.1\", host: \"127.0.0.1:8080\"\n";
  }

  private static List<CheckResult> errorLog(String text) {
    return LogAnalysis.of(Profile.empty())
        .clock(NOW)
        .errorLogs(
            List.of(
                LogSource.stream(
                    "error.log", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void a409Or404IsThreescalesRefusalAt3scale() {
    List<CheckResult> r =
        errorLog(line("10:20:00", 409) + line("10:20:01", 409) + line("10:20:02", 404));

    assertThat(r).hasSize(2);
    CheckResult refused = r.get(1);
    assertThat(refused.status()).isEqualTo(Status.FAIL);
    assertThat(refused.hop()).isEqualTo(Hop.THREESCALE);
    assertThat(refused.cause()).contains("auth-request-refused-by-3scale");
    assertThat(refused.evidence()).containsEntry("count", "3");
    assertThat(refused.evidence().get("statuses")).contains("409").contains("404");
    assertThat(refused.reference()).contains("4.3.5");
  }

  @Test
  void a502IsStillAFailureOnTheWayTo3scale() {
    List<CheckResult> r = errorLog(line("10:20:00", 502));

    assertThat(r.get(1).hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(r.get(1).cause()).contains("auth-request-unexpected-status");
  }
}
