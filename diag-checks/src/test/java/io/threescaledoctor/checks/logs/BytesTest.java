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

  private static int naiveIndexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
