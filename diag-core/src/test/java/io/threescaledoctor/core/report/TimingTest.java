package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingTest {

  private static List<String> phases(Timing t) {
    return t.phases().stream().map(p -> p.name() + "=" + p.millis()).toList();
  }

  @Test
  void readsEachPhaseAndShowsWhatThePhasesLeaveAsRest() {
    Timing t =
        Timing.of(
                CheckResult.pass("ok")
                    .withId("client.request")
                    .withEvidence(Timing.DNS, 3)
                    .withEvidence(Timing.CONNECT, 4)
                    .withEvidence(Timing.TLS, 18)
                    .withEvidence(Timing.FIRST_BYTE, 30)
                    .withEvidence(Timing.TOTAL, 60))
            .orElseThrow();
    assertThat(phases(t))
        .containsExactly("dns=3", "connect=4", "tls=18", "first byte=30", "rest=5");
    assertThat(t.totalMillis()).isEqualTo(60);
    assertThat(t.detailed()).isTrue();
  }

  @Test
  void readsTheHandshakeOfTlsHandshakeAsTheTlsPhase() {
    Timing t =
        Timing.of(
                CheckResult.pass("ok")
                    .withId("gateway.tls.handshake")
                    .withEvidence(Timing.CONNECT, 2)
                    .withEvidence(Timing.HANDSHAKE, 12))
            .orElseThrow();
    assertThat(phases(t)).containsExactly("connect=2", "tls=12");
  }

  @Test
  void fallsBackToTheChecksDurationAndIgnoresWhatIsNotANumber() {
    Timing t =
        Timing.of(
                CheckResult.pass("ok")
                    .withId("gateway.errorlog")
                    .withEvidence(Timing.CONNECT, "n/a")
                    .withDurationMillis(40))
            .orElseThrow();
    assertThat(phases(t)).containsExactly("run=40");
    assertThat(t.detailed()).isFalse();
  }

  @Test
  void skippedAndInstantResultsHaveNoBar() {
    assertThat(Timing.of(CheckResult.skip("needs x").withDurationMillis(5))).isEmpty();
    assertThat(Timing.of(CheckResult.pass("ok"))).isEmpty();
  }
}
