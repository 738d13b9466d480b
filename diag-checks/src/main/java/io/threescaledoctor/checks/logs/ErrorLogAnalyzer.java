package io.threescaledoctor.checks.logs;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.zip.ZipException;

/**
 * Analyses nginx/APIcast error logs: counts every known message per cause and hop (the hop of an
 * upstream decided by {@link Attribution}), keeps a per-minute histogram, and, when attribution may
 * look names up, compares the 3scale addresses the gateway used with what the backend's name
 * resolves to now ({@code dns-stale-address}). Files are streamed; memory does not grow with their
 * size. {@link LogAnalysis} turns the report into check results.
 *
 * <pre>{@code
 * ErrorLogReport report = new ErrorLogAnalyzer(Attribution.fromProfile(profile))
 *     .window(since, until)
 *     .analyze(List.of(LogSource.file(Path.of("/var/log/nginx/error.log"))));
 * }</pre>
 */
public final class ErrorLogAnalyzer {
  static final String STALE_MESSAGE = "backend-address-not-current";
  private static final int SUBJECTS_SHOWN = 5;

  /** Files at least this large are read by several threads. */
  private long parallelFrom = 32L << 20;

  private final LogMessageCatalog catalog;
  private KnownIssueCatalog issues;
  private final Supplier<Attribution> attributionSource;
  private Attribution attribution;
  private ZoneId zone = ZoneId.systemDefault();
  private Instant since;
  private Instant until;
  private BooleanSupplier cancelled = () -> false;
  private int threads = Runtime.getRuntime().availableProcessors();

  public ErrorLogAnalyzer(Attribution attribution) {
    this(LogMessageCatalog.standard(), KnownIssueCatalog.standard(), () -> attribution);
  }

  /**
   * An analyzer whose attribution is only needed once the files are read, so a caller can read
   * while it is still loading the profile and configuration attribution comes from.
   */
  public ErrorLogAnalyzer(Supplier<Attribution> attributionLater) {
    this(LogMessageCatalog.standard(), null, attributionLater);
  }

  ErrorLogAnalyzer(
      LogMessageCatalog catalog,
      KnownIssueCatalog issues,
      Supplier<Attribution> attributionSource) {
    this.catalog = catalog;
    this.issues = issues;
    this.attributionSource = attributionSource;
  }

  /** The zone the log's timestamps are written in (the gateway's local time). */
  public ErrorLogAnalyzer zone(ZoneId logZone) {
    this.zone = logZone;
    return this;
  }

  /** Only entries with {@code since <= time < until} count; either may be null. */
  public ErrorLogAnalyzer window(Instant from, Instant to) {
    this.since = from;
    this.until = to;
    return this;
  }

  /** Checked before every read: a cancelled run stops reading and says so. */
  public ErrorLogAnalyzer cancelledWhen(BooleanSupplier isCancelled) {
    this.cancelled = isCancelled;
    return this;
  }

  /** How many threads may read one large plain file (default: the available processors). */
  public ErrorLogAnalyzer threads(int count) {
    this.threads = Math.max(1, count);
    return this;
  }

  /** Lowers the size from which files are read in slices, so tests can prove slicing. */
  ErrorLogAnalyzer parallelFrom(long bytes) {
    this.parallelFrom = bytes;
    return this;
  }

  private ErrorLogScanner newScanner() {
    return new ErrorLogScanner(
        catalog.matcher(),
        zone,
        since == null ? Long.MIN_VALUE : since.getEpochSecond(),
        until == null ? Long.MAX_VALUE : until.getEpochSecond(),
        cancelled);
  }

