package io.threescaledoctor.checks.threescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import java.io.IOException;
import java.net.InetAddress;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortalWildcardCheckTest {
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

  private FakePortal service(String id, String production, String staging) {
    return portal.on(
        "/admin/api/services/" + id + "/proxy.json",
        200,
        FakePortal.proxy(id, production, staging, "http://10.0.0.5:8080", "query"));
  }

  private CheckResult lint(String wildcardDomain) {
    return CheckRuns.result(
        CheckRuns.run(
            CheckRuns.profile(
                "threescale.admin",
                "http://" + FakePortal.TOKEN + "@127.0.0.1:" + admin.getPort(),
                "gateway.wildcardDomain",
                wildcardDomain),
            new PortalServicesCheck(),
            new PortalWildcardCheck()),
        "admin.portal.wildcard");
  }

  @Test
  void passesWhenEveryPublicBaseUrlIsOneLabelUnderTheDomain() throws Exception {
    portal.on("/admin/api/services.json", 200, FakePortal.services("7"));
    service(
        "7", "https://api-7.apps.example.com:443", "https://api-7-staging.apps.example.com:443");

    CheckResult r = lint("*.Apps.Example.com.");

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.summary()).contains("all 2 public base URLs are one label under apps.example.com");
    assertThat(r.evidence())
        .containsEntry("wildcardDomain", "apps.example.com")
        .containsEntry("publicBaseUrls", "2");
    assertThat(r.evidence().get("routes"))
        .contains(
            "api-7.apps.example.com: served by the wildcard route *.apps.example.com"
                + " (apicast-production) [7 (Service 7) production]");
    for (RecordedRequest req : CheckRuns.requests(admin)) {
      assertThat(req.getMethod()).isEqualTo("GET");
    }
  }

  @Test
  void warnsAboutUrlsOutsideTheDomainAndPrintsTheRouteTheyNeed() {
    portal.on("/admin/api/services.json", 200, FakePortal.services("8"));
    service("8", "https://api.customer.com", "http://a.b.apps.example.com");

    CheckResult r = lint("apps.example.com");

    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("public-base-url-outside-wildcard-domain");
    assertThat(r.hop()).isEqualTo(Hop.CLIENT_GATEWAY);
    assertThat(r.summary()).startsWith("2 of 2 public base URLs need attention");
    assertThat(r.evidence().get("routes"))
        .contains(
            "api.customer.com: needs its own route: oc create route edge"
                + " apicast-production-api-customer-com --service=apicast-production"
                + " --hostname=api.customer.com --port=gateway")
        .contains(
            "a.b.apps.example.com: needs its own route: oc expose service apicast-staging"
                + " --name=apicast-staging-a-b-apps-example-com --hostname=a.b.apps.example.com");
    assertThat(r.evidence().get("findings"))
        .contains("is not under the wildcard domain apps.example.com (8 (Service 8) production)")
        .contains("is 2 labels under apps.example.com (8 (Service 8) staging)");
  }

  @Test
  void failsOnAUrlBeginningWithADigitInsideTheDomain() {
    portal.on("/admin/api/services.json", 200, FakePortal.services("7", "9"));
    service(
        "7", "https://api-7.apps.example.com:443", "https://api-7-staging.apps.example.com:443");
    service("9", "https://9api.apps.example.com", "https://api-9-staging.apps.example.com");

    CheckResult r = lint("apps.example.com");

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("public-base-url-digit-subdomain");
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY);
    assertThat(r.summary()).contains("https://9api.apps.example.com begins with a digit");
    assertThat(r.evidence().get("routes"))
        .contains("9api.apps.example.com: no route; rename it to begin with a letter");
    assertThat(r.evidence()).containsEntry("publicBaseUrls", "4");
  }

  @Test
  void skipsWithoutAWildcardDomain() {
    portal.on("/admin/api/services.json", 200, FakePortal.services("7"));

    CheckResult r =
        CheckRuns.result(
            CheckRuns.run(
                CheckRuns.profile(
                    "threescale.admin",
                    "http://" + FakePortal.TOKEN + "@127.0.0.1:" + admin.getPort()),
                new PortalWildcardCheck()),
            "admin.portal.wildcard");

    assertThat(r.status()).isEqualTo(Status.SKIP);
    assertThat(r.summary()).contains("gateway.wildcardDomain");
  }

  @Test
  void skipsWhenTheTokenCannotListServices() {
    CheckResult r =
        CheckRuns.result(
            CheckRuns.run(
                CheckRuns.profile(
                    "threescale.admin",
                    "http://WRONG-TOKEN-0000000@127.0.0.1:" + admin.getPort(),
                    "gateway.wildcardDomain",
                    "apps.example.com"),
                new PortalServicesCheck(),
                new PortalWildcardCheck()),
            "admin.portal.wildcard");

    assertThat(r.status()).isEqualTo(Status.SKIP);
    assertThat(r.summary()).contains("portal-token-forbidden");
  }
}
