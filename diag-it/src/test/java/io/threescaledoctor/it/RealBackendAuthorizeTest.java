package io.threescaledoctor.it;

import static io.threescaledoctor.it.ApisonatorKit.OAUTH_REDIRECT;
import static io.threescaledoctor.it.ApisonatorKit.OAUTH_SERVICE;
import static io.threescaledoctor.it.ApisonatorKit.PROVIDER_KEY;
import static io.threescaledoctor.it.ApisonatorKit.SERVICE;
import static io.threescaledoctor.it.ApisonatorKit.SUSPENDED_SERVICE;
import static io.threescaledoctor.it.ApisonatorKit.V2_SERVICE;
import static io.threescaledoctor.it.ApisonatorKit.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.threescale.CheckRuns;
import io.threescaledoctor.checks.threescale.TestJwt;
import io.threescaledoctor.checks.threescale.ThreescaleAuthorizeCheck;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.report.JsonReportRenderer;
import io.threescaledoctor.core.report.TextReportRenderer;
import java.io.IOException;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code threescale.authorize} against the real 3scale backend: every answer apisonator 3.4.3 gives
 * for the kit's fixtures, each diagnosed at {@code 3scale} with its own cause and a summary that
 * names what is wrong, and no secret of the fixtures in any output.
 */
@ExtendWith(RealBackend.class)
class RealBackendAuthorizeTest {
  private static final String ID = "backend.threescale.authorize";
  private static ApisonatorKit kit;

  @BeforeAll
  static void backend(ApisonatorKit started) {
    kit = started;
  }

  /** Runs the check alone against the kit, with the service and credentials given. */
  private static CheckResult authorize(String... keyValues) throws IOException {
    List<String> kv = new ArrayList<>(List.of("threescale.backend", kit.url().toString()));
    kv.addAll(List.of("timeouts.read", "5s"));
    kv.addAll(List.of(keyValues));
    Diagnosis d =
        CheckRuns.run(CheckRuns.profile(kv.toArray(String[]::new)), new ThreescaleAuthorizeCheck());
    assertNoSecretIn(d, kv);
    return CheckRuns.result(d, ID);
  }

  private static String[] withToken(String serviceId, String... credentials) {
    List<String> kv =
        new ArrayList<>(
            List.of(
                "threescale.serviceId", serviceId, "threescale.serviceToken", token(serviceId)));
    kv.addAll(List.of(credentials));
    return kv.toArray(String[]::new);
  }

  /** The fixtures' secrets and any other value the profile holds as a secret stay masked. */
  private static void assertNoSecretIn(Diagnosis d, List<String> profile) throws IOException {
    StringWriter text = new StringWriter();
    StringWriter json = new StringWriter();
    new TextReportRenderer(false, true).render(d, text);
    new JsonReportRenderer().render(d, json);
    String all = text + "\n" + json;
    List<String> secrets = new ArrayList<>(ApisonatorKit.SECRETS);
    for (int i = 0; i + 1 < profile.size(); i += 2) {
      if (profile.get(i).matches(".*(Key|Token)$") && profile.get(i + 1).length() > 3) {
        secrets.add(profile.get(i + 1));
      }
    }
    for (String secret : secrets) {
      assertThat(all).as("output shows the secret %s", secret).doesNotContain(secret);
    }
  }

  private static void assertAt3scale(CheckResult r, Status status, String cause) {
    assertThat(r.status()).as(r.summary()).isEqualTo(status);
    assertThat(r.hop()).isEqualTo(Hop.THREESCALE);
    assertThat(r.cause()).as(r.summary()).contains(cause);
  }

  // ---- authorized, four ways

  @Test
  void authorizesAUserKeyWithAServiceTokenAndShowsWhatTheBackendSent() throws Exception {
    CheckResult r = authorize(withToken(SERVICE, "credentials.userKey", "uk-active"));

    assertThat(r.status()).as(r.summary()).isEqualTo(Status.PASS);
    assertThat(r.summary()).startsWith("3scale authorized the application on plan 'Basic'");
    assertThat(r.evidence())
        .containsEntry("status", "200")
        .containsEntry("credentials", "user_key")
        .containsEntry("backendVersion", "apisonator 3.4.3")
        .containsEntry("limitMaxValue", "100000")
        .containsKey("limitResetSeconds")
        .containsKey("usage.hits.day");
    assertThat(Long.parseLong(r.evidence().get("limitRemaining"))).isPositive();
  }

