package io.threescaledoctor.checks.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds many literal byte strings in one pass (Aho-Corasick with a dense transition table), so a
 * log line costs one table step per byte whatever the number of known messages.
 */
final class ByteMatcher {
  /** Set on a transition whose target state completes at least one key. */
  static final int MATCH = 0x4000_0000;

  static final int STATE = MATCH - 1;

  private final int[] next;
  private final int[][] keysEndingAt;

  ByteMatcher(List<String> keys) {
    List<int[]> gotoRows = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    gotoRows.add(newRow());
    out.add(new ArrayList<>());
    for (int k = 0; k < keys.size(); k++) {
      byte[] key = keys.get(k).getBytes(StandardCharsets.UTF_8);
      if (key.length == 0) {
        throw new IllegalArgumentException("empty key");
      }
      int s = 0;
      for (byte b : key) {
        int c = b & 0xff;
        if (gotoRows.get(s)[c] < 0) {
          gotoRows.get(s)[c] = gotoRows.size();
          gotoRows.add(newRow());
          out.add(new ArrayList<>());
        }
        s = gotoRows.get(s)[c];
      }
      out.get(s).add(k);
    }
    int states = gotoRows.size();
    int[] fail = new int[states];
    next = new int[states * 256];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < 256; c++) {
      int t = gotoRows.get(0)[c];
      if (t < 0) {
        next[c] = 0;
      } else {
        next[c] = t;
        fail[t] = 0;
        queue.add(t);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      out.get(s).addAll(out.get(fail[s]));
      for (int c = 0; c < 256; c++) {
        int t = gotoRows.get(s)[c];
        if (t < 0) {
          next[s * 256 + c] = next[fail[s] * 256 + c] & STATE;
        } else {
          next[s * 256 + c] = t;
          fail[t] = next[fail[s] * 256 + c] & STATE;
          queue.add(t);
        }
      }
    }
    keysEndingAt = new int[states][];
    for (int s = 0; s < states; s++) {
      keysEndingAt[s] = out.get(s).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    for (int i = 0; i < next.length; i++) {
      if (keysEndingAt[next[i]].length > 0) {
        next[i] |= MATCH;
      }
    }
  }

  private static int[] newRow() {
    int[] row = new int[256];
    Arrays.fill(row, -1);
    return row;
  }

  /** The transition table: {@code next[state << 8 | byte]}, flagged with {@link #MATCH}. */
  int[] table() {
    return next;
  }

  /** Indices of the keys that end in {@code state} (without the flag). */
  int[] keysEndingAt(int state) {
    return keysEndingAt[state];
  }

  /** Index of the first occurrence of {@code key} in {@code b[from, to)}, or -1. */
  static int indexOf(byte[] b, int from, int to, byte[] key) {
    if (key.length == 0) {
      return from;
    }
    byte first = key[0];
    int last = to - key.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (b[i] != first) {
        continue;
      }
      for (int j = 1; j < key.length; j++) {
        if (b[i + j] != key[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
