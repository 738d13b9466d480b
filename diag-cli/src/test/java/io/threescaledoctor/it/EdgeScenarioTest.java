package io.threescaledoctor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threescaledoctor.checks.dns.Dnsmasq;
import io.threescaledoctor.core.testing.Component;
import io.threescaledoctor.core.testing.NginxGateway;
import io.threescaledoctor.core.testing.NginxGateway.Setup;
import io.threescaledoctor.core.testing.RealNginx;
import io.threescaledoctor.it.FakeThreescaleBackend.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes of setups where a doctor's headline used to mislead (issue 11), each against a real
 * nginx: a refused gateway port is the gateway's listener, not a firewall; an nginx on another port
 * is named with the port it serves; a listener that accepts and closes is not a reachability
 * problem; a DNS answer that is wrong while the address works is DNS; two faults are both reported;
 * a chain where every hop is silent costs one timeout. Each asserts the hop, the cause and the
 * other hops that fail on their own.
 */
class EdgeScenarioTest {
  private static final String SERVICE_ID = "2555417777777";
  private static final String SERVICE_TOKEN = "st-SENTINEL-3e9a1c07d2b4";
  private static final String USER_KEY = "uk-SENTINEL-71f0c2d9e5a8";
  private static final List<String> SECRETS = List.of(SERVICE_TOKEN, USER_KEY);

  @TempDir Path dir;

  @AutoClose private final Running running = new Running();

  @BeforeAll
  static void nginxIsInstalled() {
    Component.NGINX.require();
  }

  @Test
  void aRefusedGatewayPortWithItsLogsOnThisHostIsTheGatewayDownNotAFirewall() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    NginxGateway gateway =
        NginxGateway.start(
            Files.createDirectories(dir.resolve("nginx")),
            Setup.of(Running.hostPort(api), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN));
    String url = gateway.url().toString();
    gateway.close();

    // No vantage in the profile: the gateway URL and its log files are on this host.
    DoctorRun run =
        doctor(
            new Profile(url, "http://" + Running.hostPort(api), backend.url())
                .gatewayFiles(gateway.errorLog(), gateway.accessLog(), gateway.nginxConf())
                .yaml());

