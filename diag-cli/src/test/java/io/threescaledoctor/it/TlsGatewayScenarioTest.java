package io.threescaledoctor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threescaledoctor.checks.tls.TestPki;
import io.threescaledoctor.core.testing.Component;
import io.threescaledoctor.core.testing.RealNginx;
import io.threescaledoctor.it.FakeThreescaleBackend.Verdict;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real nginx gateway over HTTPS whose certificate clients reject: the headline is the
 * certificate, at the hop between client and gateway, with the certificate's own fix first; never a
 * failed handshake blamed on the gateway's listener nor a firewall to open.
 */
class TlsGatewayScenarioTest {
  private static final String SERVICE_ID = "2555417777777";
  private static final String SERVICE_TOKEN = "st-SENTINEL-5b1d9e3a7c20";
  private static final String USER_KEY = "uk-SENTINEL-c4a8e2f61b97";

  @TempDir Path dir;

  private String apiUrl;
  private String backendUrl;

  @AutoClose private final Running running = new Running();

  @BeforeAll
  static void nginxIsInstalled() {
    Component.NGINX.require();
  }

  @Test
  void aSelfSignedGatewayCertificateIsTheHeadlineBetweenClientAndGateway() throws Exception {
    TestPki.Issued self = TestPki.selfSigned("gw.test", "127.0.0.1");
    RealNginx gateway = httpsGateway(self);

    DoctorRun run = doctor("https://127.0.0.1:" + gateway.port());

    assertThat(run.diagnosisLine())
        .as(run.resultsTable())
        .isEqualTo("FAILING client-gateway tls-self-signed exit 1");
    assertThat(causeOf(run, "gateway.http.request")).isEqualTo("tls-self-signed");
    assertThat(causeOf(run, "client.request")).isEqualTo("tls-self-signed");
    assertThat(String.join(" ", nextSteps(run)).toLowerCase()).doesNotContain("firewall");
    DoctorRun text = DoctorRun.of("run", "--config", dir.resolve("profile.yaml").toString(), "-v");
    assertThat(text.stdout())
        .contains("presented a certificate this client rejects")
        .doesNotContain("sun.security")
        .doesNotContain("PKIX")
        .doesNotContain(USER_KEY)
        .doesNotContain(SERVICE_TOKEN);
  }

  @Test
  void aGatewayCertificateForAnotherNameIsAHostnameMismatch() throws Exception {
    TestPki pki = new TestPki();
    TestPki.Issued other = pki.leaf("other.test");
    RealNginx gateway = httpsGateway(other, pki.intermediate.certificate());
    Path ca = TestPki.writePem(dir.resolve("ca.pem"), pki.root.certificate());

    DoctorRun run =
        doctor(
            "https://gw.test:" + gateway.port(),
            "network:\n  resolve: [\"gw.test:127.0.0.1\"]\ntls:\n  caFile: " + ca + "\n");

    assertThat(run.diagnosisLine())
        .as(run.resultsTable())
        .isEqualTo("FAILING client-gateway tls-hostname-mismatch exit 1");
    assertThat(causeOf(run, "client.invalid-credentials")).isEqualTo("tls-hostname-mismatch");
  }

  /**
   * nginx on https presenting {@code leaf} and then {@code intermediates}, authorizing every call
   * with the fake 3scale backend and proxying it to a fake API.
   */
  private RealNginx httpsGateway(TestPki.Issued leaf, X509Certificate... intermediates)
      throws Exception {
    List<Object> chain = new ArrayList<>(List.of(leaf.certificate()));
    chain.addAll(List.of(intermediates));
    Path cert = TestPki.writePem(dir.resolve("gw.pem"), chain.toArray());
    Path key = TestPki.writePem(dir.resolve("gw.key"), leaf.keys().getPrivate());
    FakeThreescaleBackend backend =
        running.track(
            new FakeThreescaleBackend(SERVICE_ID, SERVICE_TOKEN, USER_KEY, Verdict.AUTHORIZED));
    MockWebServer api = running.track(new MockWebServer());
    api.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
            return new MockResponse.Builder().code(200).body("{\"hello\":\"world\"}").build();
          }
        });
    api.start(InetAddress.getLoopbackAddress(), 0);
    this.apiUrl = "http://127.0.0.1:" + api.getPort();
    this.backendUrl = backend.url();
    return running.track(
        RealNginx.start(
            Files.createDirectories(dir.resolve("nginx")),
            """
            server {
              listen 127.0.0.1:PORT ssl;
              ssl_certificate %1$s;
              ssl_certificate_key %2$s;
              location = /threescale_authorize {
                internal;
                proxy_pass http://%3$s/transactions/authorize.xml?service_token=%4$s&service_id=%5$s&user_key=$user_key;
                proxy_pass_request_body off;
                proxy_set_header Content-Length "";
              }
              location / {
                set $user_key $arg_user_key;
                auth_request /threescale_authorize;
                proxy_pass http://127.0.0.1:%6$d;
              }
            }
            """
                .formatted(
                    cert, key, backend.hostPort(), SERVICE_TOKEN, SERVICE_ID, api.getPort())));
  }

  private DoctorRun doctor(String gatewayUrl, String... extra) throws Exception {
    Path profile = dir.resolve("profile.yaml");
    Files.writeString(
        profile,
        """
        vantage: client
        gateway:
          url: %s
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
        timeouts:
          connect: 1s
          read: 2s
          total: 20s
        """
                .formatted(gatewayUrl, apiUrl, backendUrl, SERVICE_ID, SERVICE_TOKEN, USER_KEY)
            + String.join("", extra));
    DoctorRun run =
        DoctorRun.of(
            "run", "--config", profile.toString(), "--format", "json", "--skip", "dns.bypass");
    run.assertNoSecret(List.of(SERVICE_TOKEN, USER_KEY));
    return run;
  }

  private static String causeOf(DoctorRun run, String id) {
    for (JsonNode r : run.json().path("results")) {
      if (r.path("id").asText().equals(id)) {
        return r.path("cause").asText();
      }
    }
    throw new AssertionError("no result " + id + " in:\n" + run.resultsTable());
  }

  private static List<String> nextSteps(DoctorRun run) {
    List<String> out = new ArrayList<>();
    run.json().path("diagnosis").path("nextSteps").forEach(s -> out.add(s.asText()));
    return out;
  }
}