  public ErrorLogReport analyze(List<LogSource> sources) {
    ErrorLogScanner scanner = newScanner();
    List<String> notes = new ArrayList<>();
    int files = 0;
    for (LogSource source : sources) {
      if (cancelled.getAsBoolean()) {
        notes.add("cancelled before " + source.name() + " was read");
        break;
      }
      long before = scanner.bytes;
      long truncatedBefore = scanner.truncatedLines;
      LogSource.Opened opened = null;
      try {
        long splittable = threads > 1 ? source.splittableSize() : -1;
        if (splittable >= parallelFrom) {
          scanInSlices(source.path(), splittable, scanner);
          opened = new LogSource.Opened(null, false, splittable);
          files++;
        } else {
          opened = source.open();
          files++;
          try (var in = opened.in()) {
            scanner.scan(in);
          }
        }
      } catch (NoSuchFileException e) {
        notes.add(source.name() + ": no such file");
        continue;
      } catch (AccessDeniedException e) {
        notes.add(source.name() + ": permission denied");
        continue;
      } catch (EOFException e) {
        notes.add(
            source.name()
                + ": compressed data ends early (truncated .gz?); the "
                + (scanner.bytes - before)
                + " bytes before that were analysed");
      } catch (ZipException e) {
        notes.add(
            source.name()
                + ": corrupt compressed data ("
                + e.getMessage()
                + "); the "
                + (scanner.bytes - before)
                + " bytes before that were analysed");
      } catch (IOException e) {
        notes.add(
            source.name()
                + ": cannot read ("
                + e.getMessage()
                + ")"
                + (scanner.bytes > before
                    ? "; the " + (scanner.bytes - before) + " bytes before that were analysed"
                    : ""));
        continue;
      }
      if (scanner.bytes == before) {
        notes.add(source.name() + ": empty");
      }
      if (scanner.truncatedLines > truncatedBefore) {
        notes.add(
            source.name()
                + ": "
                + (scanner.truncatedLines - truncatedBefore)
                + " line(s) longer than "
                + (ErrorLogScanner.MAX_LINE >> 20)
                + " MiB: only their first MiB was read");
      }
      grewNote(source, opened).ifPresent(notes::add);
    }
    if (scanner.stoppedEarly) {
      notes.add("cancelled: only the part read until then was analysed");
    }
    if (scanner.skippedLines > 0) {
      notes.add(
          scanner.skippedLines
              + " line(s) are not nginx error-log entries and were skipped"
              + (scanner.binaryLines > 0 ? " (" + scanner.binaryLines + " hold binary data)" : ""));
    }
    if (scanner.wrappedLines > 0) {
      notes.add(ContainerWrapping.note(scanner.wrappedLines));
    }
    if (scanner.outsideWindow > 0) {
      notes.add(
          scanner.outsideWindow
              + " entr"
              + (scanner.outsideWindow == 1 ? "y" : "ies")
              + " outside the time window were not counted");
    }
    attribution = attributionSource.get();
    if (issues == null) {
      issues = KnownIssueCatalog.standard();
    }
    Map<ErrorLogScanner.Subject, Attribution.Decision> decisions =
        attribution.decide(scanner.subjects(), scanner.backendCallHosts);
    List<LogFinding> findings = findings(scanner, decisions);
    staleAddressFinding(scanner, decisions).ifPresent(findings::add);
    findings.sort(
        Comparator.comparing(LogFinding::lastSeen)
            .reversed()
            .thenComparing(Comparator.comparingLong(LogFinding::count).reversed())
            .thenComparing(LogFinding::messageId));
    notes.addAll(attribution.notes());
    TreeMap<Instant, Integer> histogram = new TreeMap<>();
    scanner.perMinute().forEach((k, v) -> histogram.put(Instant.ofEpochSecond(k), v[0]));
    return new ErrorLogReport(
        findings,
        histogram,
        scanner.unknownErrors,
        scanner.unknownExamples.stream().map(LogText::maskCredentials).toList(),
        new ErrorLogReport.Stats(
            files,
            scanner.bytes,
            scanner.lines,
            scanner.entries,
            scanner.continuationLines,
            scanner.skippedLines,
            scanner.binaryLines,
            scanner.truncatedLines,
            scanner.outsideWindow,
            scanner.benignEntries,
            scanner.ownProbeEntries),
        List.copyOf(notes),
        scanner.firstEntry == Long.MAX_VALUE ? null : Instant.ofEpochSecond(scanner.firstEntry),
        scanner.lastEntry == Long.MIN_VALUE ? null : Instant.ofEpochSecond(scanner.lastEntry));
  }

