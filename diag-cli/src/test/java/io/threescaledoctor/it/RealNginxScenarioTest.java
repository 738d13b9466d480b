package io.threescaledoctor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threescaledoctor.core.testing.Component;
import io.threescaledoctor.core.testing.NginxGateway;
import io.threescaledoctor.core.testing.NginxGateway.CredentialsFrom;
import io.threescaledoctor.core.testing.NginxGateway.Setup;
import io.threescaledoctor.it.FakeThreescaleBackend.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor against a real nginx gateway, one broken link per test: nginx authorizes each call
 * with {@code auth_request} against a fake 3scale backend, then proxies to a fake API; the doctor
 * runs through the CLI's entry point with {@code --format json} and must name the hop and cause.
 */
class RealNginxScenarioTest {
  private static final String SERVICE_ID = "2555417777777";
  private static final String SERVICE_TOKEN = "st-SENTINEL-9d2c71e4f0aa";
  private static final String USER_KEY = "uk-SENTINEL-5a8f03b6c7dd";
  private static final List<String> SECRETS = List.of(SERVICE_TOKEN, USER_KEY);

  @TempDir Path dir;

  @AutoClose private final Running running = new Running();

  @BeforeAll
  static void nginxIsInstalled() {
    Component.NGINX.require();
  }

  @Test
  void healthyChainIsHealthy() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    NginxGateway gateway =
        gateway(Setup.of(Running.hostPort(api), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN));

    DoctorRun run = doctor(profile(gateway, "http://" + Running.hostPort(api), backend.url()));

