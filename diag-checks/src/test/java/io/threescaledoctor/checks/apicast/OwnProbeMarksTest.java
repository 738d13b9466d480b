package io.threescaledoctor.checks.apicast;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.http.FakeCheckContext;
import io.threescaledoctor.checks.http.HttpRequestCheck;
import io.threescaledoctor.core.check.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests the doctor sends on purpose to fail, or without credentials, carry its mark in the
 * request line, the one part of a request nginx's error log writes; the client's own call does not.
 * Every request names the doctor as its user agent, which the access log writes.
 */
class OwnProbeMarksTest {
  private final MockWebServer gateway = new MockWebServer();
  @TempDir Path dir;

  @BeforeEach
  void start() throws IOException {
    gateway.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private String url() {
    return "http://127.0.0.1:" + gateway.getPort();
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> out = new ArrayList<>();
    RecordedRequest r;
    while ((r = gateway.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      out.add(r);
    }
    return out;
  }

  private void answer(int status, int times) {
    for (int i = 0; i < times; i++) {
      gateway.enqueue(
          new MockResponse.Builder().code(status).body("Authentication failed").build());
    }
  }

  @Test
  void invalidCredentialsInAHeaderLeaveTheMarkInTheQuery() throws Exception {
    answer(403, 1);
    new ClientInvalidCredentialsCheck()
        .run(
            FakeCheckContext.of(
                "gateway.url", url(), "credentials.userKey", "k", "credentials.in", "header"));

    RecordedRequest r = requests().get(0);
    assertThat(r.getTarget()).isEqualTo("/?3scale-doctor-probe=invalid-credentials");
    assertThat(r.getHeaders().get("user_key")).isEqualTo("3scale-doctor-invalid-credential");
    assertThat(r.getHeaders().get("User-Agent")).isEqualTo("3scale-doctor");
  }

  @Test
  void theClientsCallIsSentAsTheClientSendsItAndAKeylessOneIsMarked() throws Exception {
    answer(200, 2);
    new ClientRequestCheck()
        .run(
            FakeCheckContext.of(
                "gateway.url", url(), "client.path", "/hello", "credentials.userKey", "k"));
    new ClientRequestCheck()
        .run(FakeCheckContext.of("gateway.url", url(), "client.path", "/hello"));

    List<RecordedRequest> sent = requests();
    assertThat(sent.get(0).getTarget()).isEqualTo("/hello?user_key=k");
    assertThat(sent.get(1).getTarget()).isEqualTo("/hello?3scale-doctor-probe=no-credentials");
  }

  @Test
  void theGatewaysReachabilityProbeIsMarkedTheApisIsNot() throws Exception {
    answer(200, 2);
    new HttpRequestCheck()
        .run(
            FakeCheckContext.of("gateway.url", url(), "client.path", "/hello")
                .on(Endpoint.GATEWAY));
    new HttpRequestCheck()
        .run(FakeCheckContext.of("api.url", url(), "client.path", "/hello").on(Endpoint.API));

    List<RecordedRequest> sent = requests();
    assertThat(sent.get(0).getTarget()).isEqualTo("/hello?3scale-doctor-probe=reachability");
    assertThat(sent.get(1).getTarget()).isEqualTo("/hello");
  }

  @Test
  void activeDocsCallsAreMarkedWhereverTheCredentialsGo() throws Exception {
    answer(403, 2);
    Path spec = dir.resolve("spec.json");
    Files.writeString(
        spec,
        """
        {"swagger": "2.0",
         "securityDefinitions": {"key": {"type": "apiKey", "in": "header", "name": "user-key"}},
         "paths": {"/hello": {"get": {}}, "/orders": {"post": {}}}}
        """);
    new ClientActiveDocsCheck()
        .run(FakeCheckContext.of("gateway.url", url(), "threescale.activeDocs", spec.toString()));

    assertThat(requests())
        .extracting(RecordedRequest::getTarget)
        .containsExactlyInAnyOrder(
            "/hello?3scale-doctor-probe=activedocs", "/orders?3scale-doctor-probe=activedocs");
  }
}
