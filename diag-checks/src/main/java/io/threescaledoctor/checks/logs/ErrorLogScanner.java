package io.threescaledoctor.checks.logs;

import io.threescaledoctor.checks.http.OwnProbes;
import io.threescaledoctor.checks.logs.MessageMatcher.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Reads nginx error-log lines as bytes and counts the known messages in one pass. The costly part
 * of a line, its message (up to {@code ", client:"}), is matched against every catalog entry at
 * once by a {@link MultiPatternSearch}; the fields after it ({@code upstream}, {@code subrequest})
 * are read only for lines that matched. Nothing is allocated for a line unless it starts a new
 * finding or names a new upstream. Not thread-safe: one per thread.
 */
final class ErrorLogScanner {
  /** Lines longer than this are read up to here; the rest of the line is skipped. */
  static final int MAX_LINE = 1 << 20;

  private static final int BUFFER = MAX_LINE + (1 << 16);

  /**
   * Bytes asked of one read: small enough that the lines just read are still in the core's cache
   * when they are scanned (10 % faster than 1 MiB reads on the benchmark's machine).
   */
  private static final int READ = 1 << 17;

  private static final int MAX_SUBJECTS = 4096;
  private static final int EXAMPLE_CHARS = 4000;
  private static final int UNKNOWN_EXAMPLES = 5;
  private static final byte[] CLIENT = ", client:".getBytes(StandardCharsets.US_ASCII);
  private static final String SUBREQUEST = ", subrequest: \"";
  private static final String UPSTREAM = ", upstream: \"";
  private static final byte[] SUBREQUEST_LABEL =
      ", subrequest: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UPSTREAM_LABEL = ", upstream: ".getBytes(StandardCharsets.US_ASCII);

  /** The fields that attribute a line: one pass over the part after the message finds both. */
  private static final MultiPatternSearch FIELDS =
      new MultiPatternSearch(List.of(SUBREQUEST, UPSTREAM));

  private static final LiteralSearch SCHEME = new LiteralSearch("://");
  private static final LiteralSearch BACKEND_URI = new LiteralSearch("uri: ");
  private static final LiteralSearch TRANSACTIONS = new LiteralSearch("/transactions/");
  private static final LiteralSearch XML = new LiteralSearch(".xml");
  private static final LiteralSearch REQUEST_FIELD = new LiteralSearch(", request: \"");
  private static final LiteralSearch OWN_PROBE = new LiteralSearch(OwnProbes.MARK);
  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
  private static final int LEVEL_ERROR = 3;

  /** A multi-line entry's text is kept up to this many bytes. */
  private static final int MAX_ENTRY = 1 << 16;

  private static final byte[] NEWLINE = {'\n'};

  private final MessageMatcher matcher;
  private final List<LogMessage> messages;
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
  long benignEntries;
  long ownProbeEntries;
  long wrappedLines;
  long bytes;
  long firstEntry = Long.MAX_VALUE;
  long lastEntry = Long.MIN_VALUE;
  final List<String> unknownExamples = new ArrayList<>();

