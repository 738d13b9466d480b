package io.threescaledoctor.checks.apicast;

import static io.threescaledoctor.checks.threescale.CheckRuns.SERVICE_TOKEN;
import static io.threescaledoctor.checks.threescale.CheckRuns.USER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.http.FakeCheckContext;
import io.threescaledoctor.checks.threescale.CheckRuns;
import io.threescaledoctor.checks.tls.HostilePeer;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MockWebServer plays APIcast: bodies, statuses and debug headers as in 3scale/APIcast
 * gateway/src/apicast/errors.lua, configuration.lua and proxy.lua (output_debug_headers).
 */
class ClientRequestCheckTest {
  private final MockWebServer gateway = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    gateway.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws IOException {
    gateway.close();
  }

  /** The profile keys of a client of this gateway with a user key, then {@code extra}. */
  private String[] keys(String... extra) {
    List<String> kv =
        new ArrayList<>(
            List.of(
                "gateway.url",
                "http://127.0.0.1:" + gateway.getPort(),
                "client.path",
                "/hello",
                "threescale.serviceToken",
                SERVICE_TOKEN,
                "threescale.serviceId",
                "2555417777777",
                "credentials.userKey",
                USER_KEY));
    kv.addAll(List.of(extra));
    return kv.toArray(String[]::new);
  }

  private CheckResult probe(String... extra) {
    return CheckRuns.result(
        CheckRuns.run(CheckRuns.profile(keys(extra)), new ClientRequestCheck()), "client.request");
  }

