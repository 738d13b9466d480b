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
  private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
  private static final long ZEROS = 0x3030303030303030L;
  private static final long BELOW_TEN = 0x7676767676767676L;

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
        return i + firstFlagged(zeros);
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

  /**
   * The index (0-7) of the lowest byte flagged in {@code flags}, which holds only the top bits of
   * bytes, as {@link #matches} returns them; not zero. The lowest flag, moved to its byte's low
   * bit, multiplies a constant whose top byte then holds the index. The quick compiler, which reads
   * the logs, does not make {@link Long#numberOfTrailingZeros} one instruction: it ran as Java
   * code, a seventh of the time spent on a line.
   */
  static int firstFlagged(long flags) {
    return (int) ((((flags & -flags) >>> 7) * 0x0001020304050607L) >>> 56);
  }

  /** The bytes of {@code w} that are not ASCII digits, as the top bit of each byte; exact. */
  static long nonDigits(long w) {
    long t = w ^ ZEROS;
    // A byte is a digit when t < 10 and its top bit is clear; no carry crosses bytes.
    return (((t & LOWS) + BELOW_TEN) | t) & HIGHS;
  }

  /** Where the ASCII digits from {@code from} end: the first other byte, {@code to} at most. */
  static int digitsEnd(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long others = nonDigits(longAt(b, i));
      if (others != 0) {
        return i + firstFlagged(others);
      }
    }
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
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
