package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.DiagnosisStatus;
import io.threescaledoctor.core.testing.FreePorts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveReaderTest {
  @TempDir Path dir;

  static Installation read(FakeCluster cluster, Path dir) {
    Kubeconfig kc =
        Kubeconfig.resolve(
            Map.of("KUBECONFIG", cluster.kubeconfig(dir).toString())::get,
            null,
            null,
            null,
            Duration.ofSeconds(3),
            Duration.ofSeconds(5));
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(kc.config()).build()) {
      return new LiveReader(client, kc.server(), Clock.fixed(FakeInstallation.NOW, ZoneOffset.UTC))
          .read("context " + kc.contextName(), kc.namespace(), Duration.ofHours(1));
    }
  }

  @Test
  void readsTheWholeInstallationThroughTheApi() {
    try (FakeCluster cluster = new FakeCluster(FakeInstallation.healthy())) {
      Installation inst = read(cluster, dir);
      assertThat(inst.namespace()).isEqualTo("3scale");
      assertThat(inst.workloads()).hasSize(14);
      assertThat(inst.pods()).hasSize(14);
      assertThat(inst.routes()).hasSize(6);
      assertThat(inst.apiManagers())
          .extracting(Installation.ApiManagerView::name)
          .containsExactly("3scale");
      assertThat(inst.secret("system-seed").orElseThrow().keys()).contains("ADMIN_ACCESS_TOKEN");
      assertThat(inst.credentials().get(Installation.ADMIN_ACCESS_TOKEN).reveal())
          .isEqualTo(FakeInstallation.ADMIN_TOKEN);
      assertThat(inst.logs())
          .extracting(Installation.ContainerLog::container)
          .contains("apicast-production", "backend-listener");
      Diagnosis d = ClusterRun.diagnose(inst);
      assertThat(d.status()).as(d.results().toString()).isEqualTo(DiagnosisStatus.HEALTHY);
    }
  }

  @Test
  void sendsTheApiServerNothingButReads() {
    try (FakeCluster cluster =
        new FakeCluster(FakeInstallation.healthy().backendListenerCrashLooping())) {
      read(cluster, dir);
      assertThat(cluster.requests())
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r).startsWith("GET "))
          .anySatisfy(r -> assertThat(r).contains("/log?").contains("previous=true"))
          .as("logs are plain GETs: no wait for the pod through a lookup or a watch")
          .noneSatisfy(r -> assertThat(r).containsAnyOf("watch=true", "fieldSelector="));
    }
  }

  @Test
  void aRefusalToListPodsIsAFindingNamingVerbResourceAndNamespace() {
    try (FakeCluster cluster =
        new FakeCluster(FakeInstallation.healthy())
            .forbid("/api/v1/namespaces/3scale/pods", "pods", "")) {
      Installation inst = read(cluster, dir);
      Diagnosis d = ClusterRun.diagnose(inst);
      CheckResult r = ClusterRun.result(d, "cluster.access.pods");
      assertThat(r.status()).isEqualTo(Status.ERROR);
      assertThat(r.hop()).isEqualTo(Hop.GATEWAY);
      assertThat(r.cause()).contains("cluster-access-denied");
      assertThat(r.summary()).startsWith("needs permission to list pods in namespace 3scale");
      assertThat(r.evidence())
          .containsEntry("verb", "list")
          .containsEntry("resource", "pods")
          .containsEntry("namespace", "3scale");
      assertThat(r.evidence().get("apiServerSaid")).contains("cannot list resource \"pods\"");
      assertThat(r.reproduce()).contains("kubectl auth can-i list pods -n 3scale");
      assertThat(ClusterRun.result(d, "cluster.workload.backend-listener").status())
          .isEqualTo(Status.PASS);
      assertThat(d.status()).isEqualTo(DiagnosisStatus.INCONCLUSIVE);
    }
  }

  @Test
  void aRefusalToListSecretsOnlyNarrowsTheEvidence() {
    try (FakeCluster cluster =
        new FakeCluster(FakeInstallation.healthy())
            .forbid("/api/v1/namespaces/3scale/secrets", "secrets", "")) {
      Diagnosis d = ClusterRun.diagnose(read(cluster, dir));
      CheckResult r = ClusterRun.result(d, "cluster.access.secrets");
      assertThat(r.status()).isEqualTo(Status.WARN);
      assertThat(ClusterRun.result(d, "cluster.config.apicast-production").status())
          .isEqualTo(Status.PASS);
      assertThat(d.status()).isEqualTo(DiagnosisStatus.DEGRADED);
    }
  }

  @Test
  void anUnreachableApiServerIsOneLineNamingIt() throws Exception {
    try (FreePorts.RefusingPort refusing = FreePorts.refusing()) {
      int port = refusing.port();
      var config =
          new io.fabric8.kubernetes.client.ConfigBuilder()
              .withMasterUrl("http://127.0.0.1:" + port)
              .withRequestRetryBackoffLimit(0)
              .withConnectionTimeout(2000)
              .build();
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        assertThatThrownBy(
                () ->
                    new LiveReader(client, "http://127.0.0.1:" + port, Clock.systemUTC())
                        .read("x", "3scale", Duration.ofHours(1)))
            .isInstanceOf(ClusterAccessException.class)
            .hasMessageStartingWith(
                "cannot read pods in namespace 3scale from http://127.0.0.1:" + port);
      }
    }
  }
}
