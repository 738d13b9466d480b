package io.threescaledoctor.checks.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads nginx error-log lines as bytes and counts the known messages in one pass. The costly part
 * of a line, its message, is matched against every catalog entry at once by a {@link
 * ByteMatcher}, which stops at {@code ", client:"}; the fields after it ({@code upstream},
 * {@code subrequest}) are read only for lines that matched. Nothing is allocated for a line
 * unless it starts a new finding or names a new upstream. Not thread-safe: one per thread.
 */
final class ErrorLogScanner {
  /** Lines longer than this are read up to here; the rest of the line is skipped. */
  static final int MAX_LINE = 1 << 20;

  private static final int BUFFER = MAX_LINE + (1 << 16);
  private static final int MAX_SUBJECTS = 4096;
  private static final int EXAMPLE_CHARS = 4000;
  private static final int UNKNOWN_EXAMPLES = 5;
  private static final byte[] CLIENT = ", client:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUBREQUEST = "subrequest: \"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UPSTREAM = "upstream: \"".getBytes(StandardCharsets.US_ASCII);
  private static final int LEVEL_ERROR = 3;

  private final List<LogMessage> messages;
  private final int[] table;
  private final ByteMatcher matcher;
  /** For each matcher key (0 is ", client:"), the messages whose first substring it is. */
  private final int[][] messagesByKey;
  /** For each message, its further substrings. */
  private final byte[][][] extraMatches;
  private final byte[][] subjectAfter;
  private final byte[][] subjectBefore;
  private final TargetClassifier classifier;
  private final ZoneId zone;
  private final long since;
  private final long until;

  // Per-run state.
  private final byte[] lastMinuteText = new byte[16];
  private long lastMinute = Long.MIN_VALUE;
  private boolean seenEntry;
  private final Map<Long, int[]> perMinute = new HashMap<>();
  private long histogramMinute = Long.MIN_VALUE;
  private int[] histogramCell;
  private final List<Subject> subjects = new ArrayList<>();
  private Agg[][] aggs;
  long lines;
  long entries;
  long continuationLines;
  long skippedLines;
  long binaryLines;
  long truncatedLines;
  long outsideWindow;
  long unknownErrors;
  long bytes;
  long firstEntry = Long.MAX_VALUE;
  long lastEntry = Long.MIN_VALUE;
  final List<String> unknownExamples = new ArrayList<>();

