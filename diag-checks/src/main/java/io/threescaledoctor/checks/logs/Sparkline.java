package io.threescaledoctor.checks.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.SortedMap;

/**
 * Draws per-minute counts as one line of block characters, so a spike after a deploy shows at a
 * glance. A long range is folded into at most {@code width} columns, each the sum of its minutes.
 */
public final class Sparkline {
  private static final char[] BLOCKS = {' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

  private Sparkline() {}

  /** The folded columns and how many minutes each covers. */
  public record Columns(long[] counts, long minutesPerColumn, Instant from, Instant to) {
    public long max() {
      long m = 0;
      for (long c : counts) {
        m = Math.max(m, c);
      }
      return m;
    }
  }

  public static Columns fold(SortedMap<Instant, Integer> perMinute, int width) {
    if (perMinute.isEmpty()) {
      return new Columns(new long[0], 1, null, null);
    }
    Instant from = perMinute.firstKey();
    Instant to = perMinute.lastKey();
    long minutes = Duration.between(from, to).toMinutes() + 1;
    long per = Math.max(1, (minutes + width - 1) / width);
    int columns = (int) ((minutes + per - 1) / per);
    long[] counts = new long[columns];
    perMinute.forEach(
        (minute, n) -> {
          int col = (int) (Duration.between(from, minute).toMinutes() / per);
          counts[col] += n;
        });
    return new Columns(counts, per, from, to);
  }

  /** One character per column: blank for none, then eight heights up to the maximum. */
  public static String draw(long[] counts) {
    long max = 0;
    for (long c : counts) {
      max = Math.max(max, c);
    }
    StringBuilder sb = new StringBuilder(counts.length);
    for (long c : counts) {
      if (c == 0) {
        sb.append(BLOCKS[0]);
      } else {
        int level = (int) Math.max(1, Math.round(8.0 * c / max));
        sb.append(BLOCKS[level]);
      }
    }
    return sb.toString();
  }
}
