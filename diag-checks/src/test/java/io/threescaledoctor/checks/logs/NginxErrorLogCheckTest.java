package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.profile.Profile;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxErrorLogCheckTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private static final String SECRET = "SENTINELuserkey0123456789";

  @TempDir Path dir;

  private final NginxErrorLogCheck check =
      new NginxErrorLogCheck(host -> List.of(InetAddress.getByName("10.1.1.1")));

  private CheckResult run(String log) throws Exception {
    Path file = dir.resolve("error.log");
    Files.writeString(file, log);
    return check.run(
        FakeCheckContext.of(
            Map.of(
                "gateway.errorLog",
                file.toString(),
                "threescale.backend",
                "https://su1.3scale.net",
                "api.url",
                "http://10.0.0.5:8080",
                "credentials.userKey",
                SECRET),
            NOW));
  }

  private static String backendTimeout(String time) {
    return time
        + " [error] 41#41: *14 upstream timed out (110: Connection timed out) while"
        + " connecting to upstream, client: 127.0.0.1, server: localhost, request: \"GET"
        + " /hello?user_key="
        + SECRET
        + " HTTP/1.1\", subrequest: \"/threescale_authrep\","
        + " upstream: \"https://10.1.1.1:443/transactions/authrep.xml?user_key="
        + SECRET
        + "\", host: \"gw\"\n";
  }

  @Test
  void failsAtTheHopOfARecentFindingWithItsCauseAndEvidence() throws Exception {
    CheckResult r =
        run(backendTimeout("2026/11/27 11:58:00") + backendTimeout("2026/11/27 11:59:30"));
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(r.cause()).contains("backend-timeout");
    assertThat(r.reference())
        .as("the guide's section for the gateway -> 3scale link")
        .contains("4.3.4");
    assertThat(r.tested()).isEqualTo(Tested.LOGS);
    assertThat(r.summary())
        .contains("2 entries", "upstream timed out while connecting", "3scale backend");
    assertThat(r.evidence()).containsKeys("example", "file", "entries", "finding1");
    assertThat(r.facts(ErrorLogReport.class)).isPresent();
  }

  @Test
  void namesTheRefusedBackendRatherThanTheAuthStatusItCaused() throws Exception {
    // What real nginx 1.22 writes when auth_request's backend refuses (integration suite).
    String refused =
        "2026/11/27 11:59:40 [error] 41#41: *3 connect() failed (111: Connection"
            + " refused) while connecting to upstream, client: 127.0.0.1, server: localhost,"
            + " request: \"GET /hello HTTP/1.1\", subrequest: \"/threescale_authrep\", upstream:"
            + " \"http://10.1.1.1:3000/transactions/authorize.xml\", host: \"gw\"\n";
    String status =
        "2026/11/27 11:59:40 [error] 41#41: *3 auth request unexpected status: 502"
            + " while sending to client, client: 127.0.0.1, server: localhost, request: \"GET /hello"
            + " HTTP/1.1\", host: \"gw\"\n";

    CheckResult r = run(refused + status + status);

    assertThat(r.cause()).contains("backend-unreachable");
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
  }

  @Test
  void masksCredentialsInTheLinesItQuotes() throws Exception {
    CheckResult r = run(backendTimeout("2026/11/27 11:58:00"));
    assertThat(r.toString() + r.evidence()).doesNotContain(SECRET);
  }

  @Test
  void onlyWarnsAboutFindingsOlderThanAnHour() throws Exception {
    CheckResult r = run(backendTimeout("2026/11/26 08:00:00"));
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("backend-timeout");
    assertThat(r.summary()).contains("older than 1h");
  }

  @Test
  void passesOnALogWithoutKnownProblemsAndSaysWhatItRead() throws Exception {
    CheckResult r =
        run(
            "2026/11/27 11:00:00 [notice] 1#1: using the \"epoll\" event method\n"
                + "2026/11/27 11:00:00 [notice] 1#1: start worker processes\n");
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence()).containsEntry("entries", "2");
  }

  @Test
  void isAnErrorNotAPassWhenTheLogCannotBeRead() throws Exception {
    CheckResult r =
        check.run(
            FakeCheckContext.of(
                Map.of("gateway.errorLog", dir.resolve("missing.log").toString()), NOW));
    assertThat(r.status()).isEqualTo(Status.ERROR);
    assertThat(r.summary()).contains("no such file");
  }

  @Test
  void needsTheErrorLogAndRunsAfterTheProbeThroughTheGateway() {
    assertThat(check.missingInput(Profile.empty())).contains("gateway.errorLog");
    assertThat(check.runsAfter()).contains("client.request");
    assertThat(check.tested()).isEqualTo(Tested.LOGS);
  }
}
