package io.threescaledoctor.checks.threescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortalProxyCheckTest {
  private final MockWebServer admin = new MockWebServer();
  private final FakePortal portal = new FakePortal();

  @BeforeEach
  void start() throws IOException {
    admin.setDispatcher(portal);
    admin.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws IOException {
    admin.close();
  }

  private CheckResult lint(
      String production,
      String privateBaseUrl,
      String location,
      long stagingVersion,
      Long productionVersion,
      String... extra) {
    portal
        .on("/admin/api/services.json", 200, FakePortal.services("7"))
        .on(
            "/admin/api/services/7/proxy.json",
            200,
            FakePortal.proxy(
                "7", production, "https://api-staging.example.com:443", privateBaseUrl, location))
        .on(
            "/admin/api/services/7/proxy/configs/sandbox/latest.json",
            200,
            FakePortal.config("sandbox", stagingVersion));
    if (productionVersion != null) {
      portal.on(
          "/admin/api/services/7/proxy/configs/production/latest.json",
          200,
          FakePortal.config("production", productionVersion));
    }
    List<String> kv =
        new ArrayList<>(
            List.of(
                "threescale.admin",
                "http://" + FakePortal.TOKEN + "@127.0.0.1:" + admin.getPort(),
                "gateway.url",
                production,
                "credentials.userKey",
                CheckRuns.USER_KEY));
    kv.addAll(List.of(extra));
    return CheckRuns.result(
        CheckRuns.run(
            CheckRuns.profile(kv.toArray(String[]::new)),
            new PortalServicesCheck(),
            new PortalProxyCheck()),
        "admin.portal.proxy");
  }

  @Test
  void passesAPromotedCleanConfiguration() throws Exception {
    CheckResult r = lint("https://api.example.com", "http://10.0.0.5:8080", "query", 4, 4L);
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence()).containsEntry("stagingConfig", "version 4 of 2026-11-24T10:00:00Z");
    for (RecordedRequest req : CheckRuns.requests(admin)) {
      assertThat(req.getMethod()).isEqualTo("GET");
    }
  }

  @Test
  void flagsAPrivateBaseUrlWithAPath() {
    CheckResult r = lint("https://api.example.com", "http://10.0.0.5:8080/v1", "query", 4, 4L);
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("private-base-url-has-path");
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY_API);
    assertThat(r.summary()).contains("The accepted format is 'protocol://address(:port)'");
  }

  @Test
  void warnsWhenStagingIsNewerThanProduction() {
    CheckResult r = lint("https://api.example.com", "http://10.0.0.5:8080", "query", 5, 3L);
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("proxy-config-not-promoted");
    assertThat(r.summary()).contains("version 5").contains("version 3");
  }

  @Test
  void warnsWhenProductionWasNeverPromoted() {
    CheckResult r = lint("https://api.example.com", "http://10.0.0.5:8080", "query", 2, null);
    assertThat(r.cause()).contains("proxy-config-not-promoted");
    assertThat(r.summary()).contains("never promoted");
  }

  @Test
  void flagsAPublicBaseUrlBeginningWithADigit() {
    CheckResult r = lint("https://2api.example.com", "http://10.0.0.5:8080", "query", 1, 1L);
    assertThat(r.cause()).contains("public-base-url-digit-subdomain");
  }

  @Test
  void flagsCredentialsSentWhereTheServiceDoesNotReadThem() {
    CheckResult r = lint("https://api.example.com", "http://10.0.0.5:8080/v1", "headers", 5, 3L);
    assertThat(r.cause()).as("the first FAIL wins").contains("private-base-url-has-path");
    assertThat(r.findings())
        .extracting(f -> f.status() + " " + f.cause())
        .containsExactly(
            "FAIL private-base-url-has-path",
            "FAIL credentials-location-mismatch",
            "WARN proxy-config-not-promoted");
    assertThat(r.findings().get(1).summary())
        .isEqualTo(
            "the service reads credentials from headers but the client sends them in the query"
                + " (credentials.in)");
  }
}