  ErrorLogScanner(
      LogMessageCatalog catalog, TargetClassifier classifier, ZoneId zone, long since,
      long until) {
    this.messages = catalog.messages();
    this.classifier = classifier;
    this.zone = zone;
    this.since = since;
    this.until = until;
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    byKey.put(", client:", new ArrayList<>());
    extraMatches = new byte[messages.size()][][];
    subjectAfter = new byte[messages.size()][];
    subjectBefore = new byte[messages.size()][];
    for (int i = 0; i < messages.size(); i++) {
      LogMessage m = messages.get(i);
      byKey.computeIfAbsent(m.match().get(0), k -> new ArrayList<>()).add(i);
      extraMatches[i] = m.match().stream().skip(1).map(ErrorLogScanner::bytes)
          .toArray(byte[][]::new);
      subjectAfter[i] = m.subjectAfter() == null ? null : bytes(m.subjectAfter());
      subjectBefore[i] = m.subjectBefore() == null ? null : bytes(m.subjectBefore());
    }
    List<String> keys = new ArrayList<>(byKey.keySet());
    matcher = new ByteMatcher(keys);
    table = matcher.table();
    messagesByKey = new int[keys.size()][];
    for (int k = 0; k < keys.size(); k++) {
      messagesByKey[k] = byKey.get(keys.get(k)).stream().mapToInt(Integer::intValue).toArray();
    }
    aggs = new Agg[messages.size()][];
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads {@code in} to its end, line by line. */
  void scan(InputStream in) throws IOException {
    byte[] buf = new byte[BUFFER];
    int len = 0;
    boolean skippingTail = false;
    while (true) {
      int n = in.read(buf, len, buf.length - len);
      if (n < 0) {
        break;
      }
      bytes += n;
      int lineStart = 0;
      int i = len;
      len += n;
      while (true) {
        int nl = newline(buf, i, len);
        if (nl < 0) {
          break;
        }
        if (skippingTail) {
          skippingTail = false;
        } else {
          line(buf, lineStart, nl);
        }
        lineStart = nl + 1;
        i = lineStart;
      }
      int rest = len - lineStart;
      if (rest >= MAX_LINE) {
        if (!skippingTail) {
          line(buf, lineStart, lineStart + MAX_LINE);
          truncatedLines++;
          skippingTail = true;
        }
        len = 0;
      } else {
        System.arraycopy(buf, lineStart, buf, 0, rest);
        len = rest;
      }
    }
    if (len > 0 && !skippingTail) {
      line(buf, 0, len);
    }
  }

  private static int newline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  void line(byte[] b, int s, int e) {
    lines++;
    if (e > s && b[e - 1] == '\r') {
      e--;
    }
    if (!isEntryStart(b, s, e)) {
      if (seenEntry && !hasControlBytes(b, s, e)) {
        continuationLines++;
      } else {
        skippedLines++;
        if (hasControlBytes(b, s, e)) {
          binaryLines++;
        }
      }
      return;
    }
    long minute = minute(b, s);
    if (minute == Long.MIN_VALUE) {
      skippedLines++;
      return;
    }
    seenEntry = true;
    entries++;
    long time = minute + 10L * (b[s + 17] - '0') + (b[s + 18] - '0');
    if (time < since || time >= until) {
      outsideWindow++;
      return;
    }
    if (time < firstEntry) {
      firstEntry = time;
    }
    if (time > lastEntry) {
      lastEntry = time;
    }
    int levelStart = s + 21;
    int levelEnd = -1;
    for (int i = levelStart, max = Math.min(e, levelStart + 8); i < max; i++) {
      if (b[i] == ']') {
        levelEnd = i;
        break;
      }
    }
    if (levelEnd < 0) {
      skippedLines++;
      return;
    }
    int level = level(b, levelStart, levelEnd);
    int m = messageStart(b, levelEnd + 1, e);

    int[] next = table;
    int state = 0;
    int best = Integer.MAX_VALUE;
    int fields = -1;
    for (int i = m; i < e; i++) {
      state = next[(state << 8) | (b[i] & 0xff)];
      if (state >= ByteMatcher.MATCH) {
        state &= ByteMatcher.STATE;
        int[] keys = matcher.keysEndingAt(state);
        if (keys[0] == 0) {
          fields = i + 1 - CLIENT.length;
          break;
        }
        for (int k : keys) {
          for (int msg : messagesByKey[k]) {
            if (msg < best && extrasOccur(msg, b, m, e)) {
              best = msg;
              break;
            }
          }
        }
      }
    }
    if (best == Integer.MAX_VALUE) {
      if (level <= LEVEL_ERROR) {
        unknownErrors++;
        countMinute(time);
        if (unknownExamples.size() < UNKNOWN_EXAMPLES) {
          unknownExamples.add(text(b, s, e));
        }
      }
      return;
    }
    countMinute(time);
    int messageEnd = fields < 0 ? e : fields;
    Subject subject = subject(best, b, m, messageEnd, fields, e);
    Agg[] row = aggs[best];
    if (row == null || row.length <= subject.index) {
      row = Arrays.copyOf(row == null ? new Agg[0] : row, Math.max(subject.index + 1, 4));
      aggs[best] = row;
    }
    Agg agg = row[subject.index];
    if (agg == null) {
      agg = new Agg(text(b, s, e), time);
      row[subject.index] = agg;
    }
    agg.count++;
    if (time < agg.first) {
      if (agg.first != Long.MAX_VALUE) {
        agg.example = text(b, s, e);
        agg.exampleTime = time;
      }
      agg.first = time;
    }
    if (time > agg.last) {
      agg.last = time;
    }
  }

  private boolean extrasOccur(int msg, byte[] b, int from, int to) {
    for (byte[] extra : extraMatches[msg]) {
      if (ByteMatcher.indexOf(b, from, to, extra) < 0) {
        return false;
      }
    }
    return true;
  }

  private void countMinute(long time) {
    long minute = time - Math.floorMod(time, 60);
    if (minute != histogramMinute) {
      histogramCell = perMinute.computeIfAbsent(minute, k -> new int[1]);
      histogramMinute = minute;
    }
    histogramCell[0]++;
  }

  /** {@code YYYY/MM/DD HH:MM:SS [}: the shape of the start of every error-log entry. */
  private static boolean isEntryStart(byte[] b, int s, int e) {
    return e - s > 22
        && b[s + 4] == '/' && b[s + 7] == '/' && b[s + 10] == ' ' && b[s + 13] == ':'
        && b[s + 16] == ':' && b[s + 19] == ' ' && b[s + 20] == '['
        && digit(b[s]) && digit(b[s + 17]) && digit(b[s + 18]);
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean hasControlBytes(byte[] b, int s, int e) {
    for (int i = s; i < e; i++) {
      int c = b[i] & 0xff;
      if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /** The epoch second of the line's minute, or MIN_VALUE when the timestamp is not a date. */
  private long minute(byte[] b, int s) {
    if (lastMinute != Long.MIN_VALUE
        && Arrays.equals(b, s, s + 16, lastMinuteText, 0, 16)) {
      return lastMinute;
    }
    int[] at = {0, 5, 8, 11, 14};
    int[] len = {4, 2, 2, 2, 2};
    int[] v = new int[5];
    for (int f = 0; f < 5; f++) {
      int x = 0;
      for (int i = 0; i < len[f]; i++) {
        byte c = b[s + at[f] + i];
        if (!digit(c)) {
          return Long.MIN_VALUE;
        }
        x = x * 10 + (c - '0');
      }
      v[f] = x;
    }
    try {
      long epoch = LocalDateTime.of(v[0], v[1], v[2], v[3], v[4]).atZone(zone).toEpochSecond();
      System.arraycopy(b, s, lastMinuteText, 0, 16);
      lastMinute = epoch;
      return epoch;
    } catch (DateTimeException ex) {
      return Long.MIN_VALUE;
    }
  }

  /** emerg 0 · alert 1 · crit 2 · error 3 · warn 4 · notice 5 · info 6 · debug 7. */
  private static int level(byte[] b, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return 5;
    }
    return switch (b[from]) {
      case 'e' -> n > 1 && b[from + 1] == 'm' ? 0 : 3;
      case 'a' -> 1;
      case 'c' -> 2;
      case 'w' -> 4;
      case 'n' -> 5;
      case 'i' -> 6;
      default -> 7;
    };
  }

  /** Skips {@code "] pid#tid: *conn "} to where the message starts. */
  private static int messageStart(byte[] b, int i, int e) {
    if (i < e && b[i] == ' ') {
      i++;
    }
    int j = i;
    while (j < e && digit(b[j])) {
      j++;
    }
    if (j > i && j < e && b[j] == '#') {
      j++;
      while (j < e && digit(b[j])) {
        j++;
      }
      if (j + 1 < e && b[j] == ':' && b[j + 1] == ' ') {
        i = j + 2;
      }
    }
    if (i < e && b[i] == '*') {
      j = i + 1;
      while (j < e && digit(b[j])) {
        j++;
      }
      if (j > i + 1 && j < e && b[j] == ' ') {
        i = j + 1;
      }
    }
    return i;
  }

  private Subject subject(int msg, byte[] b, int m, int messageEnd, int fields, int e) {
    boolean subrequest = false;
    int from = -1;
    int to = -1;
    if (fields >= 0) {
      for (int i = fields; i < e - 2; i++) {
        if (b[i] != ',' || b[i + 1] != ' ') {
          continue;
        }
        int f = i + 2;
        if (startsWith(b, f, e, SUBREQUEST)) {
          subrequest = true;
        } else if (startsWith(b, f, e, UPSTREAM)) {
          int v = f + UPSTREAM.length;
          int end = v;
          while (end < e && b[end] != '"') {
            end++;
          }
          int scheme = ByteMatcher.indexOf(b, v, end, SCHEME);
          if (scheme > v) {
            from = scheme + SCHEME.length;
            to = from;
            while (to < end && b[to] != '/') {
              to++;
            }
          }
          break;
        }
      }
    }
    if (from < 0 && subjectAfter[msg] != null) {
      int at = ByteMatcher.indexOf(b, m, messageEnd, subjectAfter[msg]);
      if (at >= 0) {
        from = at + subjectAfter[msg].length;
        to = from;
        while (to < messageEnd && b[to] != ',' && b[to] != ' ' && b[to] != '"') {
          to++;
        }
      }
    }
    if (from < 0 && subjectBefore[msg] != null) {
      int at = ByteMatcher.indexOf(b, m, messageEnd, subjectBefore[msg]);
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
    if (from < 0) {
      from = 0;
      to = 0;
    }
    return findSubject(b, from, to, subrequest);
  }

  private static final byte[] SCHEME = "://".getBytes(StandardCharsets.US_ASCII);

  private static boolean startsWith(byte[] b, int at, int e, byte[] prefix) {
    return e - at >= prefix.length && Arrays.equals(b, at, at + prefix.length, prefix, 0,
        prefix.length);
  }

  private Subject lastSubject;

  private Subject findSubject(byte[] b, int from, int to, boolean subrequest) {
    Subject last = lastSubject;
    if (last != null && last.is(b, from, to, subrequest)) {
      return last;
    }
    for (Subject s : subjects) {
      if (s.is(b, from, to, subrequest)) {
        lastSubject = s;
        return s;
      }
    }
    if (subjects.size() >= MAX_SUBJECTS) {
      return subjects.get(MAX_SUBJECTS - 1);
    }
    byte[] key = Arrays.copyOfRange(b, from, to);
    String text = new String(key, StandardCharsets.UTF_8);
    Subject s = new Subject(subjects.size(), key, subrequest, text,
        classifier.classify(text, subrequest));
    subjects.add(s);
    lastSubject = s;
    return s;
  }

  private static String text(byte[] b, int s, int e) {
    String t = new String(b, s, Math.min(e - s, EXAMPLE_CHARS * 4), StandardCharsets.UTF_8);
    return t.length() > EXAMPLE_CHARS ? t.substring(0, EXAMPLE_CHARS) + "..." : t;
  }

  /** An upstream or host named by lines, with what it is. */
  static final class Subject {
    final int index;
    final byte[] key;
    final boolean subrequest;
    final String text;
    final Target target;

    Subject(int index, byte[] key, boolean subrequest, String text, Target target) {
      this.index = index;
      this.key = key;
      this.subrequest = subrequest;
      this.text = text;
      this.target = target;
    }

    boolean is(byte[] b, int from, int to, boolean sub) {
      return sub == subrequest && Arrays.equals(b, from, to, key, 0, key.length);
    }
  }

  /** The lines of one message about one subject. */
  static final class Agg {
    String example;
    long exampleTime;
    long count;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    Agg(String example, long exampleTime) {
      this.example = example;
      this.exampleTime = exampleTime;
    }
  }

  List<Subject> subjects() {
    return subjects;
  }

  Agg agg(int message, int subject) {
    Agg[] row = aggs[message];
    return row == null || row.length <= subject ? null : row[subject];
  }

  int messageCount() {
    return messages.size();
  }

  Map<Long, int[]> perMinute() {
    return perMinute;
  }
}
