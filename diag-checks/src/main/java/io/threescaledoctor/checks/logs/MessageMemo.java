package io.threescaledoctor.checks.logs;

import java.util.Arrays;

/**
 * Remembers what was concluded about recently seen message texts. nginx writes the same message
 * thousands of times, with the parts that vary (client, request, upstream) in the fields after it,
 * so most lines are settled by comparing their message with one remembered text instead of
 * searching it for every catalog key. Exact: a value is returned only for byte-identical text. A
 * small set-associative table: texts that are never repeated only evict entries of their own set.
 * Not thread-safe.
 */
final class MessageMemo<V> {
  /** Longer texts are not remembered: they are rarely repeated. */
  static final int MAX_TEXT = 512;

  private static final int MIN_TEXT = 8;
  private static final int SET_BITS = 8;
  private static final int WAYS = 4;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final byte[][] texts = new byte[WAYS << SET_BITS][];
  private final int[] lengths = new int[WAYS << SET_BITS];
  private final Object[] values = new Object[WAYS << SET_BITS];
  private final byte[] nextVictim = new byte[1 << SET_BITS];

  /** What was remembered for the text {@code b[from, to)}, or null. */
  @SuppressWarnings("unchecked")
  V get(byte[] b, int from, int to) {
    int n = to - from;
    if (n < MIN_TEXT || n > MAX_TEXT) {
      return null;
    }
    int first = set(b, from, to) * WAYS;
    for (int slot = first; slot < first + WAYS; slot++) {
      if (lengths[slot] == n && Arrays.equals(texts[slot], 0, n, b, from, to)) {
        return (V) values[slot];
      }
    }
    return null;
  }

  /** Remembers {@code value} for the text {@code b[from, to)}, evicting the set's oldest entry. */
  void put(byte[] b, int from, int to, V value) {
    int n = to - from;
    if (n < MIN_TEXT || n > MAX_TEXT) {
      return;
    }
    int set = set(b, from, to);
    int slot = set * WAYS + nextVictim[set];
    nextVictim[set] = (byte) ((nextVictim[set] + 1) % WAYS);
    if (texts[slot] == null || texts[slot].length < n) {
      texts[slot] = new byte[Math.max(n, 64)];
    }
    System.arraycopy(b, from, texts[slot], 0, n);
    lengths[slot] = n;
    values[slot] = value;
  }

  /**
   * Hashes every byte (texts often differ in one digit of a host name in their middle), in two
   * lanes so the multiplications of one do not wait for the other's.
   */
  private static int set(byte[] b, int from, int to) {
    long even = to - from;
    long odd = 0;
    int i = from;
    for (; i + 2 * MIN_TEXT <= to; i += 2 * MIN_TEXT) {
      even = (even ^ Bytes.longAt(b, i)) * GOLDEN;
      odd = (odd ^ Bytes.longAt(b, i + MIN_TEXT)) * GOLDEN;
    }
    if (i + MIN_TEXT <= to) {
      even = (even ^ Bytes.longAt(b, i)) * GOLDEN;
    }
    long h = (even ^ Long.rotateLeft(odd, 31) ^ Bytes.longAt(b, to - MIN_TEXT)) * GOLDEN;
    return (int) (h >>> (64 - SET_BITS));
  }
}