  ErrorLogScanner(
      MessageMatcher matcher, ZoneId zone, long since, long until, BooleanSupplier cancelled) {
    this.matcher = matcher;
    this.messages = matcher.messages();
    this.cancelled = cancelled;
    this.zone = zone;
    this.since = since;
    this.until = until;
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
      int n = in.read(buf, len, Math.min(buf.length - len, READ));
      if (n < 0) {
        break;
      }
      bytes += n;
      int lineStart = 0;
      int i = len;
      len += n;
      while (true) {
        int nl = Bytes.newline(buf, i, len);
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
      keepPendingHead(buf);
      if (rest >= MAX_LINE) {
        if (!skippingTail) {
          line(buf, lineStart, lineStart + MAX_LINE);
          keepPendingHead(buf);
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
    finishPending();
  }

  void line(byte[] b, int s, int e) {
    lines++;
    if (e > s && b[e - 1] == '\r') {
      e--;
    }
    if (!isEntryStart(b, s, e)) {
      long unwrapped = ContainerWrapping.unwrap(b, s, e);
      if (unwrapped >= 0) {
        wrappedLines++;
        s = ContainerWrapping.start(unwrapped);
        e = ContainerWrapping.end(unwrapped);
      }
      if (!isEntryStart(b, s, e)) {
        notAnEntry(b, s, e);
        return;
      }
    }
    finishPending();
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
    long measured = measureMessage(b, m, e, messageWords);
    int fields = (int) (measured >> 32);
    int messageSet = (int) measured;
    int messageEnd = fields < 0 ? e : fields;
    Verdict verdict = memo.get(b, m, messageEnd, messageSet, messageWords);
    if (verdict == null) {
      verdict = matcher.classify(b, m, messageEnd, foundKeys);
      memo.put(
          b,
          m,
          messageEnd,
          verdict,
          MessageMatcher.dependsOnDigits(b, m, messageEnd),
          messageSet,
          messageWords);
      if (verdict.backendCall()) {
        learnBackendCallHost(b, m, messageEnd);
      }
    }
    pendingStart(b, s, e, m - s, time, level);
    if (verdict.benign()) {
      benignEntries++;
      pendingBenign = true;
    } else {
      count(verdict, b, s, m, fields, e, time, level);
    }
  }

  /** A line that starts no entry: the next line of the entry before it, or something else. */
  private void notAnEntry(byte[] b, int s, int e) {
    if (seenEntry && !hasControlBytes(b, s, e) && !isAccessLogLine(b, s, e)) {
      continuationLines++;
      continueEntry(b, s, e);
    } else {
      skippedLines++;
      if (hasControlBytes(b, s, e)) {
        binaryLines++;
      }
    }
  }

  /** Counts one entry (a line, or a multi-line entry's whole text) as {@code verdict} says. */
  private void count(
      Verdict verdict, byte[] b, int s, int m, int fields, int e, long time, int level) {
    int best = verdict.message();
    if (verdict.benign()) {
      benignEntries++;
      pendingBenign = true;
      return;
    }
    if (best < 0 && level > LEVEL_ERROR) {
      return;
    }
    if (fields >= 0 && fromOwnProbe(b, fields, e)) {
      ownProbeEntries++;
      pendingOwn = true;
      return;
    }
    if (best < 0) {
      unknownError(b, s, e, time);
      pendingUnknown = true;
      return;
    }
    countMinute(time);
    pendingCountedMinute = true;
    Subject subject = subject(verdict, b, m, fields, e);
    Agg agg = agg(best, subject.index);
    if (agg == null) {
      agg = newAgg(best, subject.index, new Agg(text(b, s, e), time));
      pendingSetExample = true;
    }
    agg.count++;
    if (time < agg.first) {
      if (agg.first != Long.MAX_VALUE) {
        agg.example = text(b, s, e);
        agg.exampleTime = time;
        pendingSetExample = true;
      }
      agg.first = time;
    }
    if (time > agg.last) {
      agg.last = time;
    }
    pendingMessage = best;
    pendingAgg = agg;
    pendingSubject = subject;
  }

  // The last entry read, until the next one starts: a Lua error's stack trace follows on lines of
  // its own, and the entry is attributed by its whole text once it is complete.
  private boolean pendingOpen;
  private int pendingHeadStart = -1;
  private int pendingHeadEnd;
  private int pendingMessageOffset;
  private long pendingTime;
  private int pendingLevel;
  private int pendingMessage = -1;
  private Agg pendingAgg;
  private Subject pendingSubject;
  private boolean pendingSetExample;
  private boolean pendingUnknown;
  private boolean pendingBenign;
  private boolean pendingOwn;
  private boolean pendingCountedMinute;
  private byte[] pendingText = new byte[1 << 12];
  private int pendingLength = -1;

  private void pendingStart(byte[] b, int s, int e, int messageOffset, long time, int level) {
    pendingOpen = true;
    pendingHeadStart = s;
    pendingHeadEnd = e;
    pendingMessageOffset = messageOffset;
    pendingTime = time;
    pendingLevel = level;
    pendingMessage = -1;
    pendingAgg = null;
    pendingSubject = null;
    pendingSetExample = false;
    pendingUnknown = false;
    pendingBenign = false;
    pendingOwn = false;
    pendingCountedMinute = false;
    pendingLength = -1;
  }

  /** Copies the pending entry's first line out of the read buffer before the buffer moves on. */
  private void keepPendingHead(byte[] buf) {
    if (pendingOpen && pendingLength < 0 && pendingHeadStart >= 0) {
      appendPending(buf, pendingHeadStart, Math.min(pendingHeadEnd, pendingHeadStart + MAX_ENTRY));
    }
    pendingHeadStart = -1;
  }

  private void continueEntry(byte[] b, int s, int e) {
    if (!pendingOpen) {
      return;
    }
    if (pendingLength < 0) {
      if (pendingHeadStart < 0) {
        pendingOpen = false;
        return;
      }
      appendPending(b, pendingHeadStart, Math.min(pendingHeadEnd, pendingHeadStart + MAX_ENTRY));
    }
    if (pendingLength < MAX_ENTRY) {
      appendPending(NEWLINE, 0, 1);
      appendPending(b, s, Math.min(e, s + (MAX_ENTRY - pendingLength)));
    }
  }

  private void appendPending(byte[] b, int from, int to) {
    int at = Math.max(pendingLength, 0);
    int n = to - from;
    if (at + n > pendingText.length) {
      pendingText = Arrays.copyOf(pendingText, Math.max(pendingText.length * 2, at + n));
    }
    System.arraycopy(b, from, pendingText, at, n);
    pendingLength = at + n;
  }

  /**
   * Ends the pending entry: if continuation lines followed its first line, the whole text is
   * classified again, and when it says more (a more specific message) the entry moves there.
   */
  private void finishPending() {
    // An entry that says nothing is wrong stays so: lines after a keepalive close are another
    // program's output, not its stack trace.
    boolean copied = pendingOpen && !pendingBenign && pendingLength >= 0;
    pendingOpen = false;
    pendingHeadStart = -1;
    if (copied) {
      finishMultiLine();
    }
  }

  /** Classifies a copied entry again when continuation lines followed its first line. */
  private void finishMultiLine() {
    if (!hasContinuation() || pendingOwn) {
      return;
    }
    byte[] b = pendingText;
    int e = pendingLength;
    int m = pendingMessageOffset;
    int fields = lastClientField(b, m, e);
    // A Lua error's request fields follow its stack trace: only the whole entry shows whose it is.
    if ((pendingAgg != null || pendingUnknown) && fields >= 0 && fromOwnProbe(b, fields, e)) {
      undoPending();
      if (pendingCountedMinute) {
        uncountMinute(pendingTime);
      }
      ownProbeEntries++;
      pendingMessage = -1;
      return;
    }
    Verdict whole = matcher.classify(b, m, fields < 0 ? e : fields, foundKeys);
    if (whole.message() == pendingMessage
        || (whole.message() < 0 && pendingMessage < 0)
        || whole.benign()) {
      if (pendingSetExample && pendingAgg != null) {
        pendingAgg.example = text(b, 0, e);
      }
      return;
    }
    if (whole.message() < 0 && pendingMessage >= 0) {
      return;
    }
    undoPending();
    long time = pendingTime;
    int level = pendingLevel;
    boolean minuteCounted = pendingCountedMinute;
    count(whole, b, 0, m, fields, e, time, level);
    if (minuteCounted) {
      uncountMinute(time);
    }
    pendingMessage = -1;
  }

  private boolean hasContinuation() {
    int head = Bytes.newline(pendingText, 0, pendingLength);
    return head >= 0;
  }

  /** Takes back what the pending entry's first line counted. */
  private void undoPending() {
    if (pendingAgg != null) {
      pendingAgg.count--;
      if (pendingAgg.count == 0) {
        aggs[pendingMessage][pendingSubject.index] = null;
      }
    }
    if (pendingBenign) {
      benignEntries--;
    }
    if (pendingUnknown) {
      unknownErrors--;
      if (!unknownExamples.isEmpty() && unknownExampleOfPending) {
        unknownExamples.remove(unknownExamples.size() - 1);
      }
    }
    pendingAgg = null;
    pendingSubject = null;
    pendingSetExample = false;
    pendingUnknown = false;
    pendingBenign = false;
  }

  /**
   * Whether the request the entry's fields (from {@code fields}) name carries the doctor's mark:
   * one of its own probes ({@link OwnProbes}), which the gateway answered as it should.
   */
  static boolean fromOwnProbe(byte[] b, int fields, int e) {
    int at = REQUEST_FIELD.indexOf(b, fields, e);
    if (at < 0) {
      return false;
    }
    int from = at + REQUEST_FIELD.length();
    int end = Bytes.indexOf(b, from, e, (byte) '"');
    return OWN_PROBE.indexOf(b, from, end < 0 ? e : end) >= 0;
  }

  /** Where the last {@code ", client:"} of a multi-line entry starts, or -1. */
  private static int lastClientField(byte[] b, int m, int e) {
    int last = -1;
    int at = clientField(b, m, e);
    while (at >= 0) {
      last = at;
      at = clientField(b, at + 1, e);
    }
    return last;
  }

  private boolean unknownExampleOfPending;

  private void unknownError(byte[] b, int s, int e, long time) {
    unknownErrors++;
    countMinute(time);
    pendingCountedMinute = true;
    unknownExampleOfPending = unknownExamples.size() < UNKNOWN_EXAMPLES;
    if (unknownExampleOfPending) {
      unknownExamples.add(text(b, s, e));
    }
  }

  private final MessageMatcher.FoundKeys foundKeys = new MessageMatcher.FoundKeys();
  private final MessageMemo<Verdict> memo = new MessageMemo<>();

  /** The words of the message {@link #measureMessage} measured last, as the memo compares them. */
  private final long[] messageWords = new long[MessageMemo.MAX_WORDS];

  // Where the current line's upstream field starts and whether it is a subrequest: onField.
  private int upstreamAt;
  private boolean subrequestSeen;
  private final MultiPatternSearch.Hit onField = this::onField;

  /**
   * Where the upstream field's value starts, or -1; sets {@link #subrequestSeen}. nginx writes the
   * fields after the message as labelled, quoted values ({@code request}, {@code subrequest},
   * {@code upstream}, {@code host}, ...), so walking from quote to quote finds the upstream without
   * looking at every byte. A quote inside a value (a request line may hold one) shows as a closing
   * quote not followed by the next field; the literal search over the fields decides then.
   */
  private int upstreamValue(byte[] b, int fields, int e) {
    subrequestSeen = false;
    int open = Bytes.indexOf(b, fields, e, (byte) '"');
    while (open >= 0) {
      if (labelled(b, fields, open, UPSTREAM_LABEL)) {
        return open + 1;
      }
      if (labelled(b, fields, open, SUBREQUEST_LABEL)) {
        subrequestSeen = true;
        lineSubrequestFrom = open + 1;
      }
      int close = Bytes.indexOf(b, open + 1, e, (byte) '"');
      if (close < 0 || close + 1 == e) {
        return -1;
      }
      if (close + 2 >= e || b[close + 1] != ',' || b[close + 2] != ' ') {
        break;
      }
      open = Bytes.indexOf(b, close + 1, e, (byte) '"');
    }
    return upstreamValueBySearch(b, fields, e);
  }

  /** {@link #upstreamValue}, by searching every byte: for fields the quote walk cannot follow. */
  private int upstreamValueBySearch(byte[] b, int fields, int e) {
    upstreamAt = -1;
    subrequestSeen = false;
    lineSubrequestFrom = -1;
    FIELDS.search(b, fields, e, onField);
    return upstreamAt < 0 ? -1 : upstreamAt + UPSTREAM.length();
  }

  /** Whether the quote at {@code quote} opens the value of {@code label}. */
  private static boolean labelled(byte[] b, int fields, int quote, byte[] label) {
    int at = quote - label.length;
    return at >= fields && Bytes.same(b, at, label, 0);
  }

  private boolean onField(int key, int start) {
    if (key == 0) {
      subrequestSeen = true;
      lineSubrequestFrom = start + SUBREQUEST.length();
      return true;
    }
    upstreamAt = start;
    return false;
  }

  /**
   * Where {@code ", client:"} starts after the message at {@code m}, or -1 (nginx puts the
   * request's fields there), in the high half, and in the low half the message's {@link
   * MessageMemo#set}, computed in the same pass over the message's words: the two passes of {@link
   * #clientField} and the memo's own hash were a quarter of the time spent on a line.
   */
  static long measureMessage(byte[] b, int m, int e, long[] words) {
    long even = 0;
    long odd = 0;
    int k = 0;
    int p = m;
    int found = -1;
    words:
    for (; p + 8 <= e; p += 8, k++) {
      long w = Bytes.longAt(b, p);
      for (long commas = Bytes.matches(w, (byte) ','); commas != 0; commas &= commas - 1) {
        int c = p + Bytes.firstFlagged(commas);
        if (b[c] == ',' && c + CLIENT.length <= e && Bytes.same(b, c + 1, CLIENT, 1)) {
          found = c;
          break words;
        }
      }
      long word = MessageMemo.digitsAsZero(w);
      if (k < MessageMemo.MAX_WORDS - 1) {
        words[k] = word;
      }
      if ((k & 1) == 0) {
        even = MessageMemo.lane(even, word);
      } else {
        odd = MessageMemo.lane(odd, word);
      }
    }
    if (found < 0) {
      for (int c = p; c + CLIENT.length <= e; c++) {
        if (b[c] == ',' && Bytes.same(b, c + 1, CLIENT, 1)) {
          found = c;
          break;
        }
      }
    }
    int end = found < 0 ? e : found;
    int set = 0;
    if (end - m >= 8) {
      long last = MessageMemo.digitsAsZero(b, end - 8);
      if ((end - m) / 8 < MessageMemo.MAX_WORDS) {
        words[(end - m) / 8] = last;
      }
      set = MessageMemo.set(even, odd, last, end - m);
    }
    return ((long) found << 32) | (set & 0xffffffffL);
  }

  /**
   * Where {@code ", client:"} starts after the message at {@code m}, or -1: nginx puts the
   * request's fields there. Commas are rare in messages, so finding them eight bytes at a time and
   * checking what follows is faster than searching for the whole literal.
   */
  static int clientField(byte[] b, int m, int e) {
    int i = m;
    while (true) {
      int comma = Bytes.indexOf(b, i, e, (byte) ',');
      if (comma < 0 || comma + CLIENT.length > e) {
        return -1;
      }
      if (Bytes.same(b, comma + 1, CLIENT, 1)) {
        return comma;
      }
      i = comma + 1;
    }
  }

  private void uncountMinute(long time) {
    long minute = time - Math.floorMod(time, 60);
    int[] cell = perMinute.get(minute);
    if (cell != null && --cell[0] == 0) {
      perMinute.remove(minute);
      histogramMinute = Long.MIN_VALUE;
    }
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

  /**
   * Whether a line is an access-log line ({@code [27/Nov/2026:09:14:10 +0000]} near its start, or a
   * JSON object) or a comment: pod logs interleave APIcast's access log with its error log, and
   * such a line continues no error-log entry.
   */
  static boolean isAccessLogLine(byte[] b, int s, int e) {
    if (e > s && (b[s] == '{' || b[s] == '#')) {
      return true;
    }
    int end = Math.min(e, s + 96) - 21;
    for (int i = s; i < end; i++) {
      if (b[i] == '['
          && b[i + 3] == '/'
          && b[i + 7] == '/'
          && b[i + 12] == ':'
          && b[i + 15] == ':'
          && b[i + 18] == ':'
          && digit(b[i + 1])
          && digit(b[i + 8])) {
        return true;
      }
    }
    return false;
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
        && Bytes.longAt(b, s) == Bytes.longAt(lastMinuteText, 0)
        && Bytes.longAt(b, s + 8) == Bytes.longAt(lastMinuteText, 8)) {
      return lastMinute;
    }
    return parseMinute(b, s);
  }

  private long parseMinute(byte[] b, int s) {
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
    int j = Bytes.digitsEnd(b, i, e);
    if (j > i && j < e && b[j] == '#') {
      j = Bytes.digitsEnd(b, j + 1, e);
      if (j + 1 < e && b[j] == ':' && b[j + 1] == ' ') {
        i = j + 2;
      }
    }
    if (i < e && b[i] == '*') {
      j = Bytes.digitsEnd(b, i + 1, e);
      if (j > i + 1 && j < e && b[j] == ' ') {
        i = j + 1;
      }
    }
    return i;
  }

  /**
   * What a line is about: the upstream it names, else the host its message names, the resolver, the
   * 3scale backend's answer, or nothing. Whether the line is a subrequest and where its upstream's
   * path starts are kept for attribution.
   */
  private Subject subject(Verdict verdict, byte[] b, int m, int fields, int e) {
    LogMessage message = messages.get(verdict.message());
    lineSubrequestFrom = -1;
    linePathFrom = -1;
    lineLineEnd = e;
    if (message.about() == LogMessage.About.BACKEND_ANSWER) {
      return answerSubject(b, m, fields < 0 ? e : fields);
    }
    boolean subrequest = false;
    if (fields >= 0 && message.attributed()) {
      int v = upstreamValue(b, fields, e);
      subrequest = subrequestSeen;
      if (v >= 0) {
        int scheme = SCHEME.indexOf(b, v, Math.min(e, v + 16));
        if (scheme > v) {
          int from = scheme + SCHEME.length();
          int to = from;
          while (to < e && b[to] != '/' && b[to] != '"') {
            to++;
          }
          linePathFrom = to;
          return findSubject(b, from, to, flags(subrequest, true));
        }
      }
    }
    if (verdict.subjectFrom() >= 0) {
      return findSubject(
          b, m + verdict.subjectFrom(), m + verdict.subjectTo(), flags(subrequest, false));
    }
    return findSubject(b, 0, 0, flags(subrequest, false));
  }

  private static int flags(boolean subrequest, boolean upstreamField) {
    return (subrequest ? Subject.SUBREQUEST : 0) | (upstreamField ? Subject.UPSTREAM_FIELD : 0);
  }

  // Where the current line's subrequest name and upstream path start (-1: none); read only when a
  // new subject is made of the line.
  private int lineSubrequestFrom = -1;
  private int linePathFrom = -1;
  private int lineLineEnd;

  private final Map<String, Subject> answers = new HashMap<>();

  private Subject answerSubject(byte[] b, int from, int to) {
    String key = BackendAnswer.key(b, from, to);
    if (key == null) {
      key = "(success)";
    }
    Subject s = answers.get(key);
    if (s == null) {
      if (subjects.size() >= MAX_SUBJECTS) {
        return subjects.get(MAX_SUBJECTS - 1);
      }
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      s = new Subject(subjects.size(), bytes, Subject.ANSWER, key, null, false);
      subjects.add(s);
      answers.put(key, s);
    }
    return s;
  }

  /** The hosts APIcast's backend client called, as its lines name them (at most a few dozen). */
  final Set<String> backendCallHosts = new LinkedHashSet<>();

  private void learnBackendCallHost(byte[] b, int m, int messageEnd) {
    int uri = BACKEND_URI.indexOf(b, m, messageEnd);
    if (uri < 0 || backendCallHosts.size() >= 64) {
      return;
    }
    int scheme = SCHEME.indexOf(b, uri, Math.min(messageEnd, uri + BACKEND_URI.length() + 16));
    if (scheme < 0) {
      return;
    }
    int from = scheme + SCHEME.length();
    int to = from;
    while (to < messageEnd && b[to] != '/' && b[to] != ' ' && b[to] != '?') {
      to++;
    }
    if (to > from) {
      backendCallHosts.add(new String(b, from, to - from, StandardCharsets.UTF_8));
    }
  }

  /**
   * Recently named subjects by a hash of their bytes: lines alternate between a handful of
   * upstreams, so remembering only the last one missed on most lines.
   */
  private final Subject[] recentSubjects = new Subject[1 << 8];

  private Subject findSubject(byte[] b, int from, int to, int flags) {
    int slot = subjectSlot(b, from, to, flags);
    Subject recent = recentSubjects[slot];
    if (recent != null && recent.is(b, from, to, flags)) {
      return recent;
    }
    Subject s = knownOrNewSubject(b, from, to, flags);
    recentSubjects[slot] = s;
    return s;
  }

  /** Hashes the first and last eight bytes: addresses and host names differ there. */
  private static int subjectSlot(byte[] b, int from, int to, int flags) {
    long h = (to - from) * 4L + flags;
    if (to - from >= 8) {
      h = (h ^ Bytes.longAt(b, from)) * 0x9E3779B97F4A7C15L;
      h = (h ^ Bytes.longAt(b, to - 8)) * 0x9E3779B97F4A7C15L;
    } else {
      for (int i = from; i < to; i++) {
        h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
      }
    }
    return (int) (h >>> 56);
  }

  private Subject knownOrNewSubject(byte[] b, int from, int to, int flags) {
    for (Subject s : subjects) {
      if (s.is(b, from, to, flags)) {
        return s;
      }
    }
    if (subjects.size() >= MAX_SUBJECTS) {
      return subjects.get(MAX_SUBJECTS - 1);
    }
    byte[] key = Arrays.copyOfRange(b, from, to);
    String text = new String(key, StandardCharsets.UTF_8);
    Subject s =
        new Subject(subjects.size(), key, flags, text, subrequestName(b), transactionsPath(b));
    subjects.add(s);
    return s;
  }

  private String subrequestName(byte[] b) {
    if (lineSubrequestFrom < 0) {
      return null;
    }
    int end = Bytes.indexOf(b, lineSubrequestFrom, lineLineEnd, (byte) '"');
    return end < 0 ? null : new String(b, lineSubrequestFrom, end - lineSubrequestFrom, UTF8);
  }

  /** Whether the current line's upstream path is one of 3scale's {@code /transactions/*.xml}. */
  private boolean transactionsPath(byte[] b) {
    if (linePathFrom < 0) {
      return false;
    }
    int end = Bytes.indexOf(b, linePathFrom, lineLineEnd, (byte) '"');
    int to = end < 0 ? lineLineEnd : end;
    int at = TRANSACTIONS.indexOf(b, linePathFrom, to);
    return at == linePathFrom && XML.indexOf(b, at, to) >= 0;
  }

  private static String text(byte[] b, int s, int e) {
    String t = new String(b, s, Math.min(e - s, EXAMPLE_CHARS * 4), StandardCharsets.UTF_8);
    return t.length() > EXAMPLE_CHARS ? t.substring(0, EXAMPLE_CHARS) + "..." : t;
  }

  /**
   * What lines named: an upstream or host (what it is, API or 3scale, is judged afterwards), a
   * resolver, or the 3scale backend's answer; with what the first line naming it said about it.
   */
  static final class Subject {
    static final int SUBREQUEST = 1;
    static final int UPSTREAM_FIELD = 2;
    static final int ANSWER = 4;

    final int index;
    final byte[] key;
    final int flags;
    final String text;

    /** The subrequest of the first line naming it ({@code /threescale_authrep}), or null. */
    final String subrequestName;

    /** Whether the first line's upstream path was 3scale's {@code /transactions/*.xml}. */
    final boolean transactionsPath;

    Subject(
        int index,
        byte[] key,
        int flags,
        String text,
        String subrequestName,
        boolean transactionsPath) {
      this.index = index;
      this.key = key;
      this.flags = flags;
      this.text = text;
      this.subrequestName = subrequestName;
      this.transactionsPath = transactionsPath;
    }

    boolean subrequest() {
      return (flags & SUBREQUEST) != 0;
    }

    boolean fromUpstreamField() {
      return (flags & UPSTREAM_FIELD) != 0;
    }

    boolean isAnswer() {
      return (flags & ANSWER) != 0;
    }

    boolean is(byte[] b, int from, int to, int f) {
      return f == flags && to - from == key.length && Bytes.same(b, from, key, 0);
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
    benignEntries += other.benignEntries;
    ownProbeEntries += other.ownProbeEntries;
    wrappedLines += other.wrappedLines;
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
    backendCallHosts.addAll(other.backendCallHosts);
    for (Subject theirs : other.subjects) {
      Subject mine = mine(theirs);
      for (int m = 0; m < messages.size(); m++) {
        Agg a = other.agg(m, theirs.index);
        if (a == null) {
          continue;
        }
        Agg b = agg(m, mine.index);
        if (b == null) {
          newAgg(m, mine.index, a);
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

  /** This scanner's subject for one another scanner made. */
  private Subject mine(Subject theirs) {
    if (theirs.isAnswer()) {
      Subject s = answers.get(theirs.text);
      if (s == null && subjects.size() < MAX_SUBJECTS) {
        s = new Subject(subjects.size(), theirs.key, theirs.flags, theirs.text, null, false);
        subjects.add(s);
        answers.put(theirs.text, s);
      }
      return s == null ? subjects.get(MAX_SUBJECTS - 1) : s;
    }
    for (Subject s : subjects) {
      if (s.is(theirs.key, 0, theirs.key.length, theirs.flags)) {
        return s;
      }
    }
    if (subjects.size() >= MAX_SUBJECTS) {
      return subjects.get(MAX_SUBJECTS - 1);
    }
    Subject s =
        new Subject(
            subjects.size(),
            theirs.key,
            theirs.flags,
            theirs.text,
            theirs.subrequestName,
            theirs.transactionsPath);
    subjects.add(s);
    return s;
  }

  List<Subject> subjects() {
    return subjects;
  }

  Agg agg(int message, int subject) {
    Agg[] row = aggs[message];
    return row == null || row.length <= subject ? null : row[subject];
  }

  private Agg newAgg(int message, int subject, Agg agg) {
    Agg[] row = aggs[message];
    if (row == null || row.length <= subject) {
      row = Arrays.copyOf(row == null ? new Agg[0] : row, Math.max(subject + 1, 4));
      aggs[message] = row;
    }
    row[subject] = agg;
    return agg;
  }

  int messageCount() {
    return messages.size();
  }

  Map<Long, int[]> perMinute() {
    return perMinute;
  }
}