  @Test
  void authorizesAUserKeyWithTheProviderKey() throws Exception {
    CheckResult r =
        authorize(
            "threescale.serviceId",
            SERVICE,
            "threescale.providerKey",
            PROVIDER_KEY,
            "credentials.userKey",
            "uk-active");

    assertThat(r.status()).as(r.summary()).isEqualTo(Status.PASS);
    assertThat(r.reproduce().orElseThrow())
        .contains("provider_key='\"$THREESCALE_PROVIDER_KEY\"'")
        .doesNotContain("pk-");
  }

  @Test
  void authorizesAppIdAndAppKeyOnAVersion2ServiceAndProvesTheKeyIsChecked() throws Exception {
    CheckResult r =
        authorize(
            withToken(V2_SERVICE, "credentials.appId", "app-v2", "credentials.appKey", "ak-v2"));

    assertThat(r.status()).as(r.summary()).isEqualTo(Status.PASS);
    assertThat(r.summary()).contains("plan 'V2Plan'");
    assertThat(r.evidence().get("appKeyChecked"))
        .isEqualTo("yes: 3scale refuses a wrong app_key (409 application_key_invalid)");
  }

  @Test
  void aVersion1ServiceIgnoresTheAppKeyAndTheDoctorDoesNotClaimItChecked() throws Exception {
    CheckResult r =
        authorize(
            withToken(
                SERVICE, "credentials.appId", "app-active", "credentials.appKey", "not-its-key"));

    assertAt3scale(r, Status.WARN, "application-key-not-checked");
    assertThat(r.summary()).contains("does not check app keys here");
    assertThat(r.evidence().get("appKeyChecked")).startsWith("no:");
  }

  // ---- the application or the service is not active

  @Test
  void aSuspendedApplicationIsApplicationNotActive() throws Exception {
    CheckResult r = authorize(withToken(SERVICE, "credentials.userKey", "uk-suspended"));

    assertAt3scale(r, Status.FAIL, "application-not-active");
    assertThat(r.summary())
        .isEqualTo(
            "3scale did not authorize the application (HTTP 409 application_not_active):"
                + " application is not active");
    assertThat(r.evidence())
        .containsEntry("rejectionCode", "application_not_active")
        .containsEntry("rejectionCodeFrom", "the 3scale-rejection-reason header");
  }

  @Test
  void aSuspendedServiceIsServiceNotActive() throws Exception {
    CheckResult r =
        authorize(withToken(SUSPENDED_SERVICE, "credentials.userKey", "uk-in-suspended-svc"));

    assertAt3scale(r, Status.FAIL, "service-not-active");
    assertThat(r.summary())
        .contains("HTTP 409 service_not_active")
        .contains("service is not active");
  }

  // ---- unknown or wrong application credentials

  @Test
  void anUnknownUserKeyIsCredentialsInvalid() throws Exception {
    CheckResult r = authorize(withToken(SERVICE, "credentials.userKey", "uk-nobody"));

    assertAt3scale(r, Status.FAIL, "credentials-invalid");
    assertThat(r.summary())
        .isEqualTo("3scale answered HTTP 403 user_key_invalid: user key \"****\" is invalid");
  }

  @Test
  void anUnknownAppIdIsApplicationNotFound() throws Exception {
    CheckResult r =
        authorize(
            withToken(V2_SERVICE, "credentials.appId", "app-nobody", "credentials.appKey", "k"));

    assertAt3scale(r, Status.FAIL, "credentials-invalid");
    assertThat(r.summary())
        .isEqualTo(
            "3scale answered HTTP 404 application_not_found: application with id=\"app-nobody\" was"
                + " not found");
  }

  @Test
  void aWrongAppKeyOnAVersion2ServiceIsApplicationKeyInvalid() throws Exception {
    CheckResult r =
        authorize(
            withToken(
                V2_SERVICE, "credentials.appId", "app-v2", "credentials.appKey", "wrong-key"));

    assertAt3scale(r, Status.FAIL, "application-key-invalid");
    assertThat(r.summary()).contains("HTTP 409 application_key_invalid").contains("is invalid");
  }

  @Test
  void aMissingAppKeyOnAVersion2ServiceIsApplicationKeyInvalidToo() throws Exception {
    CheckResult r = authorize(withToken(V2_SERVICE, "credentials.appId", "app-v2"));

    assertAt3scale(r, Status.FAIL, "application-key-invalid");
    assertThat(r.summary()).endsWith("application key is missing");
  }

  // ---- service token, provider key, service id: three answers, three messages

