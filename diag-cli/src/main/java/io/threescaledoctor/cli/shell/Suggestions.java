package io.threescaledoctor.cli.shell;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean ...?" for a mistyped command or key. */
final class Suggestions {
  private static final int MAX_DISTANCE = 2;

  private Suggestions() {}

  /** The closest names to {@code typed}: a prefix match, or at most two edits away. */
  static List<String> closest(String typed, Collection<String> names) {
    String t = typed.toLowerCase();
    return names.stream()
        .filter(n -> (t.length() >= 2 && n.toLowerCase().startsWith(t))
            || distance(t, n.toLowerCase()) <= MAX_DISTANCE)
        .sorted(Comparator.comparingInt((String n) -> distance(t, n.toLowerCase()))
            .thenComparing(n -> n))
        .limit(3)
        .toList();
  }

  /** " (did you mean x?)", or nothing when no name is close. */
  static String didYouMean(String typed, Collection<String> names) {
    List<String> close = closest(typed, names);
    return close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1),
            previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
