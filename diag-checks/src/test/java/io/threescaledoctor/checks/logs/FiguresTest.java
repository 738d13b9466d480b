package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FiguresTest {
  @ParameterizedTest
  @ValueSource(
      longs = {
        0,
        7,
        999,
        1000,
        12_345,
        999_999,
        1_000_000,
        1_234_567,
        -1,
        -999,
        -1000,
        -1_234_567,
        Long.MAX_VALUE,
        Long.MIN_VALUE
      })
  void groupsThousandsAsFormatterDoes(long n) {
    assertThat(Figures.grouped(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {
        0,
        0.05,
        0.15,
        0.25,
        0.35,
        1.45,
        2.5,
        12.345,
        99.95,
        99.94999,
        100,
        1e-9,
        -0.04,
        -0.05,
        -12.345,
        1e15,
        0.0005,
        0.0015,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY
      })
  void roundsAsFormatterDoes(double v) {
    for (int places = 0; places <= 3; places++) {
      assertThat(Figures.decimals(v, places))
          .as("%s to %d places", v, places)
          .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", v));
    }
  }

  @Test
  void agreesWithFormatterOnSharesAndSecondsOfAllSizes() {
    SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 20_000; i++) {
      double share = random.nextDouble() * 100;
      double seconds = random.nextDouble() * Math.pow(10, random.nextInt(-4, 5));
      assertThat(Figures.decimals(share, 1)).isEqualTo(String.format(Locale.ROOT, "%.1f", share));
      assertThat(Figures.decimals(seconds, 3))
          .isEqualTo(String.format(Locale.ROOT, "%.3f", seconds));
      long n = random.nextLong(-10_000_000_000L, 10_000_000_000L);
      assertThat(Figures.grouped(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
    }
  }
}
