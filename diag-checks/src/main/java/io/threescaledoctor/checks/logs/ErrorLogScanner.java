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
import java.util.function.BooleanSupplier;

/**
 * Reads nginx error-log lines as bytes and counts the known messages in one pass. The costly part
 * of a line, its message, is matched against every catalog entry at once by a {@link
 * MultiPatternSearch}, which stops at {@code ", client:"}; the fields after it ({@code upstream},
 * {@code subrequest}) are read only for lines that matched. Nothing is allocated for a line unless
 * it starts a new finding or names a new upstream. Not thread-safe: one per thread.
 */
final class ErrorLogScanner {
  /** Lines longer than this are read up to here; the rest of the line is skipped. */
  static final int MAX_LINE = 1 << 20;

  private static final int BUFFER = MAX_LINE + (1 << 16);
  private static final int MAX_SUBJECTS = 4096;
  private static final int EXAMPLE_CHARS = 4000;
  private static final int UNKNOWN_EXAMPLES = 5;
  private static final String SUBREQUEST = ", subrequest: \"";
  private static final String UPSTREAM = ", upstream: \"";

  /** The fields that attribute a line: one pass over the part after the message finds both. */
  private static final MultiPatternSearch FIELDS =
      new MultiPatternSearch(List.of(SUBREQUEST, UPSTREAM));

  private static final LiteralSearch SCHEME = new LiteralSearch("://");
  private static final int LEVEL_ERROR = 3;

  private final List<LogMessage> messages;
  private final MultiPatternSearch search;

  /** For each matcher key (0 is ", client:"), the messages whose first substring it is. */
  private final int[][] messagesByKey;

  /** For each message, its further substrings. */
  private final LiteralSearch[][] extraMatches;

  private final LiteralSearch[] subjectAfter;
  private final LiteralSearch[] subjectBefore;
  private final ZoneId zone;
  private final long since;
  private final long until;

  private final BooleanSupplier cancelled;

