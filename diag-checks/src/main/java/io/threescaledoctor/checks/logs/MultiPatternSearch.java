package io.threescaledoctor.checks.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds many literal byte strings in a line without looking at most of its bytes (Wu-Manber: a
 * shift table over two-byte blocks lets the search jump ahead by up to the shortest key's length),
 * the way grep's fixed-string search is fast. Immutable and thread-safe.
 */
final class MultiPatternSearch {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private final byte[][] keys;
  private final int window;
  private final byte[] shift = new byte[1 << 16];
  private final int[][] candidates = new int[1 << 16][];

  /** Receives each key found; returns false to stop the search. */
  interface Hit {
    boolean found(int key, int start);
  }

  MultiPatternSearch(List<String> keyTexts) {
    keys = keyTexts.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    int shortest = Arrays.stream(keys).mapToInt(k -> k.length).min().orElse(2);
    if (shortest < 2) {
      throw new IllegalArgumentException("keys must be at least two bytes long");
    }
    window = Math.min(shortest, 127);
    Arrays.fill(shift, (byte) (window - 1));
    List<List<Integer>> lists = new ArrayList<>();
    for (int h = 0; h < 1 << 16; h++) {
      lists.add(null);
    }
    for (int k = 0; k < keys.length; k++) {
      byte[] key = keys[k];
      for (int j = 1; j < window; j++) {
        int h = block(key[j - 1], key[j]);
        shift[h] = (byte) Math.min(shift[h], window - 1 - j);
      }
      int h = block(key[window - 2], key[window - 1]);
      if (lists.get(h) == null) {
        lists.set(h, new ArrayList<>());
      }
      lists.get(h).add(k);
    }
    for (int h = 0; h < 1 << 16; h++) {
      if (lists.get(h) != null) {
        candidates[h] = lists.get(h).stream().mapToInt(Integer::intValue).toArray();
      }
    }
  }

  private static int block(byte a, byte b) {
    return ((a & 0xff) << 8) | (b & 0xff);
  }

  /**
   * Reports every key occurring in {@code b[from, to)}, in order of position, until told to stop.
   */
  void search(byte[] b, int from, int to, Hit hit) {
    byte[][] k = keys;
    int pos = from + window - 1;
    while (pos < to) {
      int h = ((b[pos - 1] & 0xff) << 8) | (b[pos] & 0xff);
      int s = shift[h];
      if (s != 0) {
        pos += s;
        continue;
      }
      int start = pos - window + 1;
      for (int c : candidates[h]) {
        byte[] key = k[c];
        int end = start + key.length;
        // The first two bytes reject most candidates before the (costlier) full comparison.
        if (end <= to
            && b[start] == key[0]
            && b[start + 1] == key[1]
            && same(b, start + 2, key, 2)
            && !hit.found(c, start)) {
          return;
        }
      }
      pos++;
    }
  }

  /**
   * Whether {@code key[from..]} occurs at {@code b[at..]} (the caller checked the bounds). A plain
   * loop: for keys this short it beats {@code Arrays.equals}, whose setup dominates.
   */
  static boolean same(byte[] b, int at, byte[] key, int from) {
    for (int i = from, j = at; i < key.length; i++, j++) {
      if (b[j] != key[i]) {
        return false;
      }
    }
    return true;
  }

  /** Index of the first {@code '\n'} in {@code b[from, to)}, or -1; eight bytes at a time. */
  static int newline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ NEWLINES;
      long t = (x - ONES) & ~x & HIGHS;
      if (t != 0) {
        return i + (Long.numberOfTrailingZeros(t) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
