package io.threescaledoctor.checks.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte-range primitives the log scanners run on every line, eight bytes at a time where it pays: a
 * log is read as bytes, never decoded, so these are what stands between the doctor and grep.
 */
final class Bytes {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Bytes() {}

  /** The eight bytes at {@code b[at..at+8)} as one little-endian long. */
  static long longAt(byte[] b, int at) {
    return (long) LONGS.get(b, at);
  }

  /** Index of the first {@code c} in {@code b[from, to)}, or -1. */
  static int indexOf(byte[] b, int from, int to, byte c) {
    long pattern = (c & 0xffL) * ONES;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = longAt(b, i) ^ pattern;
      // A byte of x is zero where b holds c; the lowest flagged byte is always a true match.
      long zeros = (x - ONES) & ~x & HIGHS;
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The bytes of {@code w} equal to {@code c}, as the top bit of each byte: the lowest one set is
   * always a match; one above a match may be a false one (check the byte).
   */
  static long matches(long w, byte c) {
    long x = w ^ ((c & 0xffL) * ONES);
    return (x - ONES) & ~x & HIGHS;
  }

  /** Index of the first {@code '\n'} in {@code b[from, to)}, or -1. */
  static int newline(byte[] b, int from, int to) {
    return indexOf(b, from, to, (byte) '\n');
  }

  /**
   * Whether {@code key[from..]} occurs at {@code b[at..]} (the caller checked the bounds). For keys
   * this short, comparing longs beats {@code Arrays.equals}, whose setup costs more than the work.
   */
  static boolean same(byte[] b, int at, byte[] key, int from) {
    int n = key.length - from;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      if (longAt(b, at + i) != longAt(key, from + i)) {
        return false;
      }
    }
    for (; i < n; i++) {
      if (b[at + i] != key[from + i]) {
        return false;
      }
    }
    return true;
  }
}
