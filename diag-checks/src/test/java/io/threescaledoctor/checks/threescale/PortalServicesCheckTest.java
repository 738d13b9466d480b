package io.threescaledoctor.checks.threescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.io.IOException;
import java.net.InetAddress;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortalServicesCheckTest {
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

  Diagnosis run(String token, String gatewayUrl) {
    return CheckRuns.run(
        CheckRuns.profile(
            "threescale.admin",
            "http://" + token + "@127.0.0.1:" + admin.getPort(),
            "gateway.url",
            gatewayUrl),
        new PortalServicesCheck(),
        new PortalProxyCheck(),
        new PortalMappingRulesCheck());
  }

  @Test
  void findsTheServiceWhosePublicBaseUrlIsTheGatewaysHost() throws Exception {
    portal
        .on("/admin/api/services.json", 200, FakePortal.services("1", "2"))
        .on(
            "/admin/api/services/1/proxy.json",
            200,
            FakePortal.proxy(
                "1",
                "https://other.example.com:443",
                "https://other-staging.example.com:443",
                "http://10.0.0.5:8080",
                "query"))
        .on(
            "/admin/api/services/2/proxy.json",
            200,
            FakePortal.proxy(
                "2",
                "https://api.example.com:443",
                "https://api-staging.example.com:443",
                "http://10.0.0.6:8080",
                "query"));
    CheckResult r =
        CheckRuns.result(run(FakePortal.TOKEN, "https://api.example.com"), "admin.portal.services");
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.summary()).contains("production public base URL of service 2 (Service 2)");
    assertThat(r.facts(PortalService.class))
        .get()
        .extracting(ps -> ps.service().id())
        .isEqualTo("2");
    for (RecordedRequest req : CheckRuns.requests(admin)) {
      assertThat(req.getMethod()).isEqualTo("GET");
    }
  }

  @Test
  void reportsTheHostsThatExistWhenNoServiceMatches() {
    portal
        .on("/admin/api/services.json", 200, FakePortal.services("1"))
        .on(
            "/admin/api/services/1/proxy.json",
            200,
            FakePortal.proxy(
                "1",
                "https://api.example.com:443",
                "https://api-staging.example.com:443",
                "http://10.0.0.5:8080",
                "query"));
    Diagnosis d = run(FakePortal.TOKEN, "https://typo.example.com");
    CheckResult r = CheckRuns.result(d, "admin.portal.services");
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("service-not-found-for-host");
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY);
    assertThat(r.evidence())
        .containsEntry("host", "typo.example.com")
        .containsEntry(
            "knownHosts", "api.example.com (1 production), api-staging.example.com (1 staging)");
    assertThat(CheckRuns.result(d, "admin.portal.proxy").status()).isEqualTo(Status.SKIP);
  }

  @Test
  void aTokenWithoutScopeIsTheGuides403() {
    portal.on(
        "/admin/api/services.json",
        403,
        "{\"error\":\"Your access token does not have the correct permissions\"}");
    CheckResult r =
        CheckRuns.result(run(FakePortal.TOKEN, "https://api.example.com"), "admin.portal.services");
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("portal-token-forbidden");
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(r.summary())
        .startsWith("failed to get list of services: invalid status: 403")
        .contains("correct permissions");
    assertThat(r.reproduce())
        .get()
        .asString()
        .contains("/admin/api/services.json")
        .doesNotContain(FakePortal.TOKEN);
  }

  @Test
  void aWrongTokenIsForbiddenToo() {
    CheckResult r =
        CheckRuns.result(
            run("SENTINEL-SERVICE-TOKEN-0001", "https://x.example.com"), "admin.portal.services");
    assertThat(r.cause()).contains("portal-token-forbidden");
  }
}
