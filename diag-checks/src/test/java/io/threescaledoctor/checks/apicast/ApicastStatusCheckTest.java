package io.threescaledoctor.checks.apicast;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.threescale.CheckRuns;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies as APIcast's management.lua writes them (cjson of its status tables). */
class ApicastStatusCheckTest {
  private static final String LIVE = "{\"status\":\"live\",\"success\":true}";
  private final MockWebServer management = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    management.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws IOException {
    management.close();
  }

  private CheckResult run(String url) {
    return CheckRuns.result(
        CheckRuns.run(CheckRuns.profile("gateway.management", url), new ApicastStatusCheck()),
        "apicast.status");
  }

  private CheckResult runWith(int readyCode, String ready) {
    management.enqueue(new MockResponse.Builder().body(LIVE).build());
    management.enqueue(new MockResponse.Builder().code(readyCode).body(ready).build());
    management.enqueue(
        new MockResponse.Builder()
            .body("{\"timers\":{\"pending\":1,\"running\":0},\"worker\":{\"count\":2}}")
            .build());
    return run("http://127.0.0.1:" + management.getPort());
  }

  @Test
  void passesWhenLiveAndReady() {
    CheckResult r = runWith(200, "{\"status\":\"ready\",\"success\":true}");
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence()).containsEntry("info", "timers,worker");
  }

  @Test
  void reportsNotConfigured() {
    CheckResult r =
        runWith(412, "{\"status\":\"error\",\"error\":\"not configured\",\"success\":false}");
    assertThat(r.cause()).contains("apicast-not-configured");
    assertThat(r.summary()).contains("not configured");
  }

  @Test
  void reportsNoServices() {
    CheckResult r =
        runWith(200, "{\"status\":\"warning\",\"warning\":\"no services\",\"success\":true}");
    assertThat(r.cause()).contains("apicast-no-services");
  }

  @Test
  void warnsWhenTheManagementApiDoesNotAnswer() throws Exception {
    try (FreePorts.RefusingPort refusing = FreePorts.refusing()) {
      int port = refusing.port();
      CheckResult r = run("http://127.0.0.1:" + port);
      assertThat(r.status()).isEqualTo(Status.WARN);
      assertThat(r.cause()).contains("apicast-management-unreachable");
    }
  }
}
