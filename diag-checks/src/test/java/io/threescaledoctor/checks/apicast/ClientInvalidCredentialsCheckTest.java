package io.threescaledoctor.checks.apicast;

import static io.threescaledoctor.checks.threescale.CheckRuns.USER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.threescale.CheckRuns;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientInvalidCredentialsCheckTest {
  private final MockWebServer gateway = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    gateway.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws IOException {
    gateway.close();
  }

  private CheckResult probe() {
    return CheckRuns.result(
        CheckRuns.run(
            CheckRuns.profile(
                "gateway.url",
                "http://127.0.0.1:" + gateway.getPort(),
                "client.path",
                "/hello",
                "credentials.userKey",
                USER_KEY),
            new ClientInvalidCredentialsCheck()),
        "client.invalid-credentials");
  }

  @Test
  void aRejectionProvesTheClientToGatewayPath() throws Exception {
    gateway.enqueue(new MockResponse.Builder().code(403).body("Authentication failed").build());
    CheckResult r = probe();
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.hop()).isEqualTo(Hop.CLIENT_GATEWAY);
    assertThat(r.summary()).contains("client -> gateway path works");
    RecordedRequest req = gateway.takeRequest(1, TimeUnit.SECONDS);
    assertThat(req.getMethod()).isEqualTo("GET");
    assertThat(req.getTarget()).isEqualTo("/hello?user_key=3scale-doctor-invalid-credential");
    assertThat(req.getHeaders().get("X-3scale-debug")).isNull();
  }

  @Test
  void aGatewayThatLetsInvalidCredentialsThroughFails() {
    gateway.enqueue(new MockResponse.Builder().code(200).body("secret data").build());
    CheckResult r = probe();
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("gateway-accepts-invalid-credentials");
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY);
  }

  @Test
  void anEmpty404MeansNoServiceForTheHost() {
    gateway.enqueue(new MockResponse.Builder().code(404).build());
    assertThat(probe().cause()).contains("service-not-found-for-host");
  }

  @Test
  void anErrorStatusStillProvesThePathButWarns() {
    gateway.enqueue(
        new MockResponse.Builder().code(500).body("<html><center>nginx</center></html>").build());
    CheckResult r = probe();
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.hop()).isEqualTo(Hop.CLIENT_GATEWAY);
  }

  @Test
  void acceptsTheServicesConfiguredAuthFailedStatus() {
    var probe =
        ProbeRequest.of(
            CheckRuns.profile("gateway.url", "http://127.0.0.1:1", "credentials.userKey", USER_KEY),
            true,
            false);
    var ex =
        new io.threescaledoctor.checks.http.HttpExchange(
            probe.request(), 401, "Unauthorized", java.util.List.of(), "Nope", 4, null, null);
    assertThat(ClientInvalidCredentialsCheck.judge(probe, ex, 401).status()).isEqualTo(Status.PASS);
    assertThat(ClientInvalidCredentialsCheck.judge(probe, ex, null).status())
        .isEqualTo(Status.WARN);
  }
}
