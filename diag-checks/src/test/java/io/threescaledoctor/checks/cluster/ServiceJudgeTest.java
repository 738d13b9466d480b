package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Hop;
import org.junit.jupiter.api.Test;

class ServiceJudgeTest {

  @Test
  void portalServicesBelongToSystemAppAndSoTo3scale() {
    Installation inst = FakeInstallation.healthy().installation();
    ServiceJudge judge = new ServiceJudge(inst);
    var master = inst.service("system-master").orElseThrow();
    assertThat(judge.workloadName(master)).contains("system-app");
    assertThat(judge.hop(master)).isEqualTo(Hop.THREESCALE);
    assertThat(judge.hop(inst.service("apicast-staging").orElseThrow())).isEqualTo(Hop.GATEWAY);
    assertThat(judge.judge(master).evidence())
        .containsEntry(
            "readyEndpoints",
            "system-app-1-"
                + inst.podsMatching(java.util.Map.of("deploymentConfig", "system-app"))
                    .get(0)
                    .name()
                    .substring("system-app-1-".length()));
  }

  @Test
  void notReadyPodsBehindAServiceAreListed() {
    Installation inst = FakeInstallation.healthy().backendListenerCrashLooping().installation();
    var r = new ServiceJudge(inst).judge(inst.service("backend-listener").orElseThrow());
    assertThat(r.cause()).contains("service-no-endpoints");
    assertThat(r.summary()).contains("none of the 1 pod(s) its selector matches is ready");
    assertThat(r.evidence().get("podsSelected")).endsWith("(not ready)");
  }
}
