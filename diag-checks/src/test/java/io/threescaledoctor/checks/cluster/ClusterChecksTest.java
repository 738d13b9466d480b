package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.DiagnosisStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterChecksTest {

  @Test
  void aHealthyInstallationPassesEveryCheck() {
    Diagnosis d = ClusterRun.diagnose(FakeInstallation.healthy().installation());
    assertThat(d.results())
        .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(Status.PASS));
    assertThat(d.status()).isEqualTo(DiagnosisStatus.HEALTHY);
    assertThat(d.results())
        .extracting(CheckResult::id)
        .contains(
            "cluster.inventory",
            "cluster.apimanager.3scale",
            "cluster.workload.backend-listener",
            "cluster.config.apicast-production",
            "cluster.service.apicast-production",
            "cluster.pvc.system-storage",
            "cluster.route.zync-3scale-api-production",
            "cluster.logs.apicast-production",
            "cluster.sidekiq");
    assertThat(ClusterRun.result(d, "cluster.config.apicast-production").summary())
        .contains("refreshes it every 300 s");
  }

  @Test
  void namesTheCrashLoopingBackendListenerAt3scale() {
    Diagnosis d =
        ClusterRun.diagnose(
            FakeInstallation.healthy().backendListenerCrashLooping().installation());
    CheckResult r = ClusterRun.result(d, "cluster.workload.backend-listener");
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.hop()).isEqualTo(Hop.THREESCALE);
    assertThat(r.cause()).contains("pod-crash-looping");
    assertThat(r.evidence())
        .containsEntry("restarts", "17")
        .containsEntry("lastTermination", "Error (exit code 1)")
        .containsEntry("replicas", "0/1 ready");
    assertThat(r.evidence().get("lastLogLine")).contains("Redis::CannotConnectError");
    assertThat(r.evidence().get("event1"))
        .startsWith("BackOff: Back-off restarting failed container");
    assertThat(r.reproduce()).get().asString().contains("--previous");
    assertThat(ClusterRun.result(d, "cluster.service.backend-listener").cause())
        .contains("service-no-endpoints");
    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.THREESCALE);
    assertThat(d.cause()).isEqualTo("pod-crash-looping");
  }

  @Test
  void namesTheApicastDeploymentWithNoReadyEndpointAtTheGateway() {
    Diagnosis d = ClusterRun.diagnose(FakeInstallation.healthy().apicastNotReady().installation());
    CheckResult service = ClusterRun.result(d, "cluster.service.apicast-production");
    assertThat(service.status()).isEqualTo(Status.FAIL);
    assertThat(service.hop()).isEqualTo(Hop.GATEWAY);
    assertThat(service.cause()).contains("service-no-endpoints");
    assertThat(service.evidence()).containsEntry("readyEndpoints", "none");
    assertThat(service.evidence().get("notReadyEndpoints")).startsWith("apicast-production-1-");
    CheckResult workload = ClusterRun.result(d, "cluster.workload.apicast-production");
    assertThat(workload.cause()).contains("pod-not-ready");
    assertThat(workload.evidence().get("event1")).contains("Readiness probe failed");
    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.GATEWAY);
  }

  @Test
  void aServiceWhoseSelectorMatchesNoPodHasNoEndpointsEvenWithHealthyPods() {
    Diagnosis d =
        ClusterRun.diagnose(
            FakeInstallation.healthy().apicastServiceSelectsNothing().installation());
    CheckResult service = ClusterRun.result(d, "cluster.service.apicast-production");
    assertThat(service.cause()).contains("service-no-endpoints");
    assertThat(service.summary()).contains("matches no pod");
    assertThat(ClusterRun.result(d, "cluster.workload.apicast-production").status())
        .isEqualTo(Status.PASS);
  }

  @Test
  void namesTheRouteTheRouterRefusedAtClientGateway() {
    Diagnosis d =
        ClusterRun.diagnose(FakeInstallation.healthy().productionRouteNotAdmitted().installation());
    CheckResult r = ClusterRun.result(d, "cluster.route.zync-3scale-api-production");
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.hop()).isEqualTo(Hop.CLIENT_GATEWAY);
    assertThat(r.cause()).contains("route-not-admitted");
    assertThat(r.evidence())
        .containsEntry("reason", "HostAlreadyClaimed")
        .containsEntry("router", "default");
    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.CLIENT_GATEWAY);
  }

  @Test
  void namesAPublicBaseUrlOutsideTheWildcardDomain() {
    Diagnosis d =
        ClusterRun.diagnose(
            FakeInstallation.healthy().publicBaseUrlOutsideWildcard().installation());
    CheckResult r = ClusterRun.result(d, "cluster.route.zync-3scale-api-production");
    assertThat(r.hop()).isEqualTo(Hop.CLIENT_GATEWAY);
    assertThat(r.cause()).contains("public-base-url-outside-wildcard-domain");
    assertThat(r.evidence())
        .containsEntry("host", "api.customer-domain.com")
        .containsEntry("expectedSuffix", ".apps.example.com");
    assertThat(r.evidence().get("wildcardDomain"))
        .startsWith("apps.example.com (from APIManager 3scale)");
  }

  @Test
  void warnsWhenApicastWorkersExceedTheCpuLimit() {
    Diagnosis d =
        ClusterRun.diagnose(FakeInstallation.healthy().apicastWorkersAboveCpu().installation());
    CheckResult r = ClusterRun.result(d, "cluster.config.apicast-production");
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY);
    assertThat(r.cause()).contains("workers-exceed-cpu");
    assertThat(r.evidence())
        .containsEntry("APICAST_WORKERS", "8")
        .containsEntry("cpuLimit", "1000m")
        .containsEntry("maxWorkersForLimit", "2");
    assertThat(r.reference()).contains("1.4.2");
  }

  @Test
  void namesTheMissingPortalEndpointSecret() {
    Diagnosis d =
        ClusterRun.diagnose(
            FakeInstallation.healthy().portalEndpointSecretMissing().installation());
    CheckResult config = ClusterRun.result(d, "cluster.config.apicast-production");
    assertThat(config.status()).isEqualTo(Status.FAIL);
    assertThat(config.hop()).isEqualTo(Hop.GATEWAY);
    assertThat(config.cause()).contains("apicast-portal-endpoint-missing");
    assertThat(config.evidence())
        .containsEntry("secret", "system-master-apicast")
        .containsEntry("key", "PROXY_CONFIGS_ENDPOINT");
    CheckResult workload = ClusterRun.result(d, "cluster.workload.apicast-production");
    assertThat(workload.cause()).contains("pod-config-error");
    assertThat(workload.summary()).contains("secret \"system-master-apicast\" not found");
    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.GATEWAY);
  }

  @Test
  void noOutputHoldsASecretValue() {
    for (FakeInstallation f :
        List.of(
            FakeInstallation.healthy(), FakeInstallation.healthy().backendListenerCrashLooping())) {
      String all = ClusterRun.allOutput(ClusterRun.diagnose(f.installation()));
      assertThat(all)
          .doesNotContain(FakeInstallation.ADMIN_TOKEN)
          .doesNotContain(FakeInstallation.MASTER_TOKEN)
          .doesNotContain(FakeInstallation.ADMIN_PASSWORD)
          .doesNotContain("sentinel-service-token-0f1e")
          .doesNotContain("sentinel-user-key-9a8b");
    }
  }
}
