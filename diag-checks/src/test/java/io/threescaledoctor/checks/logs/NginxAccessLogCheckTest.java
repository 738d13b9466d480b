package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxAccessLogCheckTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  @TempDir Path dir;

  /** The guide's own access-log line (4.1.3), with a recent time. */
  private static String combined(String time, int status) {
    return "127.0.0.1 - - ["
        + time
        + " +0000] \"GET /orders?user_key=SENTINELsecret99 HTTP/1.1\" "
        + status
        + " 199 \"-\" \"curl/7.22.0 (x86_64-pc-linux-gnu)\"\n";
  }

  private CheckResult run(String log, String conf) throws Exception {
    Path file = dir.resolve("access.log");
    Files.writeString(file, log);
    Map<String, String> keys = new HashMap<>();
    keys.put("gateway.accessLog", file.toString());
    keys.put("credentials.userKey", "SENTINELsecret99");
    if (conf != null) {
      Path c = dir.resolve("nginx.conf");
      Files.writeString(c, conf.replace("ACCESS", file.toString()));
      keys.put("gateway.nginxConf", c.toString());
    }
    return new NginxAccessLogCheck().run(FakeCheckContext.of(keys, NOW));
  }

  @Test
  void failsOnAHighShareOf5xxInTheLastHour() throws Exception {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      log.append(combined("27/Nov/2026:11:5" + i + ":00", 502));
    }
    for (int i = 0; i < 4; i++) {
      log.append(combined("27/Nov/2026:11:5" + i + ":30", 200));
    }
    log.append(combined("20/Nov/2026:11:00:00", 200));
    CheckResult r = run(log.toString(), null);
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("gateway-error-responses");
    assertThat(r.summary()).contains("60.0% of 10 requests");
    assertThat(r.evidence()).containsEntry("statusLastHour", "200=4, 502=6");
    assertThat(r.tested()).isEqualTo(Tested.LOGS);
    assertThat(r.toString() + r.evidence()).doesNotContain("SENTINELsecret99");
  }

  @Test
  void warnsAboutRefusedCredentialsAndLimits() throws Exception {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      log.append(combined("27/Nov/2026:11:30:0" + i, 403));
    }
    assertThat(run(log.toString(), null).cause()).contains("credentials-invalid");
    assertThat(
            run(combined("27/Nov/2026:11:30:00", 429) + combined("27/Nov/2026:11:30:01", 200), null)
                .cause())
        .contains("limits-exceeded");
  }

  @Test
  void readsACustomLogFormatFromTheConfigurationAndGivesTheRequestTimes() throws Exception {
    String conf =
        """
        http {
          log_format timed '$remote_addr [$time_iso8601] "$request" $status '
                           '$body_bytes_sent rt=$request_time';
          server { access_log ACCESS timed; }
        }
        """;
    String log =
        "10.0.0.1 [2026-11-27T11:59:00+00:00] \"GET /slow?x=1 HTTP/1.1\" 200 5 rt=2.500\n"
            + "10.0.0.1 [2026-11-27T11:59:01+00:00] \"GET /fast HTTP/1.1\" 200 5 rt=0.010\n"
            + "10.0.0.1 [2026-11-27T11:59:02+00:00] \"GET /slow HTTP/1.1\" 200 5 rt=1.500\n";
    CheckResult r = run(log, conf);
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence()).containsEntry("requestsLastHour", "3");
    assertThat(r.evidence().get("requestTime"))
        .isEqualTo("p50 1.500s p95 2.500s p99 2.500s max 2.500s");
  }

  @Test
  void keepsCountingPastLinesOfAnotherShapeAndSaysSo() throws Exception {
    CheckResult r = run("garbage line\n" + combined("27/Nov/2026:11:59:00", 200), null);
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence().get("notes")).contains("1 line(s) do not have the log format");
  }

  @Test
  void parsesCombinedAndRejectsAFormatWithoutStatus() {
    AccessLogFormat f = AccessLogFormat.combined();
    Map<String, String> v =
        f.parse(
            "1.2.3.4 - - [04/Feb/2016:11:22:25 +0100] \"GET / HTTP/1.1\""
                + " 500 199 \"-\" \"curl/7.22.0 (x86_64-pc-linux-gnu) libcurl/7.22.0\"");
    assertThat(v).containsEntry("status", "500").containsEntry("request", "GET / HTTP/1.1");
    assertThat(AccessLogFormat.time(v)).isEqualTo(Instant.parse("2016-02-04T10:22:25Z"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccessLogFormat.of("$remote_addr"))
        .hasMessageContaining("no $status");
    assertThat(List.of(new NginxAccessLogCheck().missingInput(Profile.empty())))
        .containsExactly(java.util.Optional.of("gateway.accessLog"));
  }
}
