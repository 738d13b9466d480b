package io.threescaledoctor.core.fleet;

import java.util.random.RandomGenerator;

/**
 * When runs are due: a profile's first run at a uniformly random point of the first interval, so
 * that profiles loaded together spread over it; every later one an interval after the previous
 * slot, give or take {@code jitter} of an interval, so that profiles never fall into step. Slots
 * follow slots, not run ends: a late or slow run does not push its successors back.
 */
final class Schedule {
  private final long intervalNanos;
  private final double jitter;
  private final RandomGenerator random;

  Schedule(long intervalNanos, double jitter, RandomGenerator random) {
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("interval must be positive");
    }
    if (jitter < 0 || jitter > 0.5) {
      throw new IllegalArgumentException("jitter must be between 0 and 0.5 of the interval");
    }
    this.intervalNanos = intervalNanos;
    this.jitter = jitter;
    this.random = random;
  }

  /** Nanoseconds from now to a new profile's first slot: in [0, interval). */
  synchronized long firstDelay() {
    return (long) (random.nextDouble() * intervalNanos);
  }

  /** The slot after {@code previous}: in [interval × (1 - jitter), interval × (1 + jitter)]. */
  synchronized long next(long previous) {
    double factor = 1 + jitter * (2 * random.nextDouble() - 1);
    return previous + Math.round(intervalNanos * factor);
  }

  /**
   * As {@link #next(long)}, moved on by whole intervals when that slot is already past at {@code
   * now}: after the process was stopped or starved for a while, a profile runs once, not once per
   * slot it missed, and keeps its place in the interval.
   */
  long next(long previous, long now) {
    long next = next(previous);
    if (next < now) {
      next += ((now - next) / intervalNanos + 1) * intervalNanos;
    }
    return next;
  }
}
