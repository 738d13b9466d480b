package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SparklineTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void drawsASpikeAsTheTallestBlockAndQuietMinutesAsBlanks() {
    TreeMap<Instant, Integer> perMinute = new TreeMap<>();
    perMinute.put(T0, 1);
    perMinute.put(T0.plusSeconds(120), 8);
    Sparkline.Columns c = Sparkline.fold(perMinute, 60);
    assertThat(c.counts()).containsExactly(1, 0, 8);
    assertThat(Sparkline.draw(c.counts())).isEqualTo("▁ █");
  }

  @Test
  void foldsALongRangeIntoTheWidthBySummingMinutes() {
    TreeMap<Instant, Integer> perMinute = new TreeMap<>();
    for (int m = 0; m < 600; m++) {
      perMinute.put(T0.plusSeconds(60L * m), 1);
    }
    Sparkline.Columns c = Sparkline.fold(perMinute, 60);
    assertThat(c.minutesPerColumn()).isEqualTo(10);
    assertThat(c.counts()).hasSize(60).containsOnly(10);
  }
}
