package io.threescaledoctor.it;

import static io.threescaledoctor.it.ApisonatorKit.SERVICE;
import static io.threescaledoctor.it.ApisonatorKit.SUSPENDED_SERVICE;
import static io.threescaledoctor.it.ApisonatorKit.V2_SERVICE;
import static io.threescaledoctor.it.ApisonatorKit.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threescaledoctor.core.testing.Component;
import io.threescaledoctor.core.testing.NginxGateway;
import io.threescaledoctor.core.testing.NginxGateway.Setup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole doctor ({@code run} through the CLI's entry point, JSON out) against a real nginx
 * gateway whose {@code auth_request} calls the real backend's {@code authrep.xml}, as APIcast does,
 * in front of a stand-in API. Each scenario is one answer of the real backend; the diagnosis must
 * put it at {@code 3scale} with its cause, and the 3scale result must say what is wrong.
 */
@ExtendWith(RealBackend.class)
class RealBackendGatewayTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static ApisonatorKit kit;

  @TempDir Path dir;

  private final MockWebServer api = new MockWebServer();
  private NginxGateway gateway;

  @BeforeAll
  static void backend(ApisonatorKit started) {
    kit = started;
    Component.NGINX.require();
  }

  @BeforeEach
  void startApi() throws IOException {
    api.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"hello\":\"world\"}")
                .build();
          }
        });
    api.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    api.close();
  }

  /** nginx for {@code serviceId}, authrep with the service's token, user keys in the query. */
  private NginxGateway gateway(String serviceId, String serviceToken)
      throws IOException, InterruptedException {
    return gateway(Setup.of("127.0.0.1:" + api.getPort(), kit.hostPort(), serviceId, serviceToken));
  }

  private NginxGateway gateway(Setup setup) throws IOException, InterruptedException {
    // Like APIcast: each call is counted (authrep), and a call without credentials is refused
    // with 401 instead of asking 3scale about an empty key (which apisonator answers with 404).
    gateway =
        NginxGateway.start(
            Files.createTempDirectory(dir, "nginx"),
            setup.withAuthrep().withMissingCredentialsRefused());
    return gateway;
  }

  /** The support engineer's profile on the gateway host: every hop, the logs and the config. */
  private String profile(String serviceId, String serviceToken, String credentials) {
    return """
        vantage: gateway
        gateway:
          url: %s
          errorLog: %s
          accessLog: %s
          nginxConf: %s
        api:
          url: http://127.0.0.1:%d
        client:
          path: /hello
        threescale:
          backend: %s
          serviceId: "%s"
          serviceToken: %s
        credentials:
        %s
          in: query
        timeouts:
          connect: 2s
          read: 5s
          total: 30s
        """
        .formatted(
            gateway.url(),
            gateway.errorLog(),
            gateway.accessLog(),
            gateway.nginxConf(),
            api.getPort(),
            kit.url(),
            serviceId,
            serviceToken,
            credentials.indent(2).stripTrailing());
  }

  private DoctorRun doctor(String profileYaml, String... secrets) throws IOException {
    Path profile = dir.resolve("profile.yaml");
    Files.writeString(profile, profileYaml);
    DoctorRun run = DoctorRun.of("run", "--config", profile.toString(), "--format", "json");
    List<String> all = new ArrayList<>(ApisonatorKit.SECRETS);
    all.addAll(List.of(secrets));
    run.assertNoSecret(all);
    DoctorRun text =
        DoctorRun.of("run", "--config", profile.toString(), "--format", "text", "--verbose");
    text.assertNoSecret(all);
    return run;
  }

  /** The diagnosis line, and the 3scale result's summary, which must name what is wrong. */
  private static String diagnosed(
      DoctorRun run, String status, String hop, String cause, int exit) {
    assertThat(run.diagnosisLine())
        .as("diagnosis; results:%n%s%s", run.resultsTable(), run.stderr())
        .isEqualTo(status + " " + hop + " " + cause + " exit " + exit);
    return authorizeResult(run.json()).path("summary").asText();
  }

  private static JsonNode authorizeResult(JsonNode report) {
    return result(report, "backend.threescale.authorize");
  }

  private int callThrough(String query) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway.url() + "/hello?" + query))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  // ---- the scenarios

  @Test
  void anAuthorizedUserKeyIsHealthyAndTheGatewayCountsTheCall() throws Exception {
    gateway(SERVICE, token(SERVICE));
    assertThat(callThrough("user_key=uk-active")).isEqualTo(200);

    DoctorRun run = doctor(profile(SERVICE, token(SERVICE), "userKey: uk-active"));

    assertThat(run.diagnosisLine()).as(run.resultsTable()).isEqualTo("HEALTHY null null exit 0");
    assertThat(Files.readString(gateway.accessLog())).contains("GET /hello?user_key=");
  }

  @Test
  void aHealthySetupStaysHealthyWhatEverTheDoctorsOwnProbesLeaveInTheLogs() throws Exception {
    // A plain gateway that asks 3scale about every call, keyless ones included: the real backend
    // answers an empty user_key with 404, which nginx turns into 500 and logs. The doctor's
    // keyless probe, its invalid key and its ActiveDocs calls leave such lines; a client's call
    // does not.
    gateway =
        NginxGateway.start(
            Files.createTempDirectory(dir, "nginx"),
            Setup.of("127.0.0.1:" + api.getPort(), kit.hostPort(), SERVICE, token(SERVICE))
                .withAuthrep());
    assertThat(callThrough("user_key=uk-active")).isEqualTo(200);
    Path spec = dir.resolve("openapi.json");
    Files.writeString(
        spec,
        """
        {"swagger": "2.0", "info": {"title": "Hello", "version": "1"},
         "securityDefinitions": {"key": {"type": "apiKey", "in": "query", "name": "user_key"}},
         "paths": {"/hello": {"get": {}}, "/hello/again": {"get": {}}}}
        """);

    DoctorRun run =
        doctor(
            profile(SERVICE, token(SERVICE), "userKey: uk-active")
                .replace("  serviceToken:", "  activeDocs: " + spec + "\n  serviceToken:"));

    assertThat(run.diagnosisLine()).as(run.resultsTable()).isEqualTo("HEALTHY null null exit 0");
    assertThat(Files.readString(gateway.errorLog()))
        .as("the keyless probe's 500, as nginx logs it")
        .contains("auth request unexpected status: 404")
        .contains("3scale-doctor-probe=reachability");
    assertThat(result(run.json(), "client.activedocs").path("status").asText()).isEqualTo("PASS");
    assertThat(result(run.json(), "gateway.errorlog").path("summary").asText())
        .matches(
            "no known problem in \\d+ entries of .* \\(1 line from the doctor's own probes set aside\\)");
    assertThat(result(run.json(), "gateway.accesslog").path("summary").asText())
        .as("the client's call is all the access log judges")
        .startsWith("1 requests")
        .matches(".*\\(\\d+ lines from the doctor's own probes set aside\\)");
  }

  @Test
  void aSuspendedApplicationIsApplicationNotActive() throws Exception {
    gateway(SERVICE, token(SERVICE));

    String summary =
        diagnosed(
            doctor(profile(SERVICE, token(SERVICE), "userKey: uk-suspended")),
            "FAILING",
            "3scale",
            "application-not-active",
            1);

    assertThat(summary).contains("application is not active");
  }

  @Test
  void aSuspendedServiceIsServiceNotActive() throws Exception {
    gateway(SUSPENDED_SERVICE, token(SUSPENDED_SERVICE));

    String summary =
        diagnosed(
            doctor(
                profile(
                    SUSPENDED_SERVICE, token(SUSPENDED_SERVICE), "userKey: uk-in-suspended-svc")),
            "FAILING",
            "3scale",
            "service-not-active",
            1);

    assertThat(summary).contains("service is not active");
  }

  @Test
  void anUnknownUserKeyIsCredentialsInvalid() throws Exception {
    gateway(SERVICE, token(SERVICE));
    assertThat(callThrough("user_key=uk-nobody")).isEqualTo(403);

    String summary =
        diagnosed(
            doctor(profile(SERVICE, token(SERVICE), "userKey: uk-nobody"), "uk-nobody"),
            "FAILING",
            "3scale",
            "credentials-invalid",
            1);

    assertThat(summary).contains("user_key_invalid");
  }

  @Test
  void aWrongServiceTokenIsServiceCredentialsInvalid() throws Exception {
    gateway(SERVICE, "st-not-a-token-0001");

    String summary =
        diagnosed(
            doctor(
                profile(SERVICE, "st-not-a-token-0001", "userKey: uk-active"),
                "st-not-a-token-0001"),
            "FAILING",
            "3scale",
            "service-credentials-invalid",
            1);

    assertThat(summary).contains("the service token is not valid for service id " + SERVICE);
  }

  @Test
  void aMetricThatDoesNotExistIsEntityNotFound() throws Exception {
    gateway(SERVICE, token(SERVICE));

    String summary =
        diagnosed(
            doctor(
                profile(SERVICE, token(SERVICE), "userKey: uk-active")
                    .replace("  serviceToken:", "  usage: {searches: 1}\n  serviceToken:")),
            "FAILING",
            "3scale",
            "entity-not-found",
            1);

    assertThat(summary).contains("metric \"searches\" is invalid");
  }

  private NginxGateway appIdAndKeyGateway() throws IOException, InterruptedException {
    return gateway(
        Setup.of("127.0.0.1:" + api.getPort(), kit.hostPort(), V2_SERVICE, token(V2_SERVICE))
            .withAppIdAndKey());
  }

  @Test
  void anAppIdAndKeyIsAuthorizedAndItsKeyProvenCheckedThroughTheGateway() throws Exception {
    appIdAndKeyGateway();
    assertThat(callThrough("app_id=app-v2&app_key=ak-v2")).isEqualTo(200);

    DoctorRun run = doctor(profile(V2_SERVICE, token(V2_SERVICE), "appId: app-v2\nappKey: ak-v2"));

    JsonNode authorize = authorizeResult(run.json());
    assertThat(authorize.path("status").asText()).as(run.resultsTable()).isEqualTo("PASS");
    assertThat(authorize.path("evidence").path("appKeyChecked").asText())
        .startsWith("yes: 3scale refuses a wrong app_key");
    assertThat(result(run.json(), "client.request").path("status").asText()).isEqualTo("PASS");
    // Not healthy, and rightly: the doctor's own call with an invalid app id gets 3scale's 404,
    // which plain auth_request cannot pass on, so that client sees 500 where APIcast would answer
    // 403. nginx's line about that call is the doctor's own doing, not a finding.
    assertThat(result(run.json(), "client.invalid-credentials").path("summary").asText())
        .contains("HTTP 500");
    assertThat(Files.readString(gateway.errorLog()))
        .contains("auth request unexpected status: 404");
    assertThat(
            result(run.json(), "gateway.errorlog").path("evidence").path("ownProbeLines").asText())
        .endsWith("from the doctor's own probes");
    assertThat(run.diagnosisLine()).isEqualTo("DEGRADED null null exit 0");
  }

  private static JsonNode result(JsonNode report, String id) {
    for (JsonNode r : report.path("results")) {
      if (r.path("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no " + id + " in " + report);
  }

  @Test
  void aWrongAppKeyThroughTheGatewayIsApplicationKeyInvalid() throws Exception {
    appIdAndKeyGateway();
    assertThat(callThrough("app_id=app-v2&app_key=wrong-key")).isEqualTo(500);

    String summary =
        diagnosed(
            doctor(
                profile(V2_SERVICE, token(V2_SERVICE), "appId: app-v2\nappKey: wrong-key"),
                "wrong-key"),
            "FAILING",
            "3scale",
            "application-key-invalid",
            1);

    assertThat(summary).contains("application_key_invalid").contains("is invalid");
  }

  @Test
  void limitsExceededThroughAuthrepBecomesA500AndIsLimitsExceededAt3scale() throws Exception {
    BackendCalls calls = new BackendCalls(kit);
    BackendCalls.awaitRoomInTheMinute();
    gateway(SERVICE, token(SERVICE));
    int status = 200;
    for (int call = 0; call <= BackendCalls.LIMIT_PER_MINUTE && status == 200; call++) {
      int before = calls.limitedUsage();
      status = callThrough("user_key=" + BackendCalls.LIMITED_KEY);
      if (status == 200) {
        calls.awaitLimitedUsage(before + 1);
      }
    }
    assertThat(status).as("the call over the limit").isEqualTo(500);
    assertThat(Files.readString(gateway.errorLog()))
        .contains("auth request unexpected status: 409");

    String summary =
        diagnosed(
            doctor(profile(SERVICE, token(SERVICE), "userKey: " + BackendCalls.LIMITED_KEY)),
            "FAILING",
            "3scale",
            "limits-exceeded",
            1);

    assertThat(summary).contains("usage limits are exceeded (hits per minute: 3/3");
  }

  @Test
  void limitsExceededUnderTrafficIsStillLimitsExceededAt3scaleNotTheGatewaysBurstOf5xx()
      throws Exception {
    BackendCalls calls = new BackendCalls(kit);
    BackendCalls.awaitRoomInTheMinute();
    gateway(SERVICE, token(SERVICE));
    calls.bringLimitedAppToItsLimit();
    int refused = 0;
    for (int call = 0; call < 8; call++) {
      refused += callThrough("user_key=" + BackendCalls.LIMITED_KEY) == 500 ? 1 : 0;
    }
    assertThat(refused).as("calls over the limit, each a 500 in the access log").isEqualTo(8);

    DoctorRun run =
        doctor(profile(SERVICE, token(SERVICE), "userKey: " + BackendCalls.LIMITED_KEY));

    diagnosed(run, "FAILING", "3scale", "limits-exceeded", 1);
    assertThat(result(run.json(), "gateway.accesslog").path("cause").asText())
        .as("the access log still shows the burst, as a symptom")
        .isEqualTo("gateway-error-responses");
    assertThat(result(run.json(), "gateway.errorlog").path("cause").asText())
        .as("nginx's 'auth request unexpected status: 409' is 3scale's refusal")
        .isEqualTo("auth-request-refused-by-3scale");
    assertThat(run.json().path("diagnosis").path("otherFailures")).isEmpty();
  }
}
