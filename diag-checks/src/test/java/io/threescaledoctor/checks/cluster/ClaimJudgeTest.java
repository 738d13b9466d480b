package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import org.junit.jupiter.api.Test;

class ClaimJudgeTest {

  @Test
  void aPendingClaimCarriesTheProvisionersEvent() {
    Installation inst = FakeInstallation.healthy().claimPending("system-storage").installation();
    ClaimJudge judge = new ClaimJudge(inst);
    var r = judge.judge("system-storage");
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("pvc-not-bound");
    assertThat(r.evidence())
        .containsEntry("phase", "Pending")
        .containsEntry("storageClass", "gp3-csi")
        .containsEntry("mountedBy", "system-app");
    assertThat(r.evidence().get("event1"))
        .startsWith("ProvisioningFailed: failed to provision volume");
    assertThat(judge.hop("system-storage")).isEqualTo(Hop.THREESCALE);
  }

  @Test
  void aClaimThatDoesNotExistFails() {
    var r = new ClaimJudge(FakeInstallation.healthy().installation()).judge("nothing-here");
    assertThat(r.cause()).contains("pvc-not-bound");
    assertThat(r.summary()).contains("does not exist");
  }

  @Test
  void aBoundClaimPassesWithItsSize() {
    var r = new ClaimJudge(FakeInstallation.healthy().installation()).judge("mysql-storage");
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.summary()).isEqualTo("claim mysql-storage is Bound (1Gi)");
  }
}