    assertDiagnosis(run, "HEALTHY", null, null, 0);
    assertOnlyAuthorizeWasCalled(backend);
    // The doctor's keyless probe got 3scale's 404 for an empty key, as a 500: its own doing.
    assertThat(Files.readString(gateway.errorLog()))
        .contains("auth request unexpected status: 404");
    assertThat(run.json().toString())
        .contains("1 line from the doctor's own probes set aside")
        .contains("from the doctor's own probes\"");
  }

  @Test
  void apiRefusingConnectionsIsTheApisFault() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    String closed = running.refusedAddress();
    NginxGateway gateway = gateway(Setup.of(closed, backend.hostPort(), SERVICE_ID, SERVICE_TOKEN));

    DoctorRun run = doctor(profile(gateway, "http://" + closed, backend.url()));

    assertDiagnosis(run, "FAILING", "api", "api-unreachable", 1);
  }

  @Test
  void apiThatAcceptsButNeverAnswersTimesOut() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    SilentServer silent = running.track(new SilentServer());
    NginxGateway gateway =
        gateway(
            Setup.of(silent.hostPort(), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN)
                .withProxyReadTimeout(Duration.ofSeconds(1)));

    // The doctor waits longer (2s) than nginx (1s), so its probe through the gateway sees nginx's
    // 504 rather than racing it; its direct call to the API times out on its own.
    DoctorRun run =
        doctor(
            profile(gateway, "http://" + silent.hostPort(), backend.url())
                .replace("read: 1s", "read: 2s"));

    assertDiagnosis(run, "FAILING", "api", "api-timeout", 1);
  }

  @Test
  void invalidUserKeyIsCredentialsInvalidAt3scale() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.USER_KEY_INVALID);
    MockWebServer api = running.api();
    NginxGateway gateway =
        gateway(Setup.of(Running.hostPort(api), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN));

    DoctorRun run = doctor(profile(gateway, "http://" + Running.hostPort(api), backend.url()));

    assertDiagnosis(run, "FAILING", "3scale", "credentials-invalid", 1);
    assertOnlyAuthorizeWasCalled(backend);
  }

  @Test
  void backendDownIsBackendUnreachableAt3scale() throws Exception {
    MockWebServer api = running.api();
    String closed = running.refusedAddress();
    NginxGateway gateway =
        gateway(Setup.of(Running.hostPort(api), closed, SERVICE_ID, SERVICE_TOKEN));

    DoctorRun run = doctor(profile(gateway, "http://" + Running.hostPort(api), "http://" + closed));

    assertDiagnosis(run, "FAILING", "3scale", "backend-unreachable", 1);
  }

  @Test
  void apiThatTheDoctorReachesButTheGatewayCannotIsTheGatewayApiHop() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    // nginx proxies to an address where nothing listens (a stale private base URL), while the
    // API itself answers the doctor: the guide's 4.3.2 case, seen in the gateway's error log.
    String stale = running.refusedAddress();
    NginxGateway gateway = gateway(Setup.of(stale, backend.hostPort(), SERVICE_ID, SERVICE_TOKEN));

    DoctorRun run = doctor(profile(gateway, "http://" + Running.hostPort(api), backend.url()));

    assertDiagnosis(run, "FAILING", "gateway-api", "upstream-connect-refused", 1);
  }

  @Test
  void backendThatTheDoctorReachesButTheGatewayCannotIsTheGateway3scaleHop() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    String unreachable = running.refusedAddress();
    NginxGateway gateway =
        gateway(Setup.of(Running.hostPort(api), unreachable, SERVICE_ID, SERVICE_TOKEN));

    DoctorRun run = doctor(profile(gateway, "http://" + Running.hostPort(api), backend.url()));

    assertDiagnosis(run, "FAILING", "gateway-3scale", "backend-unreachable", 1);
    assertOnlyAuthorizeWasCalled(backend);
  }

  @Test
  void healthyChainSeenFromAClientMachineIsHealthy() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    NginxGateway gateway =
        gateway(Setup.of(Running.hostPort(api), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN));

    DoctorRun run =
        doctor(fromAClient(profile(gateway, "http://" + Running.hostPort(api), backend.url())));

    assertDiagnosis(run, "HEALTHY", null, null, 0);
  }

  @Test
  void backendDownSeenFromAClientMachineWithoutLogsIsStillBackendUnreachable() throws Exception {
    MockWebServer api = running.api();
    String closed = running.refusedAddress();
    NginxGateway gateway =
        gateway(Setup.of(Running.hostPort(api), closed, SERVICE_ID, SERVICE_TOKEN));

    DoctorRun run =
        doctor(
            fromAClient(profile(gateway, "http://" + Running.hostPort(api), "http://" + closed)));

    assertDiagnosis(run, "FAILING", "3scale", "backend-unreachable", 1);
  }

  @Test
  void gatewayStillCallingTheBackendsOldAddressIsAStaleAddress() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    // The guide's 4.1.2 trap: nginx resolved the backend's name once, at start (127.0.0.2 here,
    // where nothing listens any more); the name now resolves to 127.0.0.1, where 3scale answers.
    // "localhost" comes from /etc/hosts, so no DNS query leaves the machine.
    int backendPort = Integer.parseInt(backend.hostPort().split(":")[1]);
    NginxGateway gateway =
        gateway(
            Setup.of(Running.hostPort(api), "127.0.0.2:" + backendPort, SERVICE_ID, SERVICE_TOKEN));

    DoctorRun run =
        doctor(
            profile(gateway, "http://" + Running.hostPort(api), "http://localhost:" + backendPort));

    assertDiagnosis(run, "FAILING", "gateway-3scale", "dns-stale-address", 1);
  }

  @Test
  void usageLimitsExceededIsLimitsExceededAt3scale() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.LIMITS_EXCEEDED);
    MockWebServer api = running.api();
    NginxGateway gateway =
        gateway(Setup.of(Running.hostPort(api), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN));

    DoctorRun run = doctor(profile(gateway, "http://" + Running.hostPort(api), backend.url()));

    assertDiagnosis(run, "FAILING", "3scale", "limits-exceeded", 1);
    assertOnlyAuthorizeWasCalled(backend);
  }

  @Test
  void credentialsInAHeaderWithUnderscoresThatNginxDropsAreTheClientsTrap() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    // nginx's default (underscores_in_headers off) ignores the user_key header; info level logs
    // the "client sent invalid header line" that shows it.
    NginxGateway gateway =
        gateway(
            Setup.of(Running.hostPort(api), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN)
                .withCredentialsFrom(CredentialsFrom.HEADER)
                .withErrorLogLevel("info"));

    DoctorRun run =
        doctor(
            profile(gateway, "http://" + Running.hostPort(api), backend.url())
                .replace("in: query", "in: header"));

    assertDiagnosis(run, "FAILING", "client", "underscores-in-headers-disabled", 1);
    assertOnlyAuthorizeWasCalled(backend);
  }

  @Test
  void credentialsInAHeaderWithUnderscoresAreHealthyWhenNginxAcceptsThem() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    NginxGateway gateway =
        gateway(
            Setup.of(Running.hostPort(api), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN)
                .withCredentialsFrom(CredentialsFrom.HEADER)
                .withUnderscoresInHeaders(true)
                .withErrorLogLevel("info"));

    DoctorRun run =
        doctor(
            profile(gateway, "http://" + Running.hostPort(api), backend.url())
                .replace("in: query", "in: header"));

    assertDiagnosis(run, "HEALTHY", null, null, 0);
  }

  @Test
  void variableProxyPassWithoutResolverIsFoundInTheErrorLog() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    // "localhost" keeps any lookup on this machine; nginx refuses to resolve it at request time
    // because no resolver is configured.
    NginxGateway gateway =
        gateway(
            Setup.of("localhost:" + api.getPort(), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN)
                .withApiHostInVariable());

    DoctorRun run =
        doctor(
            profile(gateway, "http://" + Running.hostPort(api), backend.url())
                .replaceAll("(?m)^  nginxConf: .*\\n", ""));

    assertDiagnosis(run, "FAILING", "gateway", "dns-no-resolver", 1);
    assertThat(Files.readString(gateway.errorLog()))
        .as("the doctor's own probe produced the evidence it read")
        .contains("no resolver defined to resolve localhost");
  }

  @Test
  void variableProxyPassWithoutResolverIsFoundInTheNginxConf() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    NginxGateway gateway =
        gateway(
            Setup.of("localhost:" + api.getPort(), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN)
                .withApiHostInVariable());

    DoctorRun run =
        doctor(
            profile(gateway, "http://" + Running.hostPort(api), backend.url())
                .replaceAll("(?m)^  (errorLog|accessLog): .*\\n", ""));

    assertDiagnosis(run, "FAILING", "gateway", "dns-no-resolver", 1);
  }

  @Test
  void rotatedGzipErrorLogIsReadTogetherWithTheLiveOne() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    NginxGateway gateway =
        gateway(
            Setup.of("localhost:" + api.getPort(), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN)
                .withApiHostInVariable());
    assertThat(callThrough(gateway)).isEqualTo(502);
    assertThat(callThrough(gateway)).isEqualTo(502);
    Path rotated = rotateErrorLog(gateway);
    assertThat(callThrough(gateway)).isEqualTo(502);
    assertThat(Files.readString(gateway.errorLog()))
        .contains("no resolver defined to resolve localhost");

    DoctorRun run =
        DoctorRun.of("logs", rotated.toString(), gateway.errorLog().toString(), "--format", "json");

    assertThat(run.exitCode()).as(run.stderr()).isIn(0, 1);
    List<JsonNode> findings = findingsWithId(run.json(), "dns-no-resolver");
    assertThat(findings).as("findings with id dns-no-resolver in %s", run.stdout()).hasSize(1);
    JsonNode count = findings.get(0).path("evidence").path("count");
    assertThat(count.isMissingNode() ? findings.get(0).path("count").asInt() : count.asInt())
        .as("two lines from the rotated .gz and one from the live log")
        .isEqualTo(3);
    run.assertNoSecret(SECRETS);
  }

  // ---- scenario parts

  private FakeThreescaleBackend backend(Verdict verdict) throws IOException {
    return running.track(new FakeThreescaleBackend(SERVICE_ID, SERVICE_TOKEN, USER_KEY, verdict));
  }

  private NginxGateway gateway(Setup setup) throws IOException, InterruptedException {
    Path nginxDir = Files.createDirectories(dir.resolve("nginx"));
    return running.track(NginxGateway.start(nginxDir, setup));
  }

  /**
   * The profile a support engineer on the gateway host would write: every hop's address, the
   * application's credentials, the gateway's logs and config, and short timeouts.
   */
  private static String profile(NginxGateway gateway, String apiUrl, String backendUrl) {
    return """
        vantage: gateway
        gateway:
          url: %s
          errorLog: %s
          accessLog: %s
          nginxConf: %s
        api:
          url: %s
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
          connect: 1s
          read: 1s
          total: 15s
        """
        .formatted(
            gateway.url(),
            gateway.errorLog(),
            gateway.accessLog(),
            gateway.nginxConf(),
            apiUrl,
            backendUrl,
            SERVICE_ID,
            SERVICE_TOKEN,
            USER_KEY);
  }

  /** The same setup as seen from a client machine: no gateway logs or config to read. */
  private static String fromAClient(String gatewayProfile) {
    return gatewayProfile
        .replace("vantage: gateway", "vantage: client")
        .replaceAll("(?m)^  (errorLog|accessLog|nginxConf): .*\\n", "");
  }

  /** Runs the doctor in JSON and in text; both must keep the secrets to themselves. */
  private DoctorRun doctor(String profileYaml) throws IOException {
    Path profile = dir.resolve("profile.yaml");
    Files.writeString(profile, profileYaml);
    DoctorRun json = DoctorRun.of("run", "--config", profile.toString(), "--format", "json");
    json.json();
    json.assertNoSecret(SECRETS);
    DoctorRun text =
        DoctorRun.of("run", "--config", profile.toString(), "--format", "text", "--verbose");
    text.assertNoSecret(SECRETS);
    return json;
  }

  private static void assertDiagnosis(
      DoctorRun run, String status, String hop, String cause, int exitCode) {
    JsonNode diagnosis = run.json().path("diagnosis");
    String expected = status + " " + hop + " " + cause + " exit " + exitCode;
    assertThat(run.diagnosisLine())
        .as(
            "diagnosis (status, likelyFailurePoint, cause, exit code); results were:%n%s%s",
            run.resultsTable(), run.stderr().isEmpty() ? "" : "stderr: " + run.stderr())
        .isEqualTo(expected);
    assertThat(diagnosis.path("likelyFailurePoint").isNull()).isEqualTo(hop == null);
    assertThat(diagnosis.path("cause").isNull()).isEqualTo(cause == null);
  }

  /**
   * The doctor talks to 3scale read-only: authorize (and the public /status for the backend's
   * version), never authrep or anything else.
   */
  private static void assertOnlyAuthorizeWasCalled(FakeThreescaleBackend backend) {
    assertThat(backend.requestLines())
        .contains("GET /transactions/authorize.xml")
        .allMatch(
            line -> line.equals("GET /transactions/authorize.xml") || line.equals("GET /status"));
  }

  private static int callThrough(NginxGateway gateway) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway.url() + "/hello?user_key=" + USER_KEY))
            .timeout(Duration.ofSeconds(5))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** What logrotate does: move the live log away, make nginx reopen, compress the old one. */
  private static Path rotateErrorLog(NginxGateway gateway)
      throws IOException, InterruptedException {
    Path moved = gateway.dir().resolve("error.log.1");
    Files.move(gateway.errorLog(), moved);
    gateway.reopenLogs(moved);
    Path gz = gateway.dir().resolve("error.log.1.gz");
    try (InputStream in = Files.newInputStream(moved);
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      in.transferTo(out);
    }
    Files.delete(moved);
    return gz;
  }

  /** Every object in the report that names the known-issue id, wherever the report puts it. */
  private static List<JsonNode> findingsWithId(JsonNode node, String id) {
    List<JsonNode> found = new ArrayList<>();
    collect(node, id, found);
    return found;
  }

  private static void collect(JsonNode node, String id, List<JsonNode> found) {
    if (node.isObject()) {
      boolean names = false;
      for (var it = node.fields(); it.hasNext(); ) {
        var field = it.next();
        if (field.getValue().isTextual()
            && field.getValue().asText().equals(id)
            && (node.has("count") || node.path("evidence").has("count"))) {
          names = true;
        }
      }
      if (names) {
        found.add(node);
        return;
      }
    }
    for (JsonNode child : node) {
      collect(child, id, found);
    }
  }
}
