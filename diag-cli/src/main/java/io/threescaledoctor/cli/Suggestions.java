package io.threescaledoctor.cli;

import java.util.Collection;
import java.util.List;

/** "Did you mean ...?" for a mistyped command or key. */
public final class Suggestions {
  private static final int MAX_DISTANCE = 2;

  private Suggestions() {}

  /**
   * The names {@code typed} most likely meant: those it is a prefix of, else those the fewest edits
   * away (at most two; swapping two letters counts as one edit).
   */
  public static List<String> closest(String typed, Collection<String> names) {
    String t = typed.toLowerCase();
    List<String> prefixed =
        t.length() < 2
            ? List.of()
            : names.stream().filter(n -> n.toLowerCase().startsWith(t)).sorted().limit(3).toList();
    if (!prefixed.isEmpty()) {
      return prefixed;
    }
    int best =
        names.stream().mapToInt(n -> distance(t, n.toLowerCase())).min().orElse(Integer.MAX_VALUE);
    if (best > MAX_DISTANCE) {
      return List.of();
    }
    return names.stream()
        .filter(n -> distance(t, n.toLowerCase()) == best)
        .sorted()
        .limit(3)
        .toList();
  }

  /** " (did you mean x?)", or nothing when no name is close. */
  public static String didYouMean(String typed, Collection<String> names) {
    List<String> close = closest(typed, names);
    return close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
  }

  /** Edit distance where a swap of two neighbouring letters is one edit, as typos usually are. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
