package io.threescaledoctor.checks.threescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import java.io.IOException;
import java.net.InetAddress;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortalMappingRulesCheckTest {
  private final MockWebServer admin = new MockWebServer();
  private final FakePortal portal = new FakePortal();

  @BeforeEach
  void start() throws IOException {
    admin.setDispatcher(portal);
    admin.start(InetAddress.getByName("127.0.0.1"), 0);
    portal
        .on("/admin/api/services.json", 200, FakePortal.services("7"))
        .on(
            "/admin/api/services/7/proxy.json",
            200,
            FakePortal.proxy(
                "7",
                "https://api.example.com:443",
                "https://api-staging.example.com:443",
                "http://10.0.0.5:8080",
                "query"));
  }

  @AfterEach
  void stop() throws IOException {
    admin.close();
  }

  private CheckResult judge(String path, String rulesJson) {
    portal.on("/admin/api/services/7/proxy/mapping_rules.json", 200, rulesJson);
    return CheckRuns.result(
        CheckRuns.run(
            CheckRuns.profile(
                "threescale.admin",
                "http://" + FakePortal.TOKEN + "@127.0.0.1:" + admin.getPort(),
                "gateway.url",
                "https://api.example.com",
                "client.path",
                path),
            new PortalServicesCheck(),
            new PortalMappingRulesCheck()),
        "admin.portal.mappingrules");
  }

  @Test
  void passesWhenExactlyOneRuleMatches() throws Exception {
    CheckResult r = judge("/hello", FakePortal.mappingRules("GET", "/hello$", "POST", "/orders"));
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence()).containsEntry("matchedRules", "GET /hello$ -> metric 9 +1");
    for (RecordedRequest req : CheckRuns.requests(admin)) {
      assertThat(req.getMethod()).isEqualTo("GET");
    }
  }

  @Test
  void failsWhenNoRuleMatchesTheProbeRequest() {
    CheckResult r = judge("/missing", FakePortal.mappingRules("GET", "/hello", "POST", "/"));
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("mapping-rule-no-match");
  }

  @Test
  void warnsWhenOverlappingRulesCountTheRequestTwice() {
    CheckResult r = judge("/hello", FakePortal.mappingRules("GET", "/", "GET", "/hello"));
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("mapping-rule-double-count");
    assertThat(r.summary()).contains("matches 2 mapping rules");
    assertThat(r.evidence().get("overlaps")).contains("GET /hello matches both");
  }

  @Test
  void warnsAboutOverlapsTheProbeDoesNotHit() {
    CheckResult r =
        judge(
            "/orders",
            FakePortal.mappingRules("GET", "/orders$", "GET", "/v1", "GET", "/v1/words/{word}"));
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.summary()).contains("1 pair(s) of mapping rules").contains("/v1/words/x");
  }
}
