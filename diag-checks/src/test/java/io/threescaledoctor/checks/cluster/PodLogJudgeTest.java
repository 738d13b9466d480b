package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.check.Tested;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PodLogJudgeTest {

  private static CheckResult judge(FakeInstallation f, String dc) {
    Installation inst = f.installation();
    return new PodLogJudge(inst, Duration.ofHours(1)).judge(inst.workload(dc).orElseThrow());
  }

  @Test
  void apicastTimingOutOnTheBackendListenerIsAGatewayTo3scaleFinding() {
    CheckResult r =
        judge(
            FakeInstallation.healthy()
                .log(
                    "apicast-production",
                    "2026/11/27 11:58:01 [error] 23#23: *1041 upstream timed out (110: Connection timed out) while connecting to upstream, client: 10.128.2.1, server: _, request: \"GET /transactions/authrep.xml?user_key=sentinel-user-key-9a8b HTTP/1.1\", subrequest: \"/threescale_authrep\", upstream: \"http://backend-listener:3000/transactions/authrep.xml?user_key=sentinel-user-key-9a8b\", host: \"backend-listener\"\n"),
            "apicast-production");
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(r.cause()).contains("backend-timeout");
    assertThat(r.tested()).isEqualTo(Tested.LOGS);
    assertThat(r.evidence().get("containers")).startsWith("apicast-production-1-");
  }

  @Test
  void linesOlderThanTheWindowDoNotCount() {
    CheckResult r =
        judge(
            FakeInstallation.healthy()
                .log(
                    "apicast-production",
                    "2026/11/27 09:58:01 [error] 23#23: *1 upstream timed out (110: Connection timed out) while connecting to upstream, client: 10.0.0.1, server: _, request: \"GET / HTTP/1.1\", upstream: \"http://10.0.0.5:8080/\", host: \"api\"\n"),
            "apicast-production");
    assertThat(r.status()).isEqualTo(Status.PASS);
  }
}
