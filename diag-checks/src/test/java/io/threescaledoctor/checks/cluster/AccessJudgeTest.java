package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import org.junit.jupiter.api.Test;

class AccessJudgeTest {

  @Test
  void whatHidesTheInstallationIsAnErrorAndTheRestAWarning() {
    var pods = new Installation.Denied("list", "pods", "3scale", "forbidden");
    var routes =
        new Installation.Denied("list", "routes.route.openshift.io", "3scale", "forbidden");
    var logs = new Installation.Denied("get", "pods/log", "3scale", "forbidden");
    assertThat(AccessJudge.judge(pods).status()).isEqualTo(Status.ERROR);
    assertThat(AccessJudge.judge(routes).status()).isEqualTo(Status.ERROR);
    assertThat(AccessJudge.hop(routes)).isEqualTo(Hop.CLIENT_GATEWAY);
    assertThat(AccessJudge.judge(logs).status()).isEqualTo(Status.WARN);
    assertThat(AccessJudge.judge(logs).reproduce())
        .contains("kubectl auth can-i get pods/log -n 3scale");
  }
}
