package io.threescaledoctor.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  private static final long INTERVAL = 30_000_000_000L;

  @Test
  void firstRunsSpreadOverTheWholeFirstInterval() {
    Schedule schedule = new Schedule(INTERVAL, 0.1, new SplittableRandom(7));
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 10_000; i++) {
      long d = schedule.firstDelay();
      assertThat(d).isBetween(0L, INTERVAL - 1);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).as("some first runs start almost at once").isLessThan(INTERVAL / 100);
    assertThat(max).as("some start almost an interval later").isGreaterThan(INTERVAL * 99 / 100);
  }

  @Test
  void slotsFollowEachOtherWithinTheJitterBounds() {
    double jitter = 0.2;
    Schedule schedule = new Schedule(INTERVAL, jitter, new SplittableRandom(11));
    long low = Math.round(INTERVAL * (1 - jitter));
    long high = Math.round(INTERVAL * (1 + jitter));
    long slot = 0;
    long shortest = Long.MAX_VALUE;
    long longest = 0;
    for (int i = 0; i < 10_000; i++) {
      long next = schedule.next(slot);
      long gap = next - slot;
      assertThat(gap).isBetween(low, high);
      shortest = Math.min(shortest, gap);
      longest = Math.max(longest, gap);
      slot = next;
    }
    assertThat(shortest)
        .as("the jitter is used, not only its middle")
        .isLessThan(INTERVAL * 81 / 100);
    assertThat(longest).isGreaterThan(INTERVAL * 119 / 100);
    assertThat((double) slot / 10_000)
        .as("on average one interval apart: no drift")
        .isCloseTo(INTERVAL, org.assertj.core.data.Percentage.withPercentage(1));
  }

  @Test
  void slotsMissedWhileStarvedAreNotRunInABurst() {
    Schedule schedule = new Schedule(INTERVAL, 0.1, new SplittableRandom(5));
    long now = 10 * INTERVAL + INTERVAL / 3;
    long next = schedule.next(0, now);
    assertThat(next).isGreaterThan(now).isLessThanOrEqualTo(now + INTERVAL);
    assertThat(schedule.next(0, 0))
        .isBetween(Math.round(INTERVAL * 0.9), Math.round(INTERVAL * 1.1));
  }

  @Test
  void noJitterMeansExactlyOneIntervalApart() {
    Schedule schedule = new Schedule(INTERVAL, 0, new SplittableRandom(3));
    assertThat(schedule.next(5)).isEqualTo(5 + INTERVAL);
  }

  @Test
  void refusesJitterOverHalfAnInterval() {
    assertThatThrownBy(() -> new Schedule(INTERVAL, 0.6, new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jitter");
  }
}
