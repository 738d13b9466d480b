package io.threescaledoctor.checks.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds many literal byte strings in a line without looking at most of its bytes (Wu-Manber: a
 * shift table over three-byte blocks lets the search jump ahead by up to the shortest key's length
 * less two), the way grep's fixed-string search is fast. Blocks are three bytes, not two, because
 * with a few dozen English keys nearly every common letter pair ends some key's window, which would
 * cut most shifts to zero and verify a candidate at almost every byte. Immutable and thread-safe.
 */
final class MultiPatternSearch {

  private static final int BLOCK = 3;
  private static final int TABLE_BITS = 15;
  private static final int TABLE = 1 << TABLE_BITS;

  private final byte[][] keys;
  private final int window;
  private final byte[] shift = new byte[TABLE];
  private final int[][] candidates = new int[TABLE][];

  /** Receives each key found; returns false to stop the search. */
  interface Hit {
    boolean found(int key, int start);
  }

  MultiPatternSearch(List<String> keyTexts) {
    keys = keyTexts.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    int shortest = Arrays.stream(keys).mapToInt(k -> k.length).min().orElse(BLOCK);
    if (shortest < BLOCK) {
      throw new IllegalArgumentException("keys must be at least " + BLOCK + " bytes long");
    }
    window = Math.min(shortest, 127);
    Arrays.fill(shift, (byte) (window - BLOCK + 1));
    Map<Integer, List<Integer>> endingAt = new HashMap<>();
    for (int k = 0; k < keys.length; k++) {
      byte[] key = keys[k];
      for (int j = BLOCK - 1; j < window; j++) {
        int h = block(key, j);
        shift[h] = (byte) Math.min(shift[h], window - 1 - j);
      }
      endingAt.computeIfAbsent(block(key, window - 1), h -> new ArrayList<>()).add(k);
    }
    endingAt.forEach((h, ks) -> candidates[h] = ks.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The table slot of the three bytes ending at {@code b[end]}. */
  private static int block(byte[] b, int end) {
    int x = ((b[end - 2] & 0xff) << 16) | ((b[end - 1] & 0xff) << 8) | (b[end] & 0xff);
    return (x * 0x9E3779B1) >>> (32 - TABLE_BITS);
  }

  /**
   * Reports every key occurring in {@code b[from, to)}, in order of position, until told to stop.
   */
  void search(byte[] b, int from, int to, Hit hit) {
    byte[][] k = keys;
    int pos = from + window - 1;
    while (pos < to) {
      int h = block(b, pos);
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
            && Bytes.same(b, start + 2, key, 2)
            && !hit.found(c, start)) {
          return;
        }
      }
      pos++;
    }
  }
}
