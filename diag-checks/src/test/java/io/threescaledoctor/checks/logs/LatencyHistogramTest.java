package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void isExactForASmallGroup() {
    LatencyHistogram h = new LatencyHistogram();
    for (long ms : new long[] {2500, 10, 1500}) {
      h.add(ms);
    }
    assertThat(h.quantileSeconds(0.5)).isEqualTo(1.5);
    assertThat(h.quantileSeconds(0.95)).isEqualTo(2.5);
    assertThat(h.maxSeconds()).isEqualTo(2.5);
  }

  @Test
  void staysWithinFourPercentForALargeOneInConstantMemory() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 1; i <= 100_000; i++) {
      h.add(i % 10_000);
    }
    assertThat(h.count()).isEqualTo(100_000);
    assertThat(h.quantileSeconds(0.5)).isCloseTo(5.0, within(5.0 * 0.04));
    assertThat(h.quantileSeconds(0.99)).isCloseTo(9.9, within(9.9 * 0.04));
    assertThat(h.quantileSeconds(0.01)).isCloseTo(0.1, within(0.1 * 0.04));
  }

  @Test
  void hasNoPercentileWithoutValues() {
    assertThat(new LatencyHistogram().quantileSeconds(0.5)).isNaN();
  }
}
