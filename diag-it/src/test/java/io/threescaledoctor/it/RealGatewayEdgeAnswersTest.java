package io.threescaledoctor.it;

import static io.threescaledoctor.it.ApisonatorKit.SERVICE;
import static io.threescaledoctor.it.ApisonatorKit.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threescaledoctor.core.testing.FreePorts;
import io.threescaledoctor.core.testing.NginxGateway;
import io.threescaledoctor.core.testing.NginxGateway.Location;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Setups where the doctor once gave a misleading answer, on a real nginx gateway that asks the real
 * 3scale backend: each test names the setup and states what the support engineer must be told.
 */
@ExtendWith(RealBackend.class)
class RealGatewayEdgeAnswersTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private static ApisonatorKit kit;

  @TempDir Path dir;

  private MockWebServer api;
  private NginxGateway gateway;

  @BeforeAll
  static void backend(ApisonatorKit started) {
    kit = started;
    assertThat(NginxGateway.installed()).as("the suite drives Debian's nginx").isTrue();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (api != null) {
      api.close();
    }
  }

  /** An API answering 200 with {@code extraHeader} (name: value) when it is not null. */
  private String startApi(String extraHeader) throws IOException {
    api = new MockWebServer();
    api.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            MockResponse.Builder answer =
                new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/json")
                    .body("{\"hello\":\"world\"}");
            if (extraHeader != null) {
              answer.addHeader(extraHeader);
            }
            return answer.build();
          }
        });
    api.start(InetAddress.getLoopbackAddress(), 0);
    return "127.0.0.1:" + api.getPort();
  }

  private Setup setup(String apiUpstream, String serviceToken) {
    return Setup.of(apiUpstream, kit.hostPort(), SERVICE, serviceToken)
        .withAuthrep()
        .withMissingCredentialsRefused();
  }

  private String profile(String apiUpstream, String serviceToken, String userKey) {
    return """
        vantage: gateway
        gateway:
          url: %s
          errorLog: %s
          accessLog: %s
          nginxConf: %s
        api:
          url: http://%s
        client:
          path: /hello
        threescale:
          backend: %s
          serviceId: "%s"
          serviceToken: %s
        credentials:
          userKey: %s
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
            apiUpstream,
            kit.url(),
            SERVICE,
            serviceToken,
            userKey);
  }

  private DoctorRun doctor(String profileYaml, String... secrets) throws IOException {
    Path profile = dir.resolve("profile.yaml");
    Files.writeString(profile, profileYaml);
    List<String> all = new ArrayList<>(ApisonatorKit.SECRETS);
    all.addAll(List.of(secrets));
    DoctorRun run = DoctorRun.of("run", "--config", profile.toString(), "--format", "json");
    run.assertNoSecret(all);
    DoctorRun.of("run", "--config", profile.toString(), "--format", "text", "--verbose")
        .assertNoSecret(all);
    return run;
  }

  private int callThrough(String query) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway.url() + "/hello?" + query))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static JsonNode result(JsonNode report, String id) {
    for (JsonNode r : report.path("results")) {
      if (r.path("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no " + id + " in " + report);
  }

  private static List<String> otherFailures(DoctorRun run) {
    List<String> out = new ArrayList<>();
    run.json()
        .path("diagnosis")
        .path("otherFailures")
        .forEach(f -> out.add(f.path("hop").asText() + " " + f.path("cause").asText()));
    return out;
  }

  @Test
  void aDeadApiAndASuspendedApplicationAreBothNamedAndTheClients500IsTheSuspension()
      throws Exception {
    DoctorRun run;
    try (FreePorts.RefusingPort dead = FreePorts.refusing()) {
      String deadApi = "127.0.0.1:" + dead.port();
      gateway =
          NginxGateway.start(
              Files.createTempDirectory(dir, "nginx"), setup(deadApi, token(SERVICE)));
      run = doctor(profile(deadApi, token(SERVICE), "uk-suspended"));
    }

    assertThat(run.diagnosisLine())
        .as(run.resultsTable())
        .isEqualTo("FAILING api api-unreachable exit 1");
    assertThat(otherFailures(run)).containsExactly("3scale application-not-active");
    JsonNode client = result(run.json(), "client.request");
    assertThat(client.path("cause").asText())
        .as("nginx's 500 is 3scale's 409 for the suspended application, not an unexplained error")
        .isEqualTo("application-not-active");
    assertThat(client.path("summary").asText())
        .startsWith("GET /hello -> HTTP 500 Internal Server Error: the same failure as")
        .contains("application is not active");
    assertThat(client.path("evidence").path("explainedBy").asText())
        .isEqualTo("backend.threescale.authorize");
  }

  @Test
  void aWrongServiceTokenIsNotAlsoBlamedOnTheClientsValidKey() throws Exception {
    String upstream = startApi(null);
    String wrongToken = "st-not-a-token-0002";
    gateway =
        NginxGateway.start(Files.createTempDirectory(dir, "nginx"), setup(upstream, wrongToken));
    assertThat(callThrough("user_key=uk-active")).isEqualTo(403);

    DoctorRun run = doctor(profile(upstream, wrongToken, "uk-active"), wrongToken);

    assertThat(run.diagnosisLine())
        .as(run.resultsTable())
        .isEqualTo("FAILING 3scale service-credentials-invalid exit 1");
    assertThat(otherFailures(run))
        .as("uk-active is a valid key: the client's 403 is the service token's refusal")
        .isEmpty();
    assertThat(result(run.json(), "client.request").path("cause").asText())
        .isEqualTo("service-credentials-invalid");
  }

  @Test
  void aGatewayThatRedirectsToHttpsIsARedirectNotAnAuthBypassNorASuccess() throws Exception {
    String upstream = startApi(null);
    gateway =
        NginxGateway.start(
            Files.createTempDirectory(dir, "nginx"),
            setup(upstream, token(SERVICE)),
            List.of(Location.authorized("/").with("return 301 https://$host$request_uri;")));
    assertThat(callThrough("user_key=uk-active")).isEqualTo(301);

    Path spec = dir.resolve("openapi.json");
    Files.writeString(
        spec,
        """
        {"swagger": "2.0", "info": {"title": "Hello", "version": "1"},
         "securityDefinitions": {"key": {"type": "apiKey", "in": "query", "name": "user_key"}},
         "paths": {"/hello": {"get": {}}}}
        """);

    DoctorRun run =
        doctor(
            profile(upstream, token(SERVICE), "uk-active")
                .replace("  serviceToken:", "  activeDocs: " + spec + "\n  serviceToken:"));

    assertThat(run.diagnosisLine())
        .as(run.resultsTable())
        .isEqualTo("FAILING client-gateway gateway-redirects exit 1");
    assertThat(result(run.json(), "client.activedocs").path("cause").asText())
        .isEqualTo("gateway-redirects");
    JsonNode client = result(run.json(), "client.request");
    assertThat(client.path("status").asText()).isEqualTo("FAIL");
    assertThat(client.path("summary").asText())
        .startsWith("GET /hello -> HTTP 301 Moved Permanently to https://127.0.0.1/hello?");
    assertThat(client.path("evidence").path("location").asText())
        .startsWith("https://127.0.0.1/hello?")
        .doesNotContain("uk-active");
    JsonNode invalid = result(run.json(), "client.invalid-credentials");
    assertThat(invalid.path("cause").asText())
        .as("a redirect says nothing of whether the gateway checks credentials")
        .isEqualTo("gateway-redirects");
    assertThat(invalid.path("status").asText()).isEqualTo("WARN");
  }

  @Test
  void anApiWithHeadersNginxCannotBufferIsTheGatewaysBufferNotAnApiThatSpeaksNoHttp()
      throws Exception {
    // 20 KB of headers: curl reads them, nginx's default 4-8 KB proxy buffer does not.
    String upstream = startApi("X-Session-State: " + "a".repeat(20_000));
    gateway =
        NginxGateway.start(
            Files.createTempDirectory(dir, "nginx"), setup(upstream, token(SERVICE)));
    assertThat(callThrough("user_key=uk-active")).as("nginx's 502").isEqualTo(502);

    DoctorRun run = doctor(profile(upstream, token(SERVICE), "uk-active"));

    assertThat(result(run.json(), "api.http.request").path("status").asText())
        .as("the API answers, as curl sees it")
        .isEqualTo("PASS");
    assertThat(run.diagnosisLine())
        .as(run.resultsTable())
        .isEqualTo("FAILING gateway-api upstream-header-too-big exit 1");
  }
}
