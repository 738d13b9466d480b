package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigJudgeTest {
  private final List<String> probed = new ArrayList<>();

  private CheckResult judge(FakeInstallation f, String dc, Reachability reach) {
    Installation inst = f.installation();
    return new ConfigJudge(inst, reach)
        .judge(inst.workload(dc).orElseThrow(), Duration.ofSeconds(1));
  }

  @Test
  void bootWithoutCacheMeansPromotionsNeedARedeploy() {
    CheckResult r =
        judge(
            FakeInstallation.healthy()
                .env("apicast-production", "APICAST_CONFIGURATION_CACHE", "0"),
            "apicast-production",
            Reachability.OFFLINE);
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("apicast-configuration-never-refreshed");
  }

  @Test
  void lazyWithoutCacheInProductionLoadsOnEveryRequest() {
    CheckResult r =
        judge(
            FakeInstallation.healthy()
                .env("apicast-production", "APICAST_CONFIGURATION_LOADER", "lazy")
                .env("apicast-production", "APICAST_CONFIGURATION_CACHE", null),
            "apicast-production",
            Reachability.OFFLINE);
    assertThat(r.cause()).contains("apicast-configuration-per-request");
    assertThat(r.evidence()).containsEntry("APICAST_CONFIGURATION_CACHE", "unset (0)");
  }

  @Test
  void debugLoggingInProductionIsAWarning() {
    CheckResult r =
        judge(
            FakeInstallation.healthy().env("apicast-production", "APICAST_LOG_LEVEL", "debug"),
            "apicast-production",
            Reachability.OFFLINE);
    assertThat(r.cause()).contains("apicast-log-level-debug");
  }

  @Test
  void aLiteralPortalEndpointIsShownMaskedAndProbedFromHere() {
    String token = "literal-portal-token-77aa99bb";
    Reachability refused =
        (host, port, timeout) -> {
          probed.add(host + ":" + port);
          return Optional.of("ConnectException: Connection refused");
        };
    CheckResult r =
        judge(
            FakeInstallation.healthy()
                .env(
                    "apicast-production",
                    "THREESCALE_PORTAL_ENDPOINT",
                    "https://" + token + "@3scale-admin.apps.example.com"),
            "apicast-production",
            refused);
    assertThat(probed).containsExactly("3scale-admin.apps.example.com:443");
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("portal-unreachable");
    assertThat(r.evidence().get("portalEndpoint"))
        .isEqualTo("https://****99bb@3scale-admin.apps.example.com");
    assertThat(r.toString() + r.evidence()).doesNotContain(token);
  }

  @Test
  void theInClusterPortalEndpointIsJudgedByItsServiceNotProbed() {
    Installation inst = FakeInstallation.healthy().installation();
    Installation withValue =
        new Installation(
            inst.source(),
            inst.namespace(),
            inst.observedAt(),
            inst.workloads(),
            inst.pods(),
            inst.services(),
            inst.endpoints().stream().filter(e -> !e.name().equals("system-master")).toList(),
            inst.routes(),
            inst.claims(),
            inst.secrets(),
            inst.events(),
            inst.apiManagers(),
            inst.tenants(),
            inst.jobs(),
            inst.logs(),
            inst.denied(),
            java.util.Map.of(
                Installation.PROXY_CONFIGS_ENDPOINT,
                io.threescaledoctor.core.check.Secret.of(
                    "http://"
                        + FakeInstallation.MASTER_TOKEN
                        + "@system-master:3000/master/api/proxy/configs")),
            inst.notes());
    CheckResult r =
        new ConfigJudge(
                withValue,
                (h, p, t) -> {
                  probed.add(h);
                  return Optional.empty();
                })
            .judge(withValue.workload("apicast-production").orElseThrow(), Duration.ofSeconds(1));
    assertThat(probed).isEmpty();
    assertThat(r.evidence())
        .containsEntry("portalReach", "service system-master inside the cluster");
    assertThat(r.evidence().get("portalEndpoint"))
        .startsWith("http://****")
        .doesNotContain(FakeInstallation.MASTER_TOKEN);
    assertThat(r.status()).isEqualTo(Status.PASS);
  }

  @Test
  void pumaWorkersAreHeldToTheBackendListenersLimit() {
    CheckResult fits = judge(FakeInstallation.healthy(), "backend-listener", Reachability.OFFLINE);
    assertThat(fits.status()).isEqualTo(Status.PASS);
    assertThat(fits.evidence())
        .containsEntry("PUMA_WORKERS", "2")
        .containsEntry("maxWorkersForLimit", "2");
    CheckResult over =
        judge(
            FakeInstallation.healthy().env("backend-listener", "PUMA_WORKERS", "3"),
            "backend-listener",
            Reachability.OFFLINE);
    assertThat(over.cause()).contains("workers-exceed-cpu");
  }
}
