package io.threescaledoctor.checks.logs;

import java.util.Arrays;

/**
 * Remembers what was concluded about recently seen message texts. nginx writes the same message
 * thousands of times, with the parts that vary (client, request, upstream) in the fields after it,
 * so most lines are settled by comparing their message with one remembered text instead of
 * searching it for every catalog key. A text may be remembered up to its digits: "client 10.1.2.3
 * closed keepalive connection" then answers for every client address of that length, which is what
 * a busy gateway's log is made of. The caller says when a conclusion depends on the digits (an
 * errno, a status code) and must only be reused for the same bytes. A small set-associative table:
 * texts that are never repeated only evict entries of their own set. Not thread-safe.
 */
final class MessageMemo<V> {
  /** Longer texts are not remembered: they are rarely repeated. */
  static final int MAX_TEXT = 512;

  private static final int MIN_TEXT = 8;
  private static final int SET_BITS = 8;
  private static final int WAYS = 4;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long ZEROS = 0x3030303030303030L;

  private final byte[][] texts = new byte[WAYS << SET_BITS][];
  private final int[] lengths = new int[WAYS << SET_BITS];
  private final boolean[] exact = new boolean[WAYS << SET_BITS];
  private final long[][] words = new long[WAYS << SET_BITS][];
  private final Object[] values = new Object[WAYS << SET_BITS];
  private final byte[] nextVictim = new byte[1 << SET_BITS];

  /** What was remembered for the text {@code b[from, to)}, or null. */
  V get(byte[] b, int from, int to) {
    return to - from < MIN_TEXT || to - from > MAX_TEXT
        ? null
        : get(b, from, to, set(b, from, to), words(b, from, to));
  }

  /** Longs a caller needs for {@link #words}. */
  static final int MAX_WORDS = MAX_TEXT / MIN_TEXT + 1;

  /**
   * The words a text is compared by: its whole words, then its last eight bytes, digits as zeros.
   * {@link ErrorLogScanner#measureMessage} fills them on its way through the message.
   */
  static long[] words(byte[] b, int from, int to) {
    int k = (to - from) / MIN_TEXT;
    long[] out = new long[k + 1];
    for (int i = 0; i < k; i++) {
      out[i] = digitsAsZero(b, from + i * MIN_TEXT);
    }
    out[k] = digitsAsZero(b, to - MIN_TEXT);
    return out;
  }

  /**
   * As {@link #get(byte[], int, int)}, with the text's {@link #set} and {@link #words} already
   * computed. A text that may be reused only for its own bytes shares the set of the texts that
   * differ from it only in their digits: four of them at most are remembered at once.
   */
  @SuppressWarnings("unchecked")
  V get(byte[] b, int from, int to, int set, long[] textWords) {
    int n = to - from;
    if (n < MIN_TEXT || n > MAX_TEXT) {
      return null;
    }
    int k = n / MIN_TEXT + 1;
    int first = set * WAYS;
    for (int slot = first; slot < first + WAYS; slot++) {
      if (lengths[slot] == n
          && (exact[slot]
              ? Arrays.equals(texts[slot], 0, n, b, from, to)
              : Arrays.equals(words[slot], 0, k, textWords, 0, k))) {
        return (V) values[slot];
      }
    }
    return null;
  }

  /**
   * Remembers {@code value} for the text {@code b[from, to)}, evicting the set's oldest entry;
   * {@code exactOnly} when the value must not be reused for a text that differs in its digits.
   */
  void put(byte[] b, int from, int to, V value, boolean exactOnly) {
    if (to - from >= MIN_TEXT && to - from <= MAX_TEXT) {
      put(b, from, to, value, exactOnly, set(b, from, to), words(b, from, to));
    }
  }

  /** As {@link #put(byte[], int, int, Object, boolean)}, with the text's set already computed. */
  void put(byte[] b, int from, int to, V value, boolean exactOnly, int set, long[] textWords) {
    int n = to - from;
    if (n < MIN_TEXT || n > MAX_TEXT) {
      return;
    }
    int slot = set * WAYS + nextVictim[set];
    nextVictim[set] = (byte) ((nextVictim[set] + 1) % WAYS);
    if (texts[slot] == null || texts[slot].length < n) {
      texts[slot] = new byte[Math.max(n, 64)];
    }
    System.arraycopy(b, from, texts[slot], 0, n);
    int k = n / MIN_TEXT + 1;
    if (words[slot] == null || words[slot].length < k) {
      words[slot] = new long[Math.max(k, 8)];
    }
    System.arraycopy(textWords, 0, words[slot], 0, k);
    lengths[slot] = n;
    exact[slot] = exactOnly;
    values[slot] = value;
  }

  /** {@code put(b, from, to, value, true)}: reused only for the same bytes. */
  void put(byte[] b, int from, int to, V value) {
    put(b, from, to, value, true);
  }

  /** The eight bytes at {@code at} with every ASCII digit replaced by {@code '0'}. */
  static long digitsAsZero(byte[] b, int at) {
    return digitsAsZero(Bytes.longAt(b, at));
  }

  /** {@code w}'s bytes with every ASCII digit replaced by {@code '0'}. */
  static long digitsAsZero(long w) {
    long digit = (~Bytes.nonDigits(w) & HIGHS) >>> 7;
    long mask = digit * 0xFF;
    return (w & ~mask) | (ZEROS & mask);
  }

  /**
   * The set of the text {@code b[from, to)} (at least eight bytes): every byte is hashed, digits as
   * zeros (texts often differ in one letter of a host name in their middle). The whole words go in
   * two lanes, alternately, so the multiplications of one do not wait for the other's; the last
   * eight bytes and the length close it. {@link #lane} and {@link #set(long, long, long, int)} let
   * a caller that reads the text's words anyway compute the same set on the way.
   */
  static int set(byte[] b, int from, int to) {
    long even = 0;
    long odd = 0;
    int k = 0;
    for (int i = from; i + MIN_TEXT <= to; i += MIN_TEXT, k++) {
      if ((k & 1) == 0) {
        even = lane(even, digitsAsZero(b, i));
      } else {
        odd = lane(odd, digitsAsZero(b, i));
      }
    }
    return set(even, odd, digitsAsZero(b, to - MIN_TEXT), to - from);
  }

  /** Adds a whole word (digits as zeros) to a lane of the hash. */
  static long lane(long lane, long word) {
    return (lane ^ word) * GOLDEN;
  }

  /** The set of a text from its two lanes, its last eight bytes (digits as zeros), its length. */
  static int set(long even, long odd, long lastWord, int length) {
    long h = (even ^ Long.rotateLeft(odd, 31) ^ lastWord ^ (length * GOLDEN)) * GOLDEN;
    return (int) (h >>> (64 - SET_BITS));
  }
}
