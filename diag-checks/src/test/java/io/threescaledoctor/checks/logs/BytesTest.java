package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTest {
  @Test
  void findsTheFirstOccurrenceOfAByteAtEveryOffsetAndBound() {
    Random random = new Random(5);
    byte[] b = new byte[97];
    for (int round = 0; round < 200; round++) {
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) "ab,\n\"\u00e9".charAt(random.nextInt(6));
      }
      for (int from = 0; from < b.length; from += 7) {
        for (int to = from; to <= b.length; to += 5) {
          for (byte c : new byte[] {',', '\n', '"', (byte) 0xe9}) {
            assertThat(Bytes.indexOf(b, from, to, c))
                .as("%d..%d %s", from, to, c)
                .isEqualTo(naiveIndexOf(b, from, to, c));
          }
          assertThat(Bytes.newline(b, from, to)).isEqualTo(naiveIndexOf(b, from, to, (byte) '\n'));
        }
      }
    }
  }

  @Test
  void comparesAKeyFromAnyOffset() {
    byte[] text = "xx, upstream: \"http".getBytes();
    byte[] key = ", upstream: ".getBytes();
    assertThat(Bytes.same(text, 2, key, 0)).isTrue();
    assertThat(Bytes.same(text, 4, key, 2)).isTrue();
    assertThat(Bytes.same(text, 3, key, 0)).isFalse();
    byte[] lastByteDiffers = "xx, upstream; \"http".getBytes();
    assertThat(Bytes.same(lastByteDiffers, 2, key, 0)).isFalse();
  }

  @Test
  void namesTheLowestFlaggedByteOfEveryPattern() {
    for (int pattern = 1; pattern < 256; pattern++) {
      long flags = 0;
      for (int k = 0; k < 8; k++) {
        if ((pattern & (1 << k)) != 0) {
          flags |= 0x80L << (8 * k);
        }
      }
      assertThat(Bytes.firstFlagged(flags))
          .as("pattern %s", Integer.toBinaryString(pattern))
          .isEqualTo(Integer.numberOfTrailingZeros(pattern));
    }
  }

  @Test
  void flagsExactlyTheBytesThatAreNotDigits() {
    for (int c = 0; c < 256; c++) {
      long w = 0x3131313131313131L & ~0xFF00L | ((long) c << 8);
      long expected = c >= '0' && c <= '9' ? 0 : 0x8000L;
      assertThat(Bytes.nonDigits(w)).as("byte %d", c).isEqualTo(expected);
    }
  }

  @Test
  void findsWhereDigitsEndAtEveryOffsetAndBound() {
    Random random = new Random(7);
    byte[] b = new byte[61];
    for (int round = 0; round < 300; round++) {
      for (int i = 0; i < b.length; i++) {
        // Mostly digits, in runs longer than a word, with the bytes around '0'..'9' and above 127.
        b[i] =
            random.nextInt(12) == 0
                ? (byte) "/:#*\u00b0 ".charAt(random.nextInt(6))
                : (byte) ('0' + random.nextInt(10));
      }
      for (int from = 0; from < b.length; from += 3) {
        for (int to = from; to <= b.length; to += 4) {
          int expected = from;
          while (expected < to && b[expected] >= '0' && b[expected] <= '9') {
            expected++;
          }
          assertThat(Bytes.digitsEnd(b, from, to)).as("%d..%d", from, to).isEqualTo(expected);
        }
      }
    }
  }

  private static int naiveIndexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