  private void apicast(int code, String body) {
    gateway.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "text/plain; charset=us-ascii")
            .body(body)
            .build());
  }

  private CheckResult probeAfterDirectAuthorize(CheckResult authorize) {
    return new ClientRequestCheck()
        .run(
            FakeCheckContext.of(keys())
                .withResult(
                    "threescale.authorize", authorize.withId("backend.threescale.authorize")));
  }

  private static final String NGINX_500 =
      "<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n"
          + "<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx/1.22.1"
          + "</center>\r\n</body>\r\n</html>\r\n";

  @Test
  void nginxs500IsTheFailureTheDirectAuthorizeFoundNotAnUnexplainedError() {
    gateway.enqueue(new MockResponse.Builder().code(500).body(NGINX_500).build());
    CheckResult r =
        probeAfterDirectAuthorize(
            CheckResult.fail("3scale refused the application: application is not active")
                .withCause("application-not-active"));

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("application-not-active");
    assertThat(r.summary())
        .startsWith("GET /hello -> HTTP 500")
        .contains("the same failure as the doctor's direct authorize call (application-not-active)")
        .contains("application is not active");
    assertThat(r.evidence()).containsEntry("explainedBy", "backend.threescale.authorize");
  }

  @Test
  void aRefusalWhenTheDirectAuthorizePassedKeepsItsOwnCause() {
    apicast(403, "Authentication failed");
    CheckResult r = probeAfterDirectAuthorize(CheckResult.pass("authorized"));

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).isNotEqualTo(Optional.of("application-not-active"));
    assertThat(r.evidence()).doesNotContainKey("explainedBy");
  }

  @Test
  void anAnswerThatIsNoRefusalIsNotExplainedByTheDirectAuthorize() {
    gateway.enqueue(new MockResponse.Builder().code(502).body("bad gateway").build());
    CheckResult r =
        probeAfterDirectAuthorize(
            CheckResult.fail("3scale refused: limits exceeded").withCause("limits-exceeded"));

    assertThat(r.evidence()).doesNotContainKey("explainedBy");
    assertThat(r.cause()).isNotEqualTo(Optional.of("limits-exceeded"));
  }

  @Test
  void passesAndReadsTheDebugHeadersOfAHealthyCall() throws Exception {
    gateway.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("hello world")
            .addHeader("X-3scale-matched-rules", "/hello")
            .addHeader("X-3scale-credentials", "user_key=" + USER_KEY)
            .addHeader("X-3scale-usage", "usage%5Bhits%5D=1")
            .addHeader("X-3scale-hostname", "apicast-7d9f")
            .addHeader("X-3scale-service-id", "2555417777777")
            .addHeader("X-3scale-service-name", "echo")
            .build());
    CheckResult r = probe();
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.hop()).isEqualTo(Hop.CLIENT);
    assertThat(r.evidence())
        .containsEntry("matchedRules", "/hello")
        .containsEntry("service", "2555417777777 (echo)")
        .containsEntry("credentialsRead", "user_key")
        .containsKey("totalMillis");
    RecordedRequest req = gateway.takeRequest(1, TimeUnit.SECONDS);
    assertThat(req.getMethod()).isEqualTo("GET");
    assertThat(req.getTarget()).isEqualTo("/hello?user_key=" + USER_KEY);
    assertThat(req.getHeaders().get("X-3scale-debug")).isEqualTo(SERVICE_TOKEN);
    assertThat(r.reproduce())
        .get()
        .asString()
        .contains("X-3scale-debug")
        .doesNotContain(SERVICE_TOKEN);
  }

  @Test
  void warnsWhenTwoRulesCountTheSameCall() {
    gateway.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("ok")
            .addHeader("X-3scale-matched-rules", "/, /hello")
            .addHeader("X-3scale-credentials", "user_key=" + USER_KEY)
            .addHeader("X-3scale-usage", "usage%5Bhits%5D=2")
            .build());
    CheckResult r = probe();
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("mapping-rule-double-count");
    assertThat(r.summary()).contains("2 mapping rules matched (/, /hello)").contains("hits=2");
  }

  @Test
  void blamesUnderscoresWhenHeaderCredentialsAreTreatedAsMissing() throws Exception {
    apicast(401, "Authentication parameters missing");
    CheckResult r = probe("credentials.in", "header");
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.hop()).isEqualTo(Hop.CLIENT);
    assertThat(r.cause()).contains("underscores-in-headers-disabled");
    RecordedRequest req = gateway.takeRequest(1, TimeUnit.SECONDS);
    assertThat(req.getHeaders().get("user_key")).isEqualTo(USER_KEY);
    assertThat(req.getTarget()).isEqualTo("/hello");
  }

  @Test
  void reportsCredentialsMissingWhenSentInTheQuery() {
    apicast(401, "Authentication parameters missing");
    assertThat(probe().cause()).contains("credentials-missing");
  }

  @Test
  void classifiesEachApicastAnswer() {
    String[][] cases = {
      {"403", "Authentication failed", "credentials-invalid", "client"},
      {"404", "No Mapping Rule matched", "mapping-rule-no-match", "gateway"},
      {"429", "Limits exceeded", "limits-exceeded", "client"},
      {"404", "", "service-not-found-for-host", "gateway"},
      {
        "403",
        "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403"
            + " Forbidden</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>",
        "credentials-invalid",
        "client"
      },
      {
        "502",
        "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center>"
            + "</body></html>",
        "client-error-status",
        "client"
      },
      {"500", "<html><center>nginx</center></html>", "client-error-status", "client"},
    };
    for (String[] c : cases) {
      apicast(Integer.parseInt(c[0]), c[1]);
      CheckResult r = probe();
      assertThat(r.status()).as(c[0] + " " + c[1]).isEqualTo(Status.FAIL);
      assertThat(r.cause()).as(c[0] + " " + c[1]).contains(c[2]);
      assertThat(r.hop().id()).as(c[0] + " " + c[1]).isEqualTo(c[3]);
      assertThat(r.evidence()).containsEntry("status", c[0]);
    }
  }

  @Test
  void attributesAnUnreachableGatewayToTheClientGatewayHop() throws Exception {
    try (FreePorts.RefusingPort refusing = FreePorts.refusing()) {
      int port = refusing.port();
      CheckResult r = probe("gateway.url", "http://127.0.0.1:" + port);
      assertThat(r.hop()).isEqualTo(Hop.CLIENT_GATEWAY);
      assertThat(r.cause()).contains("gateway-unreachable");
    }
  }

  @Test
  void aGatewayNameThatDoesNotResolveIsDnsNotAnUnreachableGateway() {
    CheckResult r = probe("gateway.url", "http://gateway.nowhere.invalid:8080");

    assertThat(r.cause()).contains("dns-resolution-failed");
    assertThat(r.summary()).contains("does not resolve");
  }

  @Test
  void aGatewayAnsweringBinaryGarbageClosedTheExchangeItIsNotUnreachable() throws Exception {
    byte[] garbage = new byte[64];
    new java.util.Random(7).nextBytes(garbage);
    garbage[0] = 0x01;
    garbage[62] = '\r';
    garbage[63] = '\n';
    try (HostilePeer peer = HostilePeer.answering(garbage)) {
      CheckResult r = probe("gateway.url", "http://127.0.0.1:" + peer.port());

      assertThat(r.cause()).contains("gateway-closed-connection");
      assertThat(r.hop()).isEqualTo(Hop.CLIENT_GATEWAY);
      assertThat(r.summary())
          .as("the garbage is shown as hex, never as raw bytes")
          .contains("starts with bytes 01 ")
          .matches("[\\x20-\\x7e]+");
    }
  }

  @Test
  void saysWhenTheGatewaySendsNoDebugHeaders() {
    apicast(200, "hello");
    CheckResult r = probe();
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence().get("debugHeaders")).startsWith("not returned");
  }

  @Test
  void blamesUnderscoresWhenPlainNginxRejectsCredentials3scaleAccepts() throws Exception {
    try (MockWebServer backend = new MockWebServer()) {
      backend.start(InetAddress.getByName("127.0.0.1"), 0);
      backend.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body(
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><status><authorized>true"
                      + "</authorized><plan>Basic</plan></status>")
              .build());
      apicast(
          403,
          "<html><head><title>403 Forbidden</title></head><body><center><h1>403"
              + " Forbidden</h1></center><hr><center>nginx/1.22.1</center></body></html>");
      var profile =
          CheckRuns.profile(
              "gateway.url",
              "http://127.0.0.1:" + gateway.getPort(),
              "client.path",
              "/hello",
              "threescale.serviceToken",
              SERVICE_TOKEN,
              "threescale.serviceId",
              "2555417777777",
              "credentials.userKey",
              USER_KEY,
              "credentials.in",
              "header",
              "threescale.backend",
              "http://127.0.0.1:" + backend.getPort());
      var d =
          CheckRuns.run(
              profile,
              new ClientRequestCheck(),
              new io.threescaledoctor.checks.threescale.ThreescaleAuthorizeCheck());
      CheckResult r = CheckRuns.result(d, "client.request");
      assertThat(r.cause()).contains("underscores-in-headers-disabled");
      assertThat(r.summary()).contains("3scale authorizes these credentials when asked directly");
      assertThat(Optional.ofNullable(d.likelyFailurePoint())).contains(Hop.CLIENT);
    }
  }

  @Test
  void oneRuleWithALargerDeltaIsNotADoubleCount() {
    gateway.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("ok")
            .addHeader("X-3scale-matched-rules", "/hello")
            .addHeader("X-3scale-credentials", "user_key=" + USER_KEY)
            .addHeader("X-3scale-usage", "usage%5Bhits%5D=5")
            .build());
    CheckResult r = probe();
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence()).containsEntry("usage", "{hits=5}");
  }
}
