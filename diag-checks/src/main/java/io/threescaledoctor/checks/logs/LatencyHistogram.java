package io.threescaledoctor.checks.logs;

/**
 * Durations counted in buckets, for percentiles in constant memory: exact to the millisecond below
 * 64 ms (nginx logs times in milliseconds), then 16 buckets per doubling (within about 4 %), up to
 * about 18 minutes. The first {@value #KEPT} values are also kept as they are, so the percentiles
 * of a small group are exact. Not thread-safe.
 */
final class LatencyHistogram {
  private static final int EXACT = 64;
  private static final int PER_DOUBLING = 16;
  private static final int DOUBLINGS = 14;
  private static final int BUCKETS = EXACT + DOUBLINGS * PER_DOUBLING;

  private static final int KEPT = 64;

  private final long[] counts = new long[BUCKETS];
  private final long[] kept = new long[KEPT];
  private long total;
  private long maxMillis;

  void add(long millis) {
    long ms = Math.max(0, millis);
    if (total < KEPT) {
      kept[(int) total] = ms;
    }
    counts[bucket(ms)]++;
    total++;
    maxMillis = Math.max(maxMillis, ms);
  }

  long count() {
    return total;
  }

  /** The {@code q} quantile (0 < q <= 1) in seconds, or NaN with no value. */
  double quantileSeconds(double q) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    if (total <= KEPT) {
      long[] sorted = java.util.Arrays.copyOf(kept, (int) total);
      java.util.Arrays.sort(sorted);
      return sorted[(int) rank - 1] / 1000.0;
    }
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(upperMillis(i), maxMillis) / 1000.0;
      }
    }
    return maxMillis / 1000.0;
  }

  double maxSeconds() {
    return total == 0 ? Double.NaN : maxMillis / 1000.0;
  }

  private static int bucket(long ms) {
    if (ms < EXACT) {
      return (int) ms;
    }
    int power = 63 - Long.numberOfLeadingZeros(ms);
    int doubling = power - 6;
    if (doubling >= DOUBLINGS) {
      return BUCKETS - 1;
    }
    int sub = (int) ((ms - (1L << power)) >>> (power - 4));
    return EXACT + doubling * PER_DOUBLING + sub;
  }

  /** The largest value a bucket holds, in milliseconds. */
  private static long upperMillis(int bucket) {
    if (bucket < EXACT) {
      return bucket;
    }
    int doubling = (bucket - EXACT) / PER_DOUBLING;
    int sub = (bucket - EXACT) % PER_DOUBLING;
    int power = doubling + 6;
    return (1L << power) + ((long) (sub + 1) << (power - 4)) - 1;
  }
}
