package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultiPatternSearchTest {
  @Test
  void findsEveryOccurrenceOfEveryKeyLikeANaiveSearch() {
    Random random = new Random(11);
    for (int round = 0; round < 300; round++) {
      List<String> keys = new ArrayList<>();
      for (int k = 0; k < 1 + random.nextInt(40); k++) {
        keys.add(randomText(random, 3 + random.nextInt(12)));
      }
      // Keys that share prefixes and end blocks, like "upstream timed out" and "upstream sent".
      keys.add("upstream timed out");
      keys.add("upstream sent too big header");
      String text = randomText(random, 300) + "upstream timed out" + randomText(random, 20);
      byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
      MultiPatternSearch search = new MultiPatternSearch(keys);

      List<String> found = new ArrayList<>();
      search.search(b, 0, b.length, (key, start) -> found.add(key + "@" + start));

      assertThat(found).containsExactlyInAnyOrderElementsOf(naive(keys, text));
    }
  }

  @Test
  void stopsWhenTheCallerHasSeenEnough() {
    MultiPatternSearch search = new MultiPatternSearch(List.of("abc", "bcd"));
    byte[] b = "abcd abcd".getBytes(StandardCharsets.US_ASCII);
    List<Integer> starts = new ArrayList<>();
    search.search(
        b,
        0,
        b.length,
        (key, start) -> {
          starts.add(start);
          return false;
        });
    assertThat(starts).containsExactly(0);
  }

  @Test
  void searchesOnlyTheGivenRange() {
    MultiPatternSearch search = new MultiPatternSearch(List.of("refused"));
    byte[] b = "refused, client: x refused".getBytes(StandardCharsets.US_ASCII);
    List<Integer> starts = new ArrayList<>();
    search.search(b, 1, 19, (key, start) -> starts.add(start));
    assertThat(starts).isEmpty();
  }

  @Test
  void refusesKeysShorterThanItsBlock() {
    assertThatThrownBy(() -> new MultiPatternSearch(List.of("ab", "long enough")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> naive(List<String> keys, String text) {
    List<String> hits = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      for (int at = text.indexOf(keys.get(k)); at >= 0; at = text.indexOf(keys.get(k), at + 1)) {
        hits.add(k + "@" + at);
      }
    }
    return hits;
  }

  private static String randomText(Random random, int length) {
    String alphabet = "upstream timedoc ";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