  /**
   * Reads a large plain file in one slice per thread, each cut where an entry starts so no entry is
   * split, and adds the slices up in file order.
   */
  private void scanInSlices(Path file, long size, ErrorLogScanner into) throws IOException {
    long[] cuts = new long[threads + 1];
    cuts[threads] = size;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int i = 1; i < threads; i++) {
        cuts[i] = Math.max(cuts[i - 1], entryStartAtOrAfter(ch, size * i / threads, size));
      }
    }
    List<ErrorLogScanner> slices = new ArrayList<>();
    List<Future<?>> running = new ArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "error-log-slice");
              t.setDaemon(true);
              return t;
            });
    try {
      for (int i = 0; i < threads; i++) {
        ErrorLogScanner slice = newScanner();
        slices.add(slice);
        long from = cuts[i];
        long to = cuts[i + 1];
        running.add(
            pool.submit(
                () -> {
                  try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    ch.position(from);
                    slice.scan(new LogSource.Bounded(Channels.newInputStream(ch), to - from));
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while reading " + file);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    for (ErrorLogScanner slice : slices) {
      into.absorb(slice);
    }
  }

  /** The offset of the first line at or after {@code at} that starts an entry, or {@code size}. */
  static long entryStartAtOrAfter(FileChannel ch, long at, long size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    long pos = at;
    while (pos < size) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n <= 0) {
        return size;
      }
      byte[] b = buf.array();
      int nl = Bytes.newline(b, 0, n);
      while (nl >= 0 && nl + 1 < n) {
        int lineEnd = Bytes.newline(b, nl + 1, n);
        if (lineEnd < 0 && n - nl - 1 < 32) {
          break;
        }
        int end = lineEnd < 0 ? n : lineEnd;
        long unwrapped = ContainerWrapping.unwrap(b, nl + 1, end);
        if (unwrapped < 0
            ? ErrorLogScanner.isEntryStart(b, nl + 1, end)
            : ErrorLogScanner.isEntryStart(
                b, ContainerWrapping.start(unwrapped), ContainerWrapping.end(unwrapped))) {
          return pos + nl + 1;
        }
        nl = lineEnd;
      }
      pos += Math.max(1, nl < 0 ? n : nl);
    }
    return size;
  }

  private static java.util.Optional<String> grewNote(LogSource source, LogSource.Opened opened) {
    if (opened == null || source.path() == null || opened.sizeAtOpen() < 0) {
      return java.util.Optional.empty();
    }
    try {
      long now = Files.size(source.path());
      if (now > opened.sizeAtOpen()) {
        return java.util.Optional.of(
            source.name()
                + ": grew by "
                + (now - opened.sizeAtOpen())
                + " bytes while being read; lines written after the doctor opened it are left out");
      }
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }

  /** One finding per message, cause and hop, over all the subjects its lines named. */
  private List<LogFinding> findings(
      ErrorLogScanner scanner, Map<ErrorLogScanner.Subject, Attribution.Decision> decisions) {
    Map<String, Builder> byCause = new LinkedHashMap<>();
    List<ErrorLogScanner.Subject> subjects = scanner.subjects();
    List<Builder> resolverFindings = new ArrayList<>();
    Set<Target> namesNotResolved = new LinkedHashSet<>();
    Set<String> resolversSeen = new LinkedHashSet<>();
    for (int m = 0; m < scanner.messageCount(); m++) {
      LogMessage message = catalog.messages().get(m);
      for (ErrorLogScanner.Subject s : subjects) {
        ErrorLogScanner.Agg agg = scanner.agg(m, s.index);
        if (agg == null) {
          continue;
        }
        switch (message.about()) {
          case BACKEND_ANSWER -> {
            BackendAnswer.Meaning meaning = BackendAnswer.interpret(s.text);
            Builder b =
                byCause.computeIfAbsent(
                    message.id() + "|" + meaning.issue() + "|" + meaning.hop().id(),
                    k ->
                        new Builder(
                            message,
                            meaning.issue(),
                            meaning.hop(),
                            Target.BACKEND,
                            reference(meaning.issue(), message.section())));
            b.add(agg, s.text);
            b.answer(meaning);
          }
          case RESOLVER -> {
            Builder b =
                byCause.computeIfAbsent(
                    message.id() + "|resolver",
                    k ->
                        new Builder(
                            message,
                            message.api().issue(),
                            Hop.GATEWAY,
                            Target.UNATTRIBUTED,
                            message.section()));
            if (!resolverFindings.contains(b)) {
              resolverFindings.add(b);
            }
            b.add(agg, s.text);
            resolversSeen.add(s.text);
          }
          case UPSTREAM -> {
            Attribution.Decision d = decisions.getOrDefault(s, Attribution.Decision.NONE);
            Target target = d.target();
            if (target == Target.NONE) {
              target = Target.UNATTRIBUTED;
              d = new Attribution.Decision(target, "the line names no upstream");
            }
            LogMessage.Cause cause = message.cause(target);
            Hop hop = hopOf(cause);
            Target shown = target;
            Builder b =
                byCause.computeIfAbsent(
                    message.id() + "|" + cause.issue() + "|" + hop.id(),
                    k ->
                        new Builder(
                            message,
                            cause.issue(),
                            hop,
                            shown,
                            shown == Target.BACKEND
                                ? Hop.GATEWAY_3SCALE.guideSection()
                                : message.section()));
            b.add(agg, s.text);
            b.why(d.why());
            if (cause.issue().startsWith("dns-")) {
              namesNotResolved.add(target);
              b.dns = true;
            }
          }
          default -> {
            LogMessage.Cause cause = message.api();
            Hop hop = hopOf(cause);
            byCause
                .computeIfAbsent(
                    message.id() + "|" + cause.issue() + "|" + hop.id(),
                    k -> new Builder(message, cause.issue(), hop, Target.NONE, message.section()))
                .add(agg, s.text);
          }
        }
      }
    }
    List<String> resolvers = new ArrayList<>(resolversSeen);
    if (resolvers.isEmpty()) {
      attribution
          .configuredResolvers()
          .forEach(r -> resolvers.add(r.address() + " (" + r.where() + ")"));
    }
    for (Builder b : byCause.values()) {
      if (b.dns && !resolvers.isEmpty()) {
        b.details.put("resolver", String.join(", ", resolvers));
      }
    }
    placeResolverFindings(resolverFindings, namesNotResolved);
    List<LogFinding> out = new ArrayList<>();
    byCause.values().forEach(b -> out.add(b.build()));
    return out;
  }

  /**
   * A line about the resolver itself ("recv() failed (111: Connection refused) while resolving,
   * resolver: ADDR") does not say which name it was resolving: it belongs to the hop of the names
   * that could not be resolved in the same log (the API's first, in the guide's order), or to the
   * gateway when none could not.
   */
  private static void placeResolverFindings(List<Builder> resolverFindings, Set<Target> names) {
    Hop hop = Hop.GATEWAY;
    Target target = Target.UNATTRIBUTED;
    String why = "no line in the log says which name was being resolved";
    if (names.contains(Target.API) && names.contains(Target.BACKEND)) {
      hop = Hop.GATEWAY_API;
      target = Target.API;
      why = "names of both the API and 3scale could not be resolved in the same log";
    } else if (names.contains(Target.API)) {
      hop = Hop.GATEWAY_API;
      target = Target.API;
      why = "the API's name could not be resolved in the same log";
    } else if (names.contains(Target.BACKEND)) {
      hop = Hop.GATEWAY_3SCALE;
      target = Target.BACKEND;
      why = "3scale's name could not be resolved in the same log";
    }
    for (Builder b : resolverFindings) {
      b.hop = hop;
      b.target = target;
      b.why(why);
    }
  }

  private String reference(String issue, String fallback) {
    return issues.find(issue).map(KnownIssue::reference).orElse(fallback);
  }

  private Hop hopOf(LogMessage.Cause cause) {
    return cause
        .hopOverride()
        .orElseGet(
            () ->
                issues
                    .find(cause.issue())
                    .map(KnownIssue::hop)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "log catalog names unknown issue " + cause.issue())));
  }

  /**
   * Lines about 3scale that name an address the backend's name no longer resolves to: the gateway
   * resolved 3scale once and kept a stale address (guide 4.1.2). Only when attribution may look the
   * name up.
   */
  private java.util.Optional<LogFinding> staleAddressFinding(
      ErrorLogScanner scanner, Map<ErrorLogScanner.Subject, Attribution.Decision> decisions) {
    if (!attribution.looksUp() || attribution.backendHost() == null) {
      return java.util.Optional.empty();
    }
    List<ErrorLogScanner.Subject> stale = new ArrayList<>();
    for (ErrorLogScanner.Subject s : scanner.subjects()) {
      Attribution.Decision d = decisions.get(s);
      if (d == null || d.target() != Target.BACKEND || s.text.isEmpty()) {
        continue;
      }
      if (Attribution.looksLikeAddress(Attribution.HostPort.parse(s.text).host())) {
        stale.add(s);
      }
    }
    if (stale.isEmpty()) {
      return java.util.Optional.empty();
    }
    Set<String> current = attribution.backendAddresses();
    if (current.isEmpty()) {
      return java.util.Optional.empty();
    }
    Builder b = null;
    for (ErrorLogScanner.Subject s : stale) {
      String host = Attribution.HostPort.parse(s.text).host();
      if (current.contains(host)) {
        continue;
      }
      for (int m = 0; m < scanner.messageCount(); m++) {
        ErrorLogScanner.Agg agg = scanner.agg(m, s.index);
        if (agg == null || catalog.messages().get(m).severity() != LogMessage.Severity.FAIL) {
          continue;
        }
        if (b == null) {
          LogMessage pseudo =
              new LogMessage(
                  STALE_MESSAGE,
                  "3scale address in the log is not what "
                      + attribution.backendHost()
                      + " resolves to now ("
                      + String.join(", ", current)
                      + ")",
                  List.of(),
                  new LogMessage.Cause("dns-stale-address", null),
                  null,
                  null,
                  null,
                  null,
                  LogMessage.Severity.FAIL,
                  LogMessage.About.NOTHING,
                  "4.1.2");
          b =
              new Builder(
                  pseudo,
                  "dns-stale-address",
                  hopOf(pseudo.api()),
                  Target.BACKEND,
                  Hop.GATEWAY_3SCALE.guideSection());
          b.why(decisions.get(s).why());
        }
        b.add(agg, host);
      }
    }
    return b == null ? java.util.Optional.empty() : java.util.Optional.of(b.build());
  }

  private static final class Builder {
    final LogMessage message;
    final String issue;
    Hop hop;
    Target target;
    final String section;
    long count;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    String example;
    long exampleTime = Long.MAX_VALUE;
    final Set<String> subjects = new LinkedHashSet<>();
    int moreSubjects;
    final Set<String> whys = new LinkedHashSet<>();
    final Map<String, String> details = new LinkedHashMap<>();
    String remedy;
    int answers;
    boolean dns;

    Builder(LogMessage message, String issue, Hop hop, Target target, String section) {
      this.message = message;
      this.issue = issue;
      this.hop = hop;
      this.target = target;
      this.section = section;
    }

    void add(ErrorLogScanner.Agg agg, String subject) {
      count += agg.count;
      first = Math.min(first, agg.first);
      last = Math.max(last, agg.last);
      if (agg.exampleTime < exampleTime) {
        example = agg.example;
        exampleTime = agg.exampleTime;
      }
      if (!subject.isEmpty() && !subjects.contains(subject)) {
        if (subjects.size() < SUBJECTS_SHOWN) {
          subjects.add(subject);
        } else {
          moreSubjects++;
        }
      }
    }

    void why(String why) {
      if (why != null && !why.isEmpty() && whys.size() < SUBJECTS_SHOWN) {
        whys.add(why);
      }
    }

    /** The first answer's meaning and remedy; with several answers, the issue's own remedy. */
    void answer(BackendAnswer.Meaning meaning) {
      answers++;
      if (answers == 1) {
        details.put("meaning", meaning.meaning());
        remedy = meaning.remedy();
      } else {
        details.remove("meaning");
        remedy = null;
      }
    }

    LogFinding build() {
      List<String> shown = new ArrayList<>(subjects);
      if (moreSubjects > 0) {
        shown.add("(+" + moreSubjects + " more)");
      }
      return new LogFinding(
          message.id(),
          message.title(),
          issue,
          hop,
          target,
          message.severity(),
          count,
          Instant.ofEpochSecond(first),
          Instant.ofEpochSecond(last),
          List.copyOf(shown),
          LogText.maskCredentials(example),
          section,
          List.copyOf(whys),
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details)),
          remedy);
    }
  }
}