  @Test
  void aWrongServiceTokenSaysWhat3scaleCannotTellApart() throws Exception {
    CheckResult r =
        authorize(
            "threescale.serviceId",
            SERVICE,
            "threescale.serviceToken",
            "st-not-a-token-0001",
            "credentials.userKey",
            "uk-active");

    assertAt3scale(r, Status.FAIL, "service-credentials-invalid");
    assertThat(r.summary())
        .contains("the service token is not valid for service id " + SERVICE)
        .contains("3scale answers the same for all three");
  }

  @Test
  void withTheProviderKeyAWrongServiceTokenIsToldFromAnUnknownServiceId() throws Exception {
    CheckResult wrongToken =
        authorize(
            "threescale.serviceId",
            SERVICE,
            "threescale.serviceToken",
            "st-not-a-token-0001",
            "threescale.providerKey",
            PROVIDER_KEY,
            "credentials.userKey",
            "uk-active");
    CheckResult unknownService =
        authorize(
            "threescale.serviceId",
            "2555410000000",
            "threescale.serviceToken",
            token(SERVICE),
            "threescale.providerKey",
            PROVIDER_KEY,
            "credentials.userKey",
            "uk-active");

    assertAt3scale(wrongToken, Status.FAIL, "service-credentials-invalid");
    assertThat(wrongToken.summary())
        .contains("service " + SERVICE + " exists")
        .contains("the service token is wrong");
    assertThat(wrongToken.remedy().orElseThrow()).startsWith("Copy the token of service");
    assertAt3scale(unknownService, Status.FAIL, "service-credentials-invalid");
    assertThat(unknownService.summary())
        .contains("no service has id 2555410000000 in the account of the provider key");
    assertThat(unknownService.remedy().orElseThrow()).contains("id of an existing service");
  }

  @Test
  void anInvalidProviderKeyAndAnUnknownServiceIdHaveMessagesOfTheirOwn() throws Exception {
    CheckResult badKey =
        authorize(
            "threescale.serviceId",
            SERVICE,
            "threescale.providerKey",
            "pk-not-a-key-0001",
            "credentials.userKey",
            "uk-active");
    CheckResult unknownId =
        authorize(
            "threescale.serviceId",
            "2555410000000",
            "threescale.providerKey",
            PROVIDER_KEY,
            "credentials.userKey",
            "uk-active");

    assertAt3scale(badKey, Status.FAIL, "service-credentials-invalid");
    assertThat(badKey.summary())
        .isEqualTo(
            "3scale answered HTTP 403 provider_key_invalid: no account has this provider key");
    assertThat(badKey.remedy().orElseThrow()).contains("copy the provider key again");
    assertAt3scale(unknownId, Status.FAIL, "service-credentials-invalid");
    assertThat(unknownId.summary())
        .isEqualTo(
            "3scale answered HTTP 403 service_id_invalid: no service has id 2555410000000 in the"
                + " account of this provider key (unknown service id)");
    assertThat(unknownId.remedy().orElseThrow()).contains("service id on the service's overview");
  }

  // ---- metrics and limits

  @Test
  void aMetricThatDoesNotExistIsEntityNotFound() throws Exception {
    CheckResult r =
        authorize(
            withToken(
                SERVICE, "credentials.userKey", "uk-active", "threescale.usage", "searches=1"));

    assertAt3scale(r, Status.FAIL, "entity-not-found");
    assertThat(r.summary())
        .isEqualTo("3scale answered HTTP 404 metric_invalid: metric \"searches\" is invalid");
  }

  @Test
  void atExactlyItsLimitAnApplicationIsRefusedBecauseTheDoctorPredictsItsNextCall()
      throws Exception {
    BackendCalls calls = new BackendCalls(kit);
    BackendCalls.awaitRoomInTheMinute();
    calls.bringLimitedAppToItsLimit();

    // What apisonator does: with no usage predicted, 3 of 3 is still authorized...
    HttpResponse<String> withoutUsage = calls.authorizeWithoutUsage(BackendCalls.LIMITED_KEY);
    assertThat(withoutUsage.statusCode()).isEqualTo(200);
    assertThat(withoutUsage.body()).contains("<current_value>3</current_value>");
    // ...while the doctor, predicting the call it stands for, sees what the next call will get.
    CheckResult r = authorize(withToken(SERVICE, "credentials.userKey", BackendCalls.LIMITED_KEY));

    assertAt3scale(r, Status.FAIL, "limits-exceeded");
    assertThat(r.summary())
        .startsWith(
            "3scale did not authorize the application (HTTP 409 limits_exceeded): usage limits"
                + " are exceeded (hits per minute: 3/3 (100%)");
    assertThat(r.evidence())
        .containsEntry("usageSent", "hits=1 (predicted: checked against the limits, not counted)")
        .containsEntry("rejectionCodeFrom", "the 3scale-rejection-reason header")
        .containsEntry("limitRemaining", "0")
        .containsEntry("limitMaxValue", "3");
    assertThat(r.evidence().get("usage.hits.minute")).startsWith("3/3 (100%)");
  }

