package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import org.junit.jupiter.api.Test;

class WorkloadJudgeTest {

  private static CheckResult judge(FakeInstallation f, String dc) {
    Installation inst = f.installation();
    return new WorkloadJudge(inst).judge(inst.workload(dc).orElseThrow());
  }

  @Test
  void anOomKillNamesTheMemoryLimit() {
    CheckResult r = judge(FakeInstallation.healthy().oomKilled("backend-worker"), "backend-worker");
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("pod-oom-killed");
    assertThat(r.evidence())
        .containsEntry("memoryLimit", "512Mi")
        .containsEntry("lastTermination", "OOMKilled (exit code 137)");
  }

  @Test
  void anImagePullFailureNamesTheImage() {
    CheckResult r = judge(FakeInstallation.healthy().imagePullFailing("zync"), "zync");
    assertThat(r.cause()).contains("pod-image-pull-failed");
    assertThat(r.evidence().get("image")).endsWith("zync-rhel8:3scale2.15");
    assertThat(r.evidence().get("alsoSeen1")).contains("component-unavailable");
  }

  @Test
  void aPendingPodCarriesTheSchedulersReason() {
    CheckResult r =
        judge(
            FakeInstallation.healthy()
                .unschedulable("system-sidekiq", "0/3 nodes are available: 3 Insufficient cpu."),
            "system-sidekiq");
    assertThat(r.cause()).contains("pod-unschedulable");
    assertThat(r.summary()).contains("0/3 nodes are available: 3 Insufficient cpu.");
  }

  @Test
  void aPendingPodWaitingForItsClaimIsTheClaimsProblem() {
    CheckResult r =
        judge(
            FakeInstallation.healthy()
                .unschedulable(
                    "system-app",
                    "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims."),
            "system-app");
    assertThat(r.cause()).contains("pvc-not-bound");
    assertThat(r.evidence()).containsEntry("claims", "system-storage");
  }

  @Test
  void aRequiredComponentScaledToZeroFails() {
    CheckResult r =
        judge(FakeInstallation.healthy().scaledToZero("backend-worker"), "backend-worker");
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("component-scaled-down");
    assertThat(r.reproduce())
        .contains("oc scale deploymentconfig/backend-worker --replicas=1 -n 3scale");
  }

  @Test
  void aRestartWithinTheHourIsAWarningAndAnOlderOneIsNot() {
    CheckResult recent =
        judge(FakeInstallation.healthy().restartedRecently("system-sidekiq"), "system-sidekiq");
    assertThat(recent.status()).isEqualTo(Status.WARN);
    assertThat(recent.cause()).contains("pod-restarted-recently");
    FakeInstallation old = FakeInstallation.healthy().restartedRecently("system-sidekiq");
    old.podOf("system-sidekiq")
        .getStatus()
        .getContainerStatuses()
        .get(0)
        .getLastState()
        .getTerminated()
        .setFinishedAt("2026-11-27T10:30:00Z");
    assertThat(judge(old, "system-sidekiq").status()).isEqualTo(Status.PASS);
  }

  @Test
  void aFailedRolloutIsNamed() {
    FakeInstallation f = FakeInstallation.healthy();
    var progressing = f.dcOf("system-app").getStatus().getConditions().get(1);
    progressing.setStatus("False");
    progressing.setReason("ProgressDeadlineExceeded");
    progressing.setMessage("replication controller \"system-app-4\" has failed progressing");
    CheckResult r = judge(f, "system-app");
    assertThat(r.cause()).contains("rollout-failed");
    assertThat(r.summary()).contains("ProgressDeadlineExceeded");
  }

  @Test
  void aMissingRequiredComponentNamesWhatIsThere() {
    Installation inst = FakeInstallation.healthy().installation();
    CheckResult r = new WorkloadJudge(inst).missing(Component.BACKEND_WORKER);
    assertThat(r.cause()).contains("component-missing");
    assertThat(r.evidence().get("workloads")).contains("backend-listener");
  }
}
