package io.threescaledoctor.checks.threescale;

import static io.threescaledoctor.checks.threescale.AuthorizeResponseParserTest.fixture;
import static io.threescaledoctor.checks.threescale.CheckRuns.ACCESS_TOKEN;
import static io.threescaledoctor.checks.threescale.CheckRuns.APP_KEY;
import static io.threescaledoctor.checks.threescale.CheckRuns.PROVIDER_KEY;
import static io.threescaledoctor.checks.threescale.CheckRuns.SERVICE_TOKEN;
import static io.threescaledoctor.checks.threescale.CheckRuns.USER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThreescaleAuthorizeCheckTest {
  private static final String ID = "backend.threescale.authorize";
  private final MockWebServer backend = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    backend.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws IOException {
    backend.close();
  }

  private String url() {
    return "http://127.0.0.1:" + backend.getPort();
  }

  private void answer(int code, String fixture) throws IOException {
    backend.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/vnd.3scale-v2.0+xml")
            .body(fixture(fixture))
            .build());
  }

  private CheckResult runWith(String... extra) {
    List<String> kv =
        new ArrayList<>(
            List.of(
                "threescale.backend",
                url(),
                "threescale.serviceId",
                "2555417777777",
                "threescale.serviceToken",
                SERVICE_TOKEN));
    kv.addAll(List.of(extra));
    Diagnosis d =
        CheckRuns.run(CheckRuns.profile(kv.toArray(String[]::new)), new ThreescaleAuthorizeCheck());
    return CheckRuns.result(d, ID);
  }

  private RecordedRequest onlyRequest() throws InterruptedException {
    assertThat(backend.getRequestCount()).isEqualTo(1);
    RecordedRequest r = backend.takeRequest(1, TimeUnit.SECONDS);
    assertThat(r.getMethod()).isEqualTo("GET");
    return r;
  }

  @Test
  void authorizesAUserKeyWithAuthorizeNeverAuthrep() throws Exception {
    answer(200, "authorized-no-limits.xml");
    CheckResult r = runWith("credentials.userKey", USER_KEY);
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.hop()).isEqualTo(Hop.THREESCALE);
    assertThat(r.summary()).contains("authorized").contains("Unlimited");
    assertThat(r.evidence())
        .containsEntry("call", "authorize.xml (no usage reported)")
        .containsEntry("credentials", "user_key");
    RecordedRequest req = onlyRequest();
    assertThat(req.getTarget())
        .startsWith("/transactions/authorize.xml?")
        .contains("service_token=" + SERVICE_TOKEN)
        .contains("service_id=2555417777777")
        .contains("user_key=" + USER_KEY)
        .contains("usage%5Bhits%5D=1");
    assertThat(req.getHeaders().get("3scale-options")).contains("rejection_reason_header=1");
    assertThat(r.reproduce())
        .get()
        .asString()
        .startsWith("curl")
        .contains("/transactions/authorize.xml")
        .doesNotContain(USER_KEY);
  }

  @Test
  void sendsAppIdAndAppKeyWithAProviderKeyAndReferrer() throws Exception {
    answer(200, "authorized-no-limits.xml");
    List<String> kv =
        List.of(
            "threescale.backend",
            url(),
            "threescale.providerKey",
            PROVIDER_KEY,
            "credentials.appId",
            "app-42",
            "credentials.appKey",
            APP_KEY,
            "threescale.referrer",
            "client.example.com");
    CheckResult r =
        CheckRuns.result(
            CheckRuns.run(
                CheckRuns.profile(kv.toArray(String[]::new)), new ThreescaleAuthorizeCheck()),
            ID);
    assertThat(r.evidence()).containsEntry("credentials", "app_id+app_key");
    assertThat(onlyRequest().getTarget())
        .contains("provider_key=" + PROVIDER_KEY)
        .contains("app_id=app-42")
        .contains("app_key=" + APP_KEY)
        .contains("referrer=client.example.com")
        .doesNotContain("service_token");
  }

  @Test
  void sendsAnAccessTokenToTheOauthEndpoint() throws Exception {
    answer(200, "oauth-authorized.xml");
    CheckResult r =
        runWith("credentials.accessToken", ACCESS_TOKEN, "credentials.appId", "oauth-app-1");
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence())
        .containsEntry("call", "oauth_authorize.xml (no usage reported)")
        .containsEntry("credentials", "access_token+app_id");
    assertThat(onlyRequest().getTarget())
        .startsWith("/transactions/oauth_authorize.xml?")
        .contains("app_id=oauth-app-1")
        .contains("access_token=" + ACCESS_TOKEN);
  }

  @Test
  void usesAuthrepOnlyWhenAskedToReportUsage() throws Exception {
    answer(200, "authorized-no-limits.xml");
    CheckResult r =
        runWith(
            "credentials.userKey",
            USER_KEY,
            "threescale.reportUsage",
            "true",
            "threescale.usage",
            "search=3");
    assertThat(r.evidence().get("call")).startsWith("authrep.xml (reports usage");
    assertThat(onlyRequest().getTarget())
        .startsWith("/transactions/authrep.xml?")
        .contains("usage%5Bsearch%5D=3");
  }

  @Test
  void warnsWhenUsageIsAbove80PercentOfALimit() throws Exception {
    answer(200, "authorized-with-usage.xml");
    CheckResult r = runWith("credentials.userKey", USER_KEY);
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("limits-near");
    assertThat(r.summary()).contains("hits per day: 85/100 (85%)");
    assertThat(r.evidence())
        .containsEntry("usage.hits.day", "85/100 (85%), period ends 2026-11-28 00:00:00 +0000")
        .containsKey("usage.hits.month");
  }

  @Test
  void explainsLimitsExceededWhenBackendAnswers409() throws Exception {
    backend.enqueue(
        new MockResponse.Builder()
            .code(409)
            .addHeader("3scale-rejection-reason", "limits_exceeded")
            .body(fixture("limits-exceeded.xml"))
            .build());
    CheckResult r = runWith("credentials.userKey", USER_KEY);
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.hop()).isEqualTo(Hop.THREESCALE);
    assertThat(r.cause()).contains("limits-exceeded");
    assertThat(r.evidence())
        .containsEntry("reason", "usage limits are exceeded")
        .containsEntry("rejectionCode", "limits_exceeded")
        .containsEntry(
            "usage.hits.minute", "6/5 (120%) exceeded, period ends 2026-11-27 12:01:00 +0000");
  }

  @Test
  void recognisesRejectionsByReasonWhenTheHeaderIsAbsent() throws Exception {
    answer(409, "application-key-invalid.xml");
    CheckResult r = runWith("credentials.appId", "app-42", "credentials.appKey", APP_KEY);
    assertThat(r.cause()).contains("application-key-invalid");
    assertThat(r.evidence()).containsEntry("rejectionCode", "application_key_invalid");
    answer(409, "application-not-active.xml");
    assertThat(runWith("credentials.userKey", USER_KEY).cause()).contains("application-not-active");
  }

  @Test
  void mapsEachErrorCodeFamilyToItsIssue() throws Exception {
    String[][] cases = {
      {"403", "user-key-invalid.xml", "credentials-invalid", "user_key_invalid"},
      {"404", "application-not-found.xml", "credentials-invalid", "application_not_found"},
      {"404", "metric-invalid.xml", "entity-not-found", "metric_invalid"},
      {"422", "service-id-missing.xml", "missing-parameters", "service_id_missing"},
      {"400", "bad-request.xml", "bad-request", "bad_request"},
      {"403", "service-token-invalid.xml", "service-credentials-invalid", "service_token_invalid"},
    };
    for (String[] c : cases) {
      answer(Integer.parseInt(c[0]), c[1]);
      CheckResult r = runWith("credentials.userKey", USER_KEY);
      assertThat(r.status()).as(c[1]).isEqualTo(Status.FAIL);
      assertThat(r.cause()).as(c[1]).contains(c[2]);
      assertThat(r.evidence())
          .as(c[1])
          .containsEntry("errorCode", c[3])
          .containsEntry("status", c[0]);
      assertThat(r.summary()).as(c[1]).startsWith("3scale answered HTTP " + c[0] + " " + c[3]);
    }
  }

  @Test
  void showsAnUnknownCodeVerbatimWithItsStatus() throws Exception {
    backend.enqueue(
        new MockResponse.Builder()
            .code(403)
            .body("<?xml version=\"1.0\"?><error code=\"brand_new_code\">something new</error>")
            .build());
    CheckResult r = runWith("credentials.userKey", USER_KEY);
    assertThat(r.summary()).isEqualTo("3scale answered HTTP 403 brand_new_code: something new");
    assertThat(r.evidence())
        .containsEntry("knownCode", "false")
        .containsEntry("errorCode", "brand_new_code");
    assertThat(r.cause()).contains("credentials-invalid");
  }

  @Test
  void reportsA5xxAsBackendErrorStatus() throws Exception {
    backend.enqueue(
        new MockResponse.Builder().code(503).body("<html>Service Unavailable</html>").build());
    CheckResult r = runWith("credentials.userKey", USER_KEY);
    assertThat(r.cause()).contains("backend-error-status");
    assertThat(r.evidence()).containsEntry("status", "503");
  }

  @Test
  void reportsBackendUnreachableWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    List<String> kv =
        List.of(
            "threescale.backend",
            "http://127.0.0.1:" + port,
            "threescale.serviceId",
            "1",
            "threescale.serviceToken",
            SERVICE_TOKEN,
            "credentials.userKey",
            USER_KEY);
    CheckResult r =
        CheckRuns.result(
            CheckRuns.run(
                CheckRuns.profile(kv.toArray(String[]::new)), new ThreescaleAuthorizeCheck()),
            ID);
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.hop()).isEqualTo(Hop.THREESCALE);
    assertThat(r.cause()).contains("backend-unreachable");
    assertThat(r.reproduce()).get().asString().doesNotContain(SERVICE_TOKEN);
  }

  @Test
  void reportsBackendTimeoutWhenTheBackendNeverAnswers() throws Exception {
    backend.enqueue(new MockResponse.Builder().headersDelay(1, TimeUnit.SECONDS).build());
    CheckResult r = runWith("credentials.userKey", USER_KEY, "timeouts.read", "300ms");
    assertThat(r.cause()).contains("backend-timeout");
    assertThat(r.summary()).contains("timeouts.read");
  }

  @Test
  void saysWhichKeyIsMissing() {
    Diagnosis d =
        CheckRuns.run(
            CheckRuns.profile("threescale.backend", url(), "credentials.userKey", USER_KEY),
            new ThreescaleAuthorizeCheck());
    CheckResult r = CheckRuns.result(d, ID);
    assertThat(r.status()).isEqualTo(Status.SKIP);
    assertThat(r.summary()).contains("threescale.serviceToken");
    assertThat(backend.getRequestCount()).isZero();
  }

  @Test
  void interpretsAnEmpty403AsTheGuideDoes() {
    CheckResult r = ThreescaleAuthorizeCheck.interpret(403, null, "");
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("credentials-invalid");
    assertThat(r.summary()).contains("credentials are not valid").contains("empty body");
  }

  @Test
  void anAccessTokenWithoutAppIdIsExplained() throws Exception {
    answer(404, "application-not-found.xml");
    CheckResult r = runWith("credentials.accessToken", ACCESS_TOKEN);
    assertThat(r.cause()).contains("credentials-invalid");
    assertThat(r.evidence().get("note")).contains("set credentials.appId");
    assertThat(onlyRequest().getTarget())
        .startsWith("/transactions/oauth_authorize.xml?")
        .doesNotContain("app_id=");
  }
}