    assertDiagnosis(run, "FAILING", "gateway", "gateway-down");
    assertThat(otherFailures(run)).isEmpty();
    JsonNode report = run.json();
    assertThat(report.path("vantage").asText()).isEqualTo("gateway");
    assertThat(report.path("vantageInferredFrom").asText()).contains("127.0.0.1");
    JsonNode tcp = result(run, "gateway.tcp.connect");
    assertThat(tcp.path("hop").asText() + " " + tcp.path("cause").asText())
        .isEqualTo("gateway gateway-down");
    assertThat(tcp.path("summary").asText())
        .contains("refused")
        .contains("no nginx of this gateway runs");
    assertThat(result(run, "gateway.process").path("cause").asText()).isEqualTo("gateway-down");
    assertThat(String.join(" ", nextSteps(run)).toLowerCase()).doesNotContain("firewall");
  }

  @Test
  void anNginxRunningOnAnotherPortIsNamedWithThePortItListensOn() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    NginxGateway gateway =
        gateway(Setup.of(Running.hostPort(api), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN));
    String wrongPort = "http://" + running.refusedAddress();

    DoctorRun run =
        doctor(
            new Profile(wrongPort, "http://" + Running.hostPort(api), backend.url())
                .gatewayFiles(gateway.errorLog(), gateway.accessLog(), gateway.nginxConf())
                .yaml());

    assertDiagnosis(run, "FAILING", "gateway", "gateway-listens-elsewhere");
    assertThat(otherFailures(run)).isEmpty();
    String said = result(run, "gateway.process").path("summary").asText();
    assertThat(said)
        .contains("nginx (master " + gateway.pid())
        .contains("listens on 127.0.0.1:" + gateway.url().getPort())
        .contains("not on " + wrongPort.substring("http://".length()));
    JsonNode tcp = result(run, "gateway.tcp.connect");
    assertThat(tcp.path("hop").asText() + " " + tcp.path("cause").asText())
        .isEqualTo("gateway gateway-listens-elsewhere");
  }

  @Test
  void aListenerThatAcceptsThenClosesIsTheGatewaysNotTheNetworks() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    // A real nginx that expects the PROXY protocol (as behind a load balancer) closes a plain
    // HTTP connection without an answer.
    RealNginx nginx =
        running.track(
            RealNginx.start(
                Files.createDirectories(dir.resolve("nginx")),
                """
                server {
                  listen 127.0.0.1:PORT proxy_protocol;
                  location / { proxy_pass http://%s; }
                }
                """
                    .formatted(Running.hostPort(api))));

    DoctorRun run =
        doctor(
            new Profile(nginx.url().toString(), "http://" + Running.hostPort(api), backend.url())
                .vantage("client")
                .yaml());

    assertDiagnosis(run, "FAILING", "gateway", "gateway-closed-connection");
    assertThat(otherFailures(run)).isEmpty();
    JsonNode http = result(run, "gateway.http.request");
    assertThat(http.path("summary").asText()).contains("closed it without an answer");
    assertThat(http.path("reproduce").asText()).contains("openssl s_client -connect 127.0.0.1:");
    assertThat(String.join(" ", nextSteps(run)).toLowerCase()).doesNotContain("open the firewall");
    assertThat(Files.readString(nginx.errorLog())).contains("broken header");
  }

  @Test
  void aDnsAnswerThatIsWrongWhileTheAddressWorksIsDnsFirst() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.AUTHORIZED);
    MockWebServer api = running.api();
    NginxGateway gateway =
        gateway(Setup.of(Running.hostPort(api), backend.hostPort(), SERVICE_ID, SERVICE_TOKEN));
    // The resolver the gateway is told to use still answers an old address for the API's name;
    // the host's own resolver (the test hosts file) has the right one.
    Dnsmasq dns = running.track(Dnsmasq.start("--host-record=localhost,127.0.0.2,60"));

    DoctorRun run =
        doctor(
            new Profile(
                    gateway.url().toString(), "http://localhost:" + api.getPort(), backend.url())
                .vantage("client")
                .extra("dns:\n  resolvers: [" + dns.resolver() + "]\n")
                .yaml());

    assertDiagnosis(run, "FAILING", "api", "dns-wrong-address");
    assertThat(otherFailures(run)).isEmpty();
    assertThat(result(run, "api.tcp.connect").path("cause").asText()).isEqualTo("api-unreachable");
    assertThat(nextSteps(run).get(0)).contains("Fix the DNS record");
    assertThat(nextSteps(run)).noneMatch(s -> s.startsWith("Start the API"));
  }

  @Test
  void twoFaultsAtOnceAreBothReportedTheFirstHopFirst() throws Exception {
    FakeThreescaleBackend backend = backend(Verdict.USER_KEY_INVALID);
    String closed = running.refusedAddress();
    NginxGateway gateway = gateway(Setup.of(closed, backend.hostPort(), SERVICE_ID, SERVICE_TOKEN));

    DoctorRun run =
        doctor(new Profile(gateway.url().toString(), "http://" + closed, backend.url()).yaml());

    assertDiagnosis(run, "FAILING", "api", "api-unreachable");
    assertThat(otherFailures(run)).containsExactly("3scale credentials-invalid");
    DoctorRun text = textRun();
    assertThat(text.stdout())
        .contains("Also failing on its own:")
        .containsPattern(
            "(?m)^  3scale \\(credentials-invalid\\): .*\\[backend.threescale.authorize]$");
    assertThat(nextSteps(run))
        .anyMatch(s -> s.startsWith("Also failing on its own, 3scale (credentials-invalid)"));
    assertThat(result(run, "backend.threescale.authorize").path("reproduce").asText())
        .as("a command that can be pasted once the variables are set")
        .contains("service_token='\"$THREESCALE_SERVICE_TOKEN\"'")
        .contains("user_key='\"$THREESCALE_USER_KEY\"'");
    assertThat(nextSteps(run))
        .filteredOn(s -> s.contains("THREESCALE_USER_KEY (credentials.userKey)"))
        .hasSize(1);
  }

  @Test
  void aChainWhereEveryHopIsSilentWaitsForOneTimeoutNotTwo() throws Exception {
    SilentServer silentApi = running.track(new SilentServer());
    SilentServer silentBackend = running.track(new SilentServer());
    // nginx waits longer for its upstreams than the doctor waits for nginx: to the doctor the
    // gateway is as silent as what is behind it.
    NginxGateway gateway =
        gateway(
            Setup.of(silentApi.hostPort(), silentBackend.hostPort(), SERVICE_ID, SERVICE_TOKEN)
                .withProxyReadTimeout(Duration.ofSeconds(10)));

    DoctorRun run =
        doctor(
            new Profile(
                    gateway.url().toString(),
                    "http://" + silentApi.hostPort(),
                    "http://" + silentBackend.hostPort())
                .yaml());

    assertDiagnosis(run, "FAILING", "api", "api-timeout");
    assertThat(otherFailures(run))
        .as("the gateway is silent because what it waits on is: not a fault of its own")
        .containsExactly("3scale backend-timeout");
    assertThat(result(run, "gateway.http.request").path("cause").asText())
        .isEqualTo("gateway-timeout");
    for (String id : List.of("client.request", "client.invalid-credentials")) {
      assertThat(result(run, id).path("status").asText()).as(id).isEqualTo("SKIP");
      assertThat(result(run, id).path("summary").asText())
          .as(id)
          .startsWith("blocked by gateway.http.request (FAIL: timed out, timeouts.read)");
    }
  }

  // ---- scenario parts

  /** A profile a support engineer would write; no vantage unless a scenario sets one. */
  private static final class Profile {
    private final String gatewayUrl;
    private final String apiUrl;
    private final String backendUrl;
    private String vantage;
    private String files = "";
    private String extra = "";

    Profile(String gatewayUrl, String apiUrl, String backendUrl) {
      this.gatewayUrl = gatewayUrl;
      this.apiUrl = apiUrl;
      this.backendUrl = backendUrl;
    }

    Profile vantage(String v) {
      this.vantage = v;
      return this;
    }

    Profile gatewayFiles(Path errorLog, Path accessLog, Path nginxConf) {
      this.files =
          "  errorLog: %s\n  accessLog: %s\n  nginxConf: %s\n"
              .formatted(errorLog, accessLog, nginxConf);
      return this;
    }

    Profile extra(String yaml) {
      this.extra = yaml;
      return this;
    }

    String yaml() {
      return (vantage == null ? "" : "vantage: " + vantage + "\n")
          + "gateway:\n  url: "
          + gatewayUrl
          + "\n"
          + files
          + """
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
            total: 20s
          """
              .formatted(apiUrl, backendUrl, SERVICE_ID, SERVICE_TOKEN, USER_KEY)
          + extra;
    }
  }

  private FakeThreescaleBackend backend(Verdict verdict) throws IOException {
    return running.track(new FakeThreescaleBackend(SERVICE_ID, SERVICE_TOKEN, USER_KEY, verdict));
  }

  private NginxGateway gateway(Setup setup) throws IOException, InterruptedException {
    return running.track(NginxGateway.start(Files.createDirectories(dir.resolve("nginx")), setup));
  }

  private Path profileFile() {
    return dir.resolve("profile.yaml");
  }

  /** Runs the doctor in JSON (returned) and in text; neither may show a secret. */
  private DoctorRun doctor(String profileYaml) throws IOException {
    Files.writeString(profileFile(), profileYaml);
    DoctorRun json = DoctorRun.of("run", "--config", profileFile().toString(), "--format", "json");
    json.json();
    json.assertNoSecret(SECRETS);
    textRun().assertNoSecret(SECRETS);
    return json;
  }

  private DoctorRun textRun() {
    return DoctorRun.of("run", "--config", profileFile().toString(), "--format", "text", "-v");
  }

  private static void assertDiagnosis(DoctorRun run, String status, String hop, String cause) {
    assertThat(run.diagnosisLine())
        .as(
            "diagnosis (status, likelyFailurePoint, cause, exit code); results were:%n%s%s",
            describe(run.json()), run.stderr().isEmpty() ? "" : "stderr: " + run.stderr())
        .isEqualTo(status + " " + hop + " " + cause + " exit 1");
  }

  private static List<String> otherFailures(DoctorRun run) {
    List<String> out = new ArrayList<>();
    for (JsonNode o : run.json().path("diagnosis").path("otherFailures")) {
      out.add(o.path("hop").asText() + " " + o.path("cause").asText());
    }
    return out;
  }

  private static List<String> nextSteps(DoctorRun run) {
    List<String> out = new ArrayList<>();
    run.json().path("diagnosis").path("nextSteps").forEach(s -> out.add(s.asText()));
    return out;
  }

  private static JsonNode result(DoctorRun run, String id) {
    for (JsonNode r : run.json().path("results")) {
      if (r.path("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no result " + id + " in:\n" + describe(run.json()));
  }

  private static String describe(JsonNode report) {
    StringBuilder s = new StringBuilder();
    for (JsonNode r : report.path("results")) {
      s.append(
          String.format(
              "  %-34s %-15s %-5s %-28s %s%n",
              r.path("id").asText(),
              r.path("hop").asText(),
              r.path("status").asText(),
              r.path("cause").asText("-"),
              r.path("summary").asText()));
    }
    s.append("  otherFailures: ").append(report.path("diagnosis").path("otherFailures"));
    return s.toString();
  }
}
