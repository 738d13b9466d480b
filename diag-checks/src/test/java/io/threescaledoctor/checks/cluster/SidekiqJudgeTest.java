package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import org.junit.jupiter.api.Test;

class SidekiqJudgeTest {

  private static CheckResult judge(FakeInstallation f) {
    Installation inst = f.installation();
    return new SidekiqJudge(inst).judge(inst.workload("system-sidekiq").orElseThrow());
  }

  @Test
  void redisUnreachableStopsEveryJob() {
    CheckResult r =
        judge(
            FakeInstallation.healthy()
                .log(
                    "system-sidekiq",
                    "2026-11-27T11:59:00.000Z 1 TID-x ERROR: Error fetching job: Error connecting to Redis on system-redis:6379 (Errno::ECONNREFUSED)\n"));
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("sidekiq-redis-unreachable");
    assertThat(r.evidence()).containsEntry("count", "1");
  }

  @Test
  void failingJobsAndFailedKubernetesJobsAreWarnings() {
    CheckResult r =
        judge(
            FakeInstallation.healthy()
                .log(
                    "system-sidekiq",
                    "2026-11-27T11:59:00.000Z 1 TID-x BackendProviderSyncWorker JID-1 ERROR: fail: 2.01 sec\n")
                .failedJob("system-app-pre-hook-4", "BackoffLimitExceeded"));
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("sidekiq-job-errors");
    assertThat(r.evidence().get("alsoSeen1"))
        .contains("job-failed")
        .contains("system-app-pre-hook-4")
        .contains("BackoffLimitExceeded");
  }

  @Test
  void aQuietQueuePasses() {
    assertThat(judge(FakeInstallation.healthy()).status()).isEqualTo(Status.PASS);
  }
}
