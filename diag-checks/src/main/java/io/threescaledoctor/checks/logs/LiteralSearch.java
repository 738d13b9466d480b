package io.threescaledoctor.checks.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Finds one literal in a byte range, skipping ahead by up to its length (Horspool). */
final class LiteralSearch {
  private final byte[] key;
  private final int[] shift = new int[256];

  LiteralSearch(String literal) {
    this.key = literal.getBytes(StandardCharsets.UTF_8);
    if (key.length == 0) {
      throw new IllegalArgumentException("empty literal");
    }
    Arrays.fill(shift, key.length);
    for (int i = 0; i < key.length - 1; i++) {
      shift[key[i] & 0xff] = key.length - 1 - i;
    }
  }

  int length() {
    return key.length;
  }

  /** Index of the first occurrence in {@code b[from, to)}, or -1. */
  int indexOf(byte[] b, int from, int to) {
    int n = key.length;
    byte last = key[n - 1];
    int i = from + n - 1;
    while (i < to) {
      byte c = b[i];
      if (c == last && Bytes.same(b, i - n + 1, key, 0)) {
        return i - n + 1;
      }
      i += shift[c & 0xff];
    }
    return -1;
  }
}
