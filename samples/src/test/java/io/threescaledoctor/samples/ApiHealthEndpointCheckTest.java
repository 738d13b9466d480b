package io.threescaledoctor.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class ApiHealthEndpointCheckTest {

  private static CheckResult check(String apiUrl, String readTimeout) throws Exception {
    return Doctor.builder()
        .useRegisteredChecks(false)
        .addCheck(new ApiHealthEndpointCheck())
        .set("api.url", apiUrl)
        .set("timeouts.read", readTimeout)
        .build()
        .check("sample.api-health");
  }

  @Test
  void passesWhenTheHealthEndpointAnswers200() throws Exception {
    try (FakeApi api = new FakeApi()) {
      CheckResult r = check(api.url(), "2s");
      assertThat(r.status()).isEqualTo(Status.PASS);
      assertThat(r.evidence()).containsEntry("status", "200").containsKey("totalMillis");
      assertThat(r.reproduce()).hasValue("curl -sv '" + api.url() + "/health'");
    }
  }

  @Test
  void failsWithApiErrorStatusWhenTheHealthEndpointAnswers503() throws Exception {
    try (FakeApi api = new FakeApi()) {
      api.healthAnswers(503);
      CheckResult r = check(api.url(), "2s");
      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.cause()).hasValue("api-error-status");
      assertThat(r.evidence()).containsEntry("body", "{\"status\":\"DOWN\"}");
    }
  }

  @Test
  void failsWithApiUnreachableWhenNothingListens() throws Exception {
    // Bound without listening for the whole test: refuses at once, and no other process can
    // take it meanwhile.
    try (Socket held = new Socket()) {
      held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = held.getLocalPort();
      CheckResult r = check("http://127.0.0.1:" + port, "2s");
      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.cause()).hasValue("api-unreachable");
    }
  }

  @Test
  void failsWithApiTimeoutNamingTheTimeoutWhenTheApiIsSlow() throws Exception {
    try (FakeApi api = new FakeApi()) {
      api.delay(1_500);
      CheckResult r = check(api.url(), "300ms");
      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.cause()).hasValue("api-timeout");
      assertThat(r.summary()).contains("timeouts.read");
    }
  }

  @Test
  void isSkippedNamingTheKeyWhenTheProfileHasNoApiUrl() throws Exception {
    CheckResult r =
        Doctor.builder()
            .useRegisteredChecks(false)
            .addCheck(new ApiHealthEndpointCheck())
            .build()
            .check("sample.api-health");
    assertThat(r.status()).isEqualTo(Status.SKIP);
    assertThat(r.evidence()).containsEntry("missingInput", "api.url");
  }
}