  // ---- OAuth (oauth_authorize.xml)

  @Test
  void oauthAuthorizeWithTheRegisteredRedirectUri() throws Exception {
    CheckResult r =
        authorize(
            withToken(
                OAUTH_SERVICE,
                "credentials.appId",
                "oauth-client",
                "credentials.redirectUri",
                OAUTH_REDIRECT));

    assertThat(r.status()).as(r.summary()).isEqualTo(Status.PASS);
    assertThat(r.evidence().get("call")).startsWith("oauth_authorize.xml");
    assertThat(r.reproduce().orElseThrow()).contains("redirect_uri=");
  }

  @Test
  void oauthAuthorizeWithAnotherRedirectUriIsRedirectInvalid() throws Exception {
    CheckResult r =
        authorize(
            withToken(
                OAUTH_SERVICE,
                "credentials.appId",
                "oauth-client",
                "credentials.redirectUri",
                "https://elsewhere.example.test/cb"));

    assertAt3scale(r, Status.FAIL, "oauth-redirect-invalid");
    assertThat(r.summary())
        .isEqualTo(
            "3scale did not authorize the application (HTTP 409 redirect_uri_invalid):"
                + " redirect_uri \"https://elsewhere.example.test/cb\" is invalid");
  }

  @Test
  void oauthAuthorizeOnAServiceWithoutOauthIsOauthNotEnabled() throws Exception {
    CheckResult r =
        authorize(
            withToken(
                SERVICE,
                "credentials.appId",
                "app-active",
                "credentials.redirectUri",
                OAUTH_REDIRECT));

    assertAt3scale(r, Status.FAIL, "oauth-not-enabled");
    assertThat(r.summary()).contains("HTTP 409 oauth_not_enabled").contains("oauth is not enabled");
  }

  // ---- access tokens, the way APIcast uses them

  @Test
  void aJwtIsAuthorizedByItsClientAsApicastDoes() throws Exception {
    String jwt =
        TestJwt.withClaims(
            "{\"iss\":\"https://sso.example.test/auth/realms/api\",\"sub\":\"u-7\","
                + "\"aud\":\"account\",\"azp\":\"oauth-client\",\"exp\":"
                + TestJwt.epochSecondsFromNow(3600)
                + "}");
    CheckResult r = authorize(withToken(OAUTH_SERVICE, "credentials.accessToken", jwt));

    assertThat(r.status()).as(r.summary()).isEqualTo(Status.PASS);
    assertThat(r.evidence())
        .containsEntry("credentials", "app_id (the access token's azp)")
        .containsEntry("tokenIssuer", "https://sso.example.test/auth/realms/api")
        .containsEntry("tokenClient", "oauth-client (claim azp)");
    assertThat(r.reproduce().orElseThrow())
        .contains("/transactions/oauth_authorize.xml?")
        .contains("app_id=oauth-client")
        .doesNotContain("access_token");
  }

  @Test
  void anExpiredJwtIsTheClientsProblemWhen3scaleAuthorizesItsClient() throws Exception {
    String jwt =
        TestJwt.withClaims(
            "{\"azp\":\"oauth-client\",\"exp\":" + TestJwt.epochSecondsFromNow(-120) + "}");
    CheckResult r = authorize(withToken(OAUTH_SERVICE, "credentials.accessToken", jwt));

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.hop()).isEqualTo(Hop.CLIENT);
    assertThat(r.cause()).contains("access-token-expired");
    assertThat(r.summary()).startsWith("the access token expired at ").contains("(2 min ago)");
  }

  @Test
  void anOpaqueTokenIsExplainedAndTheApplicationStillChecked() throws Exception {
    CheckResult r =
        authorize(
            withToken(
                OAUTH_SERVICE,
                "credentials.accessToken",
                "opaque-token-4b1d9e0c77",
                "credentials.appId",
                "oauth-client"));

    assertThat(r.status()).as(r.summary()).isEqualTo(Status.PASS);
    assertThat(r.evidence().get("tokenType")).startsWith("opaque");
    assertThat(r.evidence().get("note"))
        .contains("backends since apisonator 3.0 keep no access tokens");
  }
}