  // Per-run state.
  /** Set when the run was cancelled before the input's end. */
  boolean stoppedEarly;

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
      LogMessageCatalog catalog, ZoneId zone, long since, long until, BooleanSupplier cancelled) {
    this.cancelled = cancelled;
    this.messages = catalog.messages();
    this.zone = zone;
    this.since = since;
    this.until = until;
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    byKey.put(", client:", new ArrayList<>());
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
    aggs = new Agg[messages.size()][];
  }

  /** Reads {@code in} to its end, line by line. */
  void scan(InputStream in) throws IOException {
    byte[] buf = new byte[BUFFER];
    int len = 0;
    boolean skippingTail = false;
    while (true) {
      if (cancelled.getAsBoolean()) {
        stoppedEarly = true;
        return;
      }
      int n = in.read(buf, len, buf.length - len);
      if (n < 0) {
        break;
      }
      bytes += n;
      int lineStart = 0;
      int i = len;
      len += n;
      while (true) {
        int nl = MultiPatternSearch.newline(buf, i, len);
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

    foundKeys = 0;
    fields = -1;
    search.search(b, m, e, onKey);
    int fields = this.fields;
    int messageEnd = fields < 0 ? e : fields;
    int best = Integer.MAX_VALUE;
    for (int f = 0; f < foundKeys; f++) {
      for (int msg : messagesByKey[found[f]]) {
        if (msg < best && extrasOccur(msg, b, m, messageEnd)) {
          best = msg;
          break;
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

  // Keys found in the current line's message, and where its fields start: filled by onKey, kept
  // in fields so the search allocates nothing per line.
  private final int[] found = new int[32];
  private int foundKeys;
  private int fields;
  private final MultiPatternSearch.Hit onKey = this::onKey;

  // Where the current line's upstream field starts and whether it is a subrequest: onField.
  private int upstreamAt;
  private boolean subrequestSeen;
  private final MultiPatternSearch.Hit onField = this::onField;

  private boolean onField(int key, int start) {
    if (key == 0) {
      subrequestSeen = true;
      return true;
    }
    upstreamAt = start;
    return false;
  }

  private boolean onKey(int key, int start) {
    if (key == 0) {
      fields = start;
      return false;
    }
    if (foundKeys < found.length) {
      found[foundKeys++] = key;
    }
    return true;
  }

  private boolean extrasOccur(int msg, byte[] b, int from, int to) {
    for (LiteralSearch extra : extraMatches[msg]) {
      if (extra.indexOf(b, from, to) < 0) {
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
  static boolean isEntryStart(byte[] b, int s, int e) {
    return e - s > 22
        && b[s + 4] == '/'
        && b[s + 7] == '/'
        && b[s + 10] == ' '
        && b[s + 13] == ':'
        && b[s + 16] == ':'
        && b[s + 19] == ' '
        && b[s + 20] == '['
        && digit(b[s])
        && digit(b[s + 17])
        && digit(b[s + 18]);
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
    if (lastMinute != Long.MIN_VALUE && Arrays.equals(b, s, s + 16, lastMinuteText, 0, 16)) {
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
    if (fields >= 0 && messages.get(msg).attributed()) {
      upstreamAt = -1;
      subrequestSeen = false;
      FIELDS.search(b, fields, e, onField);
      subrequest = subrequestSeen;
      int up = upstreamAt;
      if (up >= 0) {
        int v = up + UPSTREAM.length();
        int scheme = SCHEME.indexOf(b, v, Math.min(e, v + 16));
        if (scheme > v) {
          from = scheme + SCHEME.length();
          to = from;
          while (to < e && b[to] != '/' && b[to] != '"') {
            to++;
          }
        }
      }
    }
    if (from < 0 && subjectAfter[msg] != null) {
      int at = subjectAfter[msg].indexOf(b, m, messageEnd);
      if (at >= 0) {
        from = at + subjectAfter[msg].length();
        to = from;
        while (to < messageEnd && b[to] != ',' && b[to] != ' ' && b[to] != '"') {
          to++;
        }
      }
    }
    if (from < 0 && subjectBefore[msg] != null) {
      int at = subjectBefore[msg].indexOf(b, m, messageEnd);
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
    Subject s = new Subject(subjects.size(), key, subrequest, text);
    subjects.add(s);
    lastSubject = s;
    return s;
  }

  private static String text(byte[] b, int s, int e) {
    String t = new String(b, s, Math.min(e - s, EXAMPLE_CHARS * 4), StandardCharsets.UTF_8);
    return t.length() > EXAMPLE_CHARS ? t.substring(0, EXAMPLE_CHARS) + "..." : t;
  }

  /** An upstream or host named by lines (what it is, API or 3scale, is judged afterwards). */
  static final class Subject {
    final int index;
    final byte[] key;
    final boolean subrequest;
    final String text;

    Subject(int index, byte[] key, boolean subrequest, String text) {
      this.index = index;
      this.key = key;
      this.subrequest = subrequest;
      this.text = text;
    }

    boolean is(byte[] b, int from, int to, boolean sub) {
      return sub == subrequest
          && to - from == key.length
          && MultiPatternSearch.same(b, from, key, 0);
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

  /**
   * Adds what {@code other} (which read another slice of the same log) counted. Slices are absorbed
   * in file order, so examples stay the earliest.
   */
  void absorb(ErrorLogScanner other) {
    lines += other.lines;
    entries += other.entries;
    continuationLines += other.continuationLines;
    skippedLines += other.skippedLines;
    binaryLines += other.binaryLines;
    truncatedLines += other.truncatedLines;
    outsideWindow += other.outsideWindow;
    unknownErrors += other.unknownErrors;
    bytes += other.bytes;
    firstEntry = Math.min(firstEntry, other.firstEntry);
    lastEntry = Math.max(lastEntry, other.lastEntry);
    seenEntry |= other.seenEntry;
    stoppedEarly |= other.stoppedEarly;
    for (String u : other.unknownExamples) {
      if (unknownExamples.size() < UNKNOWN_EXAMPLES) {
        unknownExamples.add(u);
      }
    }
    other.perMinute.forEach(
        (minute, n) -> perMinute.computeIfAbsent(minute, k -> new int[1])[0] += n[0]);
    histogramMinute = Long.MIN_VALUE;
    for (Subject theirs : other.subjects) {
      Subject mine = findSubject(theirs.key, 0, theirs.key.length, theirs.subrequest);
      for (int m = 0; m < messages.size(); m++) {
        Agg a = other.agg(m, theirs.index);
        if (a == null) {
          continue;
        }
        Agg[] row = aggs[m];
        if (row == null || row.length <= mine.index) {
          row = Arrays.copyOf(row == null ? new Agg[0] : row, Math.max(mine.index + 1, 4));
          aggs[m] = row;
        }
        Agg b = row[mine.index];
        if (b == null) {
          row[mine.index] = a;
          continue;
        }
        b.count += a.count;
        if (a.first < b.first) {
          b.first = a.first;
          b.example = a.example;
          b.exampleTime = a.exampleTime;
        }
        b.last = Math.max(b.last, a.last);
      }
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
