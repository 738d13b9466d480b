package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import org.junit.jupiter.api.Test;

class RouteJudgeTest {

  private static CheckResult judge(FakeInstallation f, String route) {
    Installation inst = f.installation();
    return new RouteJudge(inst)
        .judge(
            inst.routes().stream().filter(r -> r.name().equals(route)).findFirst().orElseThrow());
  }

  @Test
  void aPublicBaseUrlBeginningWithADigitFails() {
    CheckResult r =
        judge(
            FakeInstallation.healthy()
                .routeHost("zync-3scale-api-staging", "2api-staging.apps.example.com"),
            "zync-3scale-api-staging");
    assertThat(r.cause()).contains("public-base-url-digit-subdomain");
    assertThat(r.evidence()).containsEntry("firstLabel", "2api-staging");
  }

  @Test
  void thePortalsHostsAreNotHeldToTheGatewaysRules() {
    CheckResult r =
        judge(
            FakeInstallation.healthy().routeHost("zync-3scale-master", "master.other.example.org"),
            "zync-3scale-master");
    assertThat(r.status()).isEqualTo(Status.PASS);
  }

  @Test
  void withoutAnApiManagerTheRoutersCanonicalHostGivesTheWildcardDomain() {
    Installation inst = FakeInstallation.healthy().withoutApiManager().installation();
    assertThat(RouteJudge.wildcardDomain(inst))
        .get()
        .extracting(RouteJudge.Wildcard::domain)
        .isEqualTo("apps.example.com");
    CheckResult r =
        judge(
            FakeInstallation.healthy().withoutApiManager().publicBaseUrlOutsideWildcard(),
            "zync-3scale-api-production");
    assertThat(r.cause()).contains("public-base-url-outside-wildcard-domain");
    assertThat(r.evidence().get("wildcardDomain"))
        .contains("router canonical host name router-default.apps.example.com");
  }

  @Test
  void aRouteWithoutTlsIsAWarning() {
    CheckResult r =
        judge(
            FakeInstallation.healthy().routeWithoutTls("zync-3scale-provider"),
            "zync-3scale-provider");
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("route-without-tls");
    assertThat(r.evidence()).containsEntry("tls", "none (plain HTTP)");
  }

  @Test
  void aRouteToAMissingServiceFails() {
    FakeInstallation f = FakeInstallation.healthy();
    f.routeOf("backend").getSpec().getTo().setName("backend-listener-old");
    CheckResult r = judge(f, "backend");
    assertThat(r.cause()).contains("route-service-missing");
  }
}
