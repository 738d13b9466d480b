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
import io.threescaledoctor.core.report.JsonReportRenderer;
import io.threescaledoctor.core.testing.FreePorts;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThreescaleAuthorizeCheckTest {
  private static final String ID = "backend.threescale.authorize";
  private final MockWebServer backend = new MockWebServer();

  /** Answers to the /transactions calls, in order; /status answers {@link #status}. */
  private final BlockingQueue<MockResponse> answers = new LinkedBlockingQueue<>();

  private MockResponse status =
      new MockResponse.Builder()
          .code(200)
          .addHeader("Content-Type", "application/json")
          .body("{\"status\":\"ok\",\"version\":{\"backend\":\"3.4.3\"}}")
          .build();

  @BeforeEach
  void start() throws IOException {
    backend.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if (request.getTarget().equals("/status")) {
              return status;
            }
            MockResponse next = answers.poll(1, TimeUnit.SECONDS);
            return next == null ? new MockResponse.Builder().code(599).build() : next;
          }
        });
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
    answers.add(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/vnd.3scale-v2.0+xml")
            .body(fixture(fixture))
            .build());
  }

  private void answer(MockResponse response) {
    answers.add(response);
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

  /** The calls to /transactions, in order (the /status call left out). */
  private List<RecordedRequest> transactions() throws InterruptedException {
    List<RecordedRequest> calls = new ArrayList<>();
    for (RecordedRequest r : CheckRuns.requests(backend)) {
      assertThat(r.getMethod()).isEqualTo("GET");
      if (!r.getTarget().equals("/status")) {
        calls.add(r);
      }
    }
    return calls;
  }

  private RecordedRequest onlyRequest() throws InterruptedException {
    List<RecordedRequest> calls = transactions();
    assertThat(calls).hasSize(1);
    return calls.get(0);
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
    answer(409, "application-key-invalid.xml");
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
    assertThat(transactions().get(0).getTarget())
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
    answer(
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
    answer(
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
    answer(new MockResponse.Builder().code(503).body("<html>Service Unavailable</html>").build());
    CheckResult r = runWith("credentials.userKey", USER_KEY);
    assertThat(r.cause()).contains("backend-error-status");
    assertThat(r.evidence()).containsEntry("status", "503");
  }

  @Test
  void reportsBackendUnreachableWhenNothingListens() throws Exception {
    try (FreePorts.RefusingPort refusing = FreePorts.refusing()) {
      int port = refusing.port();
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
  }

  @Test
  void reportsBackendTimeoutWhenTheBackendNeverAnswers() throws Exception {
    answer(new MockResponse.Builder().headersDelay(1, TimeUnit.SECONDS).build());
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

  // ---- what the real backend showed: predicted usage, limit headers, /status

  @Test
  void predictsTheCallsUsageAndSaysSo() throws Exception {
    answer(200, "authorized-no-limits.xml");
    CheckResult r = runWith("credentials.userKey", USER_KEY);
    assertThat(r.evidence())
        .containsEntry("usageSent", "hits=1 (predicted: checked against the limits, not counted)");
    assertThat(onlyRequest().getTarget()).contains("usage%5Bhits%5D=1");
  }

  @Test
  void showsTheLimitHeadersTheBackendSends() throws Exception {
    answer(
        new MockResponse.Builder()
            .code(200)
            .addHeader("3scale-limit-remaining", "2")
            .addHeader("3scale-limit-reset", "36")
            .addHeader("3scale-limit-max-value", "3")
            .body(fixture("authorized-no-limits.xml"))
            .build());
    CheckResult r = runWith("credentials.userKey", USER_KEY);
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.summary())
        .endsWith("room for 2 more calls like this one (limit 3, resets in 36 s)");
    assertThat(r.evidence())
        .containsEntry("limitRemaining", "2")
        .containsEntry("limitResetSeconds", "36")
        .containsEntry("limitMaxValue", "3");
  }

  @Test
  void anUnconstrainedCallHasNoRoomToCount() throws Exception {
    answer(
        new MockResponse.Builder()
            .code(200)
            .addHeader("3scale-limit-remaining", "-1")
            .addHeader("3scale-limit-reset", "-1")
            .body(fixture("authorized-no-limits.xml"))
            .build());
    CheckResult r = runWith("credentials.userKey", USER_KEY);
    assertThat(r.summary()).doesNotContain("room for");
    assertThat(r.evidence())
        .containsEntry("limitRemaining", "unconstrained")
        .doesNotContainKey("limitResetSeconds");
  }

  @Test
  void reportsTheBackendVersionFromStatus() throws Exception {
    answer(200, "authorized-no-limits.xml");
    assertThat(runWith("credentials.userKey", USER_KEY).evidence())
        .containsEntry("backendVersion", "apisonator 3.4.3");
    status = new MockResponse.Builder().code(404).build();
    answer(200, "authorized-no-limits.xml");
    assertThat(runWith("credentials.userKey", USER_KEY).evidence())
        .containsEntry("backendVersion", "unknown (GET /status answered HTTP 404)");
  }

  @Test
  void limitsExceededNamesTheLimitThatIsUsedUp() throws Exception {
    answer(409, "limits-exceeded.xml");
    CheckResult r = runWith("credentials.userKey", USER_KEY);
    assertThat(r.summary())
        .startsWith("3scale did not authorize the application (HTTP 409 limits_exceeded)")
        .contains("hits per minute: 6/5 (120%) exceeded");
  }

  // ---- service token, provider key, service id: three different answers

  private MockResponse error(int status, String code, String message) {
    return new MockResponse.Builder()
        .code(status)
        .body(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error code=\""
                + code
                + "\">"
                + message
                + "</error>")
        .build();
  }

  @Test
  void aRejectedServiceTokenSaysWhatItCanMean() throws Exception {
    answer(403, "service-token-invalid.xml");
    CheckResult r = runWith("credentials.userKey", USER_KEY);
    assertThat(r.cause()).contains("service-credentials-invalid");
    assertThat(r.summary())
        .contains("the service token is not valid for service id 2555417777777")
        .contains("a wrong token, the token of another service, or no service 2555417777777");
    assertThat(r.evidence().get("serviceIdCheck")).startsWith("not possible");
    assertThat(r.remedy().orElseThrow()).contains("service token and service id of the same");
  }

  @Test
  void theProviderKeyTellsAnUnknownServiceIdFromAWrongToken() throws Exception {
    answer(403, "service-token-invalid.xml");
    answer(error(403, "service_id_invalid", "service id \"2555417777777\" is invalid"));
    CheckResult unknownService =
        runWith("credentials.userKey", USER_KEY, "threescale.providerKey", PROVIDER_KEY);
    assertThat(unknownService.summary())
        .contains("no service has id 2555417777777 in the account of the provider key");
    assertThat(unknownService.remedy().orElseThrow()).contains("id of an existing service");
    List<RecordedRequest> calls = transactions();
    assertThat(calls.get(1).getTarget())
        .contains("provider_key=" + PROVIDER_KEY)
        .contains("service_id=2555417777777")
        .doesNotContain("service_token");

    answer(403, "service-token-invalid.xml");
    answer(200, "authorized-no-limits.xml");
    CheckResult wrongToken =
        runWith("credentials.userKey", USER_KEY, "threescale.providerKey", PROVIDER_KEY);
    assertThat(wrongToken.summary())
        .contains("service 2555417777777 exists")
        .contains("the service token is wrong");
    assertThat(wrongToken.remedy().orElseThrow()).contains("Copy the token of service");
    assertThat(wrongToken.cause()).contains("service-credentials-invalid");
  }

  @Test
  void anInvalidProviderKeyAndAnUnknownServiceIdHaveTheirOwnMessages() throws Exception {
    answer(error(403, "provider_key_invalid", "provider key \"" + PROVIDER_KEY + "\" is invalid"));
    CheckResult badKey =
        runWith(
            "threescale.serviceToken",
            "",
            "threescale.providerKey",
            PROVIDER_KEY,
            "credentials.userKey",
            USER_KEY);
    assertThat(badKey.summary()).contains("no account has this provider key");
    assertThat(badKey.remedy().orElseThrow()).contains("provider key again");

    answer(error(403, "service_id_invalid", "service id \"2555417777777\" is invalid"));
    CheckResult badId =
        runWith(
            "threescale.serviceToken",
            "",
            "threescale.providerKey",
            PROVIDER_KEY,
            "credentials.userKey",
            USER_KEY);
    assertThat(badId.summary())
        .contains("no service has id 2555417777777")
        .contains("unknown service id");
    assertThat(badId.remedy().orElseThrow()).contains("service id on the service's overview page");
    assertThat(badKey.summary()).isNotEqualTo(badId.summary());
  }

  // ---- app keys: only claimed when 3scale is seen to check them

  @Test
  void aKeyThatAWrongKeyWouldAlsoPassIsNotClaimedAsChecked() throws Exception {
    answer(200, "authorized-no-limits.xml");
    answer(200, "authorized-no-limits.xml");
    CheckResult r = runWith("credentials.appId", "app-42", "credentials.appKey", APP_KEY);
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("application-key-not-checked");
    assertThat(r.summary()).contains("does not check app keys here");
    assertThat(r.evidence().get("appKeyChecked")).startsWith("no:");
    List<RecordedRequest> calls = transactions();
    assertThat(calls.get(1).getTarget())
        .contains("app_id=app-42")
        .contains("app_key=" + FollowUpCalls.NOT_A_KEY)
        .doesNotContain(APP_KEY);
  }

  @Test
  void aKeyIsCheckedWhenAWrongOneIsRefused() throws Exception {
    answer(200, "authorized-no-limits.xml");
    answer(
        new MockResponse.Builder()
            .code(409)
            .addHeader("3scale-rejection-reason", "application_key_invalid")
            .body(fixture("application-key-invalid.xml"))
            .build());
    CheckResult r = runWith("credentials.appId", "app-42", "credentials.appKey", APP_KEY);
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence().get("appKeyChecked")).startsWith("yes:");
  }

  @Test
  void aUserKeyNeedsNoSecondCall() throws Exception {
    answer(200, "authorized-no-limits.xml");
    runWith("credentials.userKey", USER_KEY, "credentials.appKey", APP_KEY);
    assertThat(onlyRequest().getTarget()).doesNotContain("app_key");
  }

  // ---- access tokens the way APIcast uses them

  private static String jwt(String claims) {
    return TestJwt.withClaims(claims);
  }

  private static long inSeconds(long fromNow) {
    return TestJwt.epochSecondsFromNow(fromNow);
  }

  @Test
  void aJwtIsDecodedAndItsClientAuthorizedWithoutSendingTheToken() throws Exception {
    String token =
        jwt(
            "{\"iss\":\"https://sso.example.test/auth/realms/api\",\"sub\":\"u-1\","
                + "\"aud\":\"account\",\"azp\":\"oauth-app-1\",\"exp\":"
                + inSeconds(3600)
                + "}");
    answer(200, "oauth-authorized.xml");
    Diagnosis d =
        CheckRuns.run(
            CheckRuns.profile(
                "threescale.backend",
                url(),
                "threescale.serviceId",
                "2555417777777",
                "threescale.serviceToken",
                SERVICE_TOKEN,
                "credentials.accessToken",
                token),
            new ThreescaleAuthorizeCheck());
    CheckResult r = CheckRuns.result(d, ID);
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence())
        .containsEntry("credentials", "app_id (the access token's azp)")
        .containsEntry("tokenIssuer", "https://sso.example.test/auth/realms/api")
        .containsEntry("tokenClient", "oauth-app-1 (claim azp)")
        .containsEntry("tokenAudience", "account");
    assertThat(r.evidence().get("tokenType"))
        .contains("neither verifies its signature nor sends it");
    assertThat(r.evidence().get("tokenExpires")).contains("(in 59 min)");
    String sent = onlyRequest().getTarget();
    assertThat(sent)
        .startsWith("/transactions/oauth_authorize.xml?")
        .contains("app_id=oauth-app-1")
        .doesNotContain("access_token")
        .doesNotContain(token.split("\\.")[1]);
    StringWriter json = new StringWriter();
    new JsonReportRenderer().render(d, json);
    for (String part : token.split("\\.")) {
      assertThat(json.toString()).doesNotContain(part);
    }
  }

  @Test
  void anExpiredJwtIsTheClientsOwnFindingWhen3scaleWouldAuthorize() throws Exception {
    answer(200, "oauth-authorized.xml");
    CheckResult r =
        runWith(
            "credentials.accessToken",
            jwt(
                "{\"iss\":\"https://sso.example.test\",\"azp\":\"oauth-app-1\",\"exp\":"
                    + inSeconds(-300)
                    + "}"));
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.hop()).isEqualTo(Hop.CLIENT);
    assertThat(r.cause()).contains("access-token-expired");
    assertThat(r.summary())
        .startsWith("the access token expired at ")
        .contains("(5 min ago)")
        .contains("3scale authorized the application");
  }

  @Test
  void anExpiredJwtStaysBehindWhat3scaleRefuses() throws Exception {
    answer(404, "application-not-found.xml");
    CheckResult r =
        runWith(
            "credentials.accessToken",
            jwt("{\"azp\":\"bogus-app\",\"exp\":" + inSeconds(-300) + "}"));
    assertThat(r.hop()).isEqualTo(Hop.THREESCALE);
    assertThat(r.cause()).contains("credentials-invalid");
    assertThat(r.summary()).contains("besides, the access token expired");
  }

  @Test
  void aJwtFromTheFutureIsAClockProblem() throws Exception {
    answer(200, "oauth-authorized.xml");
    CheckResult r =
        runWith(
            "credentials.accessToken",
            jwt(
                "{\"azp\":\"oauth-app-1\",\"nbf\":"
                    + inSeconds(600)
                    + ",\"exp\":"
                    + inSeconds(3600)
                    + "}"));
    assertThat(r.cause()).contains("access-token-not-yet-valid");
    assertThat(r.summary()).contains("not valid before");
  }

  @Test
  void aJwtWithoutAClientIsExplained() throws Exception {
    answer(404, "application-not-found.xml");
    CheckResult r = runWith("credentials.accessToken", jwt("{\"sub\":\"u-1\"}"));
    assertThat(r.evidence().get("note")).contains("names no client");
    assertThat(r.evidence()).containsEntry("tokenClient", "(none)");
    assertThat(onlyRequest().getTarget()).doesNotContain("app_id").doesNotContain("access_token");
  }

  @Test
  void anOpaqueTokenSaysWhatTheDoctorCannotCheck() throws Exception {
    answer(200, "oauth-authorized.xml");
    CheckResult r =
        runWith("credentials.accessToken", ACCESS_TOKEN, "credentials.appId", "oauth-app-1");
    assertThat(r.evidence().get("tokenType")).startsWith("opaque");
    assertThat(r.evidence().get("note"))
        .contains("cannot read an opaque token's client, expiry or issuer")
        .contains("since apisonator 3.0 keep no access tokens")
        .doesNotContain("set credentials.appId");
  }

  @Test
  void anOpaqueTokenOnAnOlderBackendIsCheckedByTheBackend() throws Exception {
    status =
        new MockResponse.Builder()
            .code(200)
            .body("{\"status\":\"ok\",\"version\":{\"backend\":\"2.87.2\"}}")
            .build();
    answer(
        error(
            404,
            "access_token_invalid",
            "token \"" + ACCESS_TOKEN + "\" is invalid: expired or never defined"));
    CheckResult r = runWith("credentials.accessToken", ACCESS_TOKEN);
    assertThat(r.cause()).contains("credentials-invalid");
    assertThat(r.evidence().get("note")).contains("still keeps access tokens");
    assertThat(r.evidence().get("meaning")).contains("not in the backend's token store");
    assertThat(onlyRequest().getTarget()).contains("access_token=" + ACCESS_TOKEN);
  }

  @Test
  void sendsTheRedirectUriToOauthAuthorize() throws Exception {
    answer(
        new MockResponse.Builder()
            .code(409)
            .addHeader("3scale-rejection-reason", "redirect_uri_invalid")
            .body(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><status><authorized>false</authorized>"
                    + "<reason>redirect_uri \"https://evil.example.test/cb\" is invalid</reason>"
                    + "<application><id>oauth-app-1</id><key>SENTINEL-OTHER-APP-KEY-0001</key>"
                    + "</application><plan>Basic</plan></status>")
            .build());
    CheckResult r =
        runWith(
            "credentials.appId",
            "oauth-app-1",
            "credentials.redirectUri",
            "https://evil.example.test/cb");
    assertThat(r.cause()).contains("oauth-redirect-invalid");
    assertThat(r.summary()).contains("HTTP 409 redirect_uri_invalid");
    assertThat(onlyRequest().getTarget())
        .startsWith("/transactions/oauth_authorize.xml?")
        .contains("redirect_uri=https%3A%2F%2Fevil.example.test%2Fcb");
  }

  // ---- what each status and body means, decided without the network

  private static final String AUTHORIZED_LOW_USAGE =
      "<status><authorized>true</authorized><usage_reports>"
          + "<usage_report metric=\"hits\" period=\"day\"><max_value>100</max_value>"
          + "<current_value>79</current_value></usage_report></usage_reports></status>";

  @Test
  void onlyA2xxOr4xxIsAnAuthorizationAnswerEveryOtherStatusIsTheBackendsError() {
    String error = "<error code=\"user_key_invalid\">user key \"k\" is invalid</error>";
    for (int status : new int[] {100, 199, 300, 302, 399, 500, 503}) {
      CheckResult r = ThreescaleAuthorizeCheck.interpret(status, null, error);
      assertThat(r.cause()).as("HTTP %d", status).contains("backend-error-status");
      assertThat(r.summary())
          .as("HTTP %d", status)
          .isEqualTo(
              "3scale backend answered HTTP "
                  + status
                  + " user_key_invalid: not an authorization answer");
    }
    for (int status : new int[] {400, 403, 499}) {
      assertThat(ThreescaleAuthorizeCheck.interpret(status, null, error).cause())
          .as("HTTP %d", status)
          .contains("credentials-invalid");
    }
    assertThat(ThreescaleAuthorizeCheck.interpret(502, null, "<html>bad gateway</html>").summary())
        .isEqualTo("3scale backend answered HTTP 502: not an authorization answer");
  }

  @Test
  void aBodyThatSaysAuthorizedIsBelievedWithA2xxOnly() {
    CheckResult ok = ThreescaleAuthorizeCheck.interpret(200, null, AUTHORIZED_LOW_USAGE);
    assertThat(ok.status()).isEqualTo(Status.PASS);
    assertThat(ok.summary()).isEqualTo("3scale authorized the application");
    assertThat(ok.evidence())
        .containsEntry("status", "200")
        .containsEntry("usage.hits.day", "79/100 (79%)")
        .doesNotContainKey("plan");
    assertThat(ThreescaleAuthorizeCheck.interpret(202, null, AUTHORIZED_LOW_USAGE).evidence())
        .containsEntry("status", "202")
        .containsEntry("authorized", "true");

    CheckResult contradiction = ThreescaleAuthorizeCheck.interpret(403, null, AUTHORIZED_LOW_USAGE);
    assertThat(contradiction.status()).isEqualTo(Status.FAIL);
    assertThat(contradiction.cause()).contains("credentials-invalid");
    assertThat(contradiction.summary())
        .isEqualTo(
            "3scale backend answered HTTP 403 (credentials are not valid, or a GET carried body"
                + " data) with a body that says authorized: the status and the body contradict"
                + " each other");
    assertThat(ThreescaleAuthorizeCheck.interpret(418, null, AUTHORIZED_LOW_USAGE).cause())
        .contains("backend-error-status");
  }

  @Test
  void anAuthorizationWithoutLimitsSaysSoAndOneWithLimitsBelowEightyPercentPasses()
      throws IOException {
    CheckResult none =
        ThreescaleAuthorizeCheck.interpret(200, null, fixture("authorized-no-limits.xml"));
    assertThat(none.status()).isEqualTo(Status.PASS);
    assertThat(none.summary()).endsWith("(no usage limits)");
    assertThat(ThreescaleAuthorizeCheck.interpret(200, null, AUTHORIZED_LOW_USAGE).summary())
        .doesNotContain("no usage limits");
    CheckResult atEighty =
        ThreescaleAuthorizeCheck.interpret(200, null, AUTHORIZED_LOW_USAGE.replace(">79<", ">80<"));
    assertThat(atEighty.status()).isEqualTo(Status.WARN);
    assertThat(atEighty.cause()).contains("limits-near");
  }

  @Test
  void aRejectionNamesTheLimitThatIsUsedUpAndTheHeaderWinsOverTheText() {
    String body =
        "<status><authorized>false</authorized><reason>usage limits are exceeded</reason>"
            + "<plan>Limited</plan><usage_reports>"
            + "<usage_report metric=\"hits\" period=\"minute\"><max_value>3</max_value>"
            + "<current_value>3</current_value></usage_report>"
            + "<usage_report metric=\"hits\" period=\"day\"><max_value>100</max_value>"
            + "<current_value>40</current_value></usage_report></usage_reports></status>";

    CheckResult r = ThreescaleAuthorizeCheck.interpret(409, "  limits_exceeded ", body);

    assertThat(r.summary())
        .isEqualTo(
            "3scale did not authorize the application (HTTP 409 limits_exceeded): usage limits are"
                + " exceeded (hits per minute: 3/3 (100%), with the call's own usage on top)");
    assertThat(r.evidence())
        .containsEntry("rejectionCode", "limits_exceeded")
        .containsEntry("rejectionCodeFrom", "the 3scale-rejection-reason header")
        .containsEntry("plan", "Limited");
    CheckResult blankHeader = ThreescaleAuthorizeCheck.interpret(409, " ", body);
    assertThat(blankHeader.evidence()).containsEntry("rejectionCodeFrom", "the reason text");
    CheckResult otherCode =
        ThreescaleAuthorizeCheck.interpret(
            409, "application_not_active", body.replace("usage limits are exceeded", "x"));
    assertThat(otherCode.cause()).contains("application-not-active");
    assertThat(otherCode.summary())
        .isEqualTo("3scale did not authorize the application (HTTP 409 application_not_active): x");
  }

  @Test
  void aRejectionWithAnUnknownReasonIsShownAsItCameWithoutACode() {
    CheckResult r =
        ThreescaleAuthorizeCheck.interpret(
            409,
            null,
            "<status><authorized>false</authorized><reason>a reason nobody wrote yet</reason>"
                + "</status>");

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).isEmpty();
    assertThat(r.summary())
        .isEqualTo(
            "3scale did not authorize the application (HTTP 409): a reason nobody wrote yet");
    assertThat(r.evidence())
        .containsEntry("knownCode", "false")
        .doesNotContainKeys("rejectionCode", "plan");
  }

  @Test
  void anUnknownErrorCodeSaysWhatItsStatusMeansWhenTheGuideSaysAnything() {
    String body = "<error code=\"brand_new_code\">something new</error>";

    assertThat(ThreescaleAuthorizeCheck.interpret(404, null, body).evidence())
        .containsEntry(
            "statusMeaning", "a referenced entity (application, metric, service) does not exist");
    CheckResult teapot = ThreescaleAuthorizeCheck.interpret(418, null, body);
    assertThat(teapot.evidence()).doesNotContainKey("statusMeaning");
    assertThat(teapot.cause()).contains("backend-error-status");
  }

  @Test
  void aRejectedAppKeyNeedsNoSecondCall() throws Exception {
    answer(
        new MockResponse.Builder()
            .code(409)
            .addHeader("3scale-rejection-reason", "application_key_invalid")
            .body(fixture("application-key-invalid.xml"))
            .build());

    CheckResult r = runWith("credentials.appId", "app-42", "credentials.appKey", APP_KEY);

    assertThat(r.cause()).contains("application-key-invalid");
    assertThat(transactions()).hasSize(1);
  }

  @Test
  void runsAfterTheConnectionChecksOfItsEndpointAndOnlyOnTheBackend() {
    ThreescaleAuthorizeCheck check = new ThreescaleAuthorizeCheck();

    assertThat(check.runsAfter()).containsExactly("dns.resolve", "tcp.connect", "tls.handshake");
    assertThat(check.endpoints()).containsExactly(io.threescaledoctor.core.check.Endpoint.BACKEND);
    assertThat(check.hop()).isEqualTo(Hop.THREESCALE);
  }
}
