package io.threescaledoctor.checks.logs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link LogMessageCatalog} prepared for matching: every message's first substring in one {@link
 * MultiPatternSearch}, its further substrings and subject markers as {@link LiteralSearch}es. Built
 * once per catalog and shared by the threads that read slices of a log. Immutable and thread-safe.
 */
final class MessageMatcher {
  private final List<LogMessage> messages;
  private final MultiPatternSearch search;

  /** For each search key, the messages whose first substring it is, in catalog order. */
  private final int[][] messagesByKey;

  private final LiteralSearch[][] extraMatches;
  private final LiteralSearch[] subjectAfter;
  private final LiteralSearch[] subjectBefore;

  MessageMatcher(List<LogMessage> messages) {
    this.messages = List.copyOf(messages);
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    extraMatches = new LiteralSearch[messages.size()][];
    subjectAfter = new LiteralSearch[messages.size()];
    subjectBefore = new LiteralSearch[messages.size()];
    for (int i = 0; i < messages.size(); i++) {
      LogMessage m = messages.get(i);
      byKey.computeIfAbsent(m.match().get(0), k -> new ArrayList<>()).add(i);
      extraMatches[i] =
          m.match().stream().skip(1).map(LiteralSearch::new).toArray(LiteralSearch[]::new);
      subjectAfter[i] = m.subjectAfter() == null ? null : new LiteralSearch(m.subjectAfter());
      subjectBefore[i] = m.subjectBefore() == null ? null : new LiteralSearch(m.subjectBefore());
    }
    List<String> keys = new ArrayList<>(byKey.keySet());
    search = new MultiPatternSearch(keys);
    messagesByKey = new int[keys.size()][];
    for (int k = 0; k < keys.size(); k++) {
      messagesByKey[k] = byKey.get(keys.get(k)).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  List<LogMessage> messages() {
    return messages;
  }

  /**
   * Which message {@code b[m, messageEnd)} is, and where in it the host it names is. Keys must lie
   * inside the message: the fields after it hold request paths that can say anything. {@code
   * scratch} collects the keys found, so a line allocates nothing until it is classified.
   */
  Verdict classify(byte[] b, int m, int messageEnd, FoundKeys scratch) {
    scratch.count = 0;
    search.search(b, m, messageEnd, scratch);
    int best = Integer.MAX_VALUE;
    for (int f = 0; f < scratch.count; f++) {
      for (int msg : messagesByKey[scratch.keys[f]]) {
        if (msg < best && extrasOccur(msg, b, m, messageEnd)) {
          best = msg;
          break;
        }
      }
    }
    if (best == Integer.MAX_VALUE) {
      return Verdict.UNKNOWN;
    }
    LogMessage message = messages.get(best);
    if (message.about() == LogMessage.About.BACKEND_ANSWER) {
      return new Verdict(best, -1, -1, true, BackendAnswer.isSuccess(b, m, messageEnd));
    }
    if (message.severity() == LogMessage.Severity.BENIGN) {
      return new Verdict(best, -1, -1, false, true);
    }
    int from = -1;
    int to = -1;
    if (subjectAfter[best] != null) {
      int at = subjectAfter[best].indexOf(b, m, messageEnd);
      if (at >= 0) {
        from = at + subjectAfter[best].length();
        to = from;
        while (to < messageEnd && b[to] != ',' && b[to] != ' ' && b[to] != '"') {
          to++;
        }
      }
    }
    if (from < 0 && subjectBefore[best] != null) {
      int at = subjectBefore[best].indexOf(b, m, messageEnd);
      if (at > m) {
        to = at;
        from = at;
        while (from > m && b[from - 1] != ' ') {
          from--;
        }
        if (to - from >= 2 && b[from] == '"' && b[to - 1] == '"') {
          from++;
          to--;
        }
      }
    }
    return from < 0
        ? new Verdict(best, -1, -1, false, false)
        : new Verdict(best, from - m, to - m, false, false);
  }

  /**
   * Whether what {@code b[from, to)} is depends on its digits: it holds an errno or a DNS rcode
   * ({@code "(111: "}) or a status ({@code "status: 403"}), the only places catalog keys have
   * digits. Its verdict is then only reused for the same bytes.
   */
  static boolean dependsOnDigits(byte[] b, int from, int to) {
    for (int i = Bytes.indexOf(b, from, to, (byte) '(');
        i >= 0 && i + 1 < to;
        i = Bytes.indexOf(b, i + 1, to, (byte) '(')) {
      if (b[i + 1] >= '0' && b[i + 1] <= '9') {
        return true;
      }
    }
    int status = STATUS.indexOf(b, from, to);
    return status >= 0
        && status + STATUS.length() < to
        && b[status + STATUS.length()] >= '0'
        && b[status + STATUS.length()] <= '9';
  }

  private static final LiteralSearch STATUS = new LiteralSearch("status: ");

  private boolean extrasOccur(int msg, byte[] b, int from, int to) {
    for (LiteralSearch extra : extraMatches[msg]) {
      if (extra.indexOf(b, from, to) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * What a message is: its index in the catalog (-1 if unknown) and, relative to the message's
   * start, where the host it names is (-1 if it names none); whether it is APIcast's backend client
   * calling 3scale; whether it says nothing is wrong (a benign message, or 3scale answering 2xx).
   */
  record Verdict(int message, int subjectFrom, int subjectTo, boolean backendCall, boolean benign) {
    static final Verdict UNKNOWN = new Verdict(-1, -1, -1, false, false);
  }

  /** The keys one search found; one per thread. */
  static final class FoundKeys implements MultiPatternSearch.Hit {
    private final int[] keys = new int[32];
    private int count;

    @Override
    public boolean found(int key, int start) {
      if (count < keys.length) {
        keys[count++] = key;
      }
      return true;
    }
  }
}
