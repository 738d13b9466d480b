package io.threescaledoctor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.threescaledoctor.checks.logs.AccessLogAnalyzer;
import io.threescaledoctor.checks.logs.AccessLogFormat;
import io.threescaledoctor.checks.logs.AccessLogReport;
import io.threescaledoctor.checks.logs.ErrorLogAnalyzer;
import io.threescaledoctor.checks.logs.ErrorLogReport;
import io.threescaledoctor.checks.logs.ErrorLogWindow;
import io.threescaledoctor.checks.logs.HostResolver;
import io.threescaledoctor.checks.logs.LogFinding;
import io.threescaledoctor.checks.logs.LogMessage;
import io.threescaledoctor.checks.logs.LogSource;
import io.threescaledoctor.checks.logs.NginxAccessLogCheck;
import io.threescaledoctor.checks.logs.Sparkline;
import io.threescaledoctor.checks.logs.Target;
import io.threescaledoctor.checks.logs.TargetClassifier;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Durations;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.report.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor logs FILE...}: what the gateway's error logs say, by cause and hop. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Analyse nginx / APIcast error logs: every known message (timeouts, refused connections,"
          + " resolver and TLS errors, Lua errors, APIcast configuration and backend failures)"
          + " counted per cause and hop, with first/last seen, the upstreams involved, one example"
          + " line and the remedy, plus a per-minute histogram of errors.",
      "",
      "FILE may be plain or gzip-compressed (rotated error.log.2.gz), several at once, or - for"
          + " standard input. Without FILE, the profile's gateway.errorLog is read.",
      "Lines are attributed to the 3scale backend (auth subrequests, or the address of"
          + " --backend / threescale.backend) or to the API (--api / api.url, or any other"
          + " upstream). 3scale addresses in the log that the backend no longer resolves to are"
          + " reported as dns-stale-address.",
      "",
      "Time window: a finding last seen within --recent (default 1h) of now, by the log's own"
          + " timestamps, is FAIL; an older one is WARN, so last week's errors do not fail"
          + " today's run. --since/--until only count entries in that range.",
      "",
      "Examples:",
      "  3scale-doctor logs /var/log/nginx/error.log /var/log/nginx/error.log.2.gz",
      "  kubectl logs apicast-1 | 3scale-doctor logs - --since 2h",
      "  3scale-doctor logs error.log --backend https://su1.3scale.net --format json",
      "  3scale-doctor logs --access access.log --log-format '$remote_addr [$time_local]"
          + " \"$request\" $status $request_time'",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no recent failure in the logs (older ones and warnings allowed)",
      "1:a known failure was logged within --recent",
      "2:bad input (no readable file, bad option)",
      "3:the doctor itself broke"
    })
public final class LogsCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final int EXAMPLE_WIDTH = 240;

  /** Streaming JSON: an ObjectMapper would load its hundreds of classes for two small objects. */
  private static final JsonFactory JSON = new JsonFactory();

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = "Error log files (.gz is recognised by content), or - for standard input.")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "Only entries at or after TIME: 2026-11-27T10:00:00Z, '2026-11-27 10:00'"
              + " (log's zone), or a duration back from now (2h).")
  String since;

  @Option(names = "--until", paramLabel = "TIME", description = "Only entries before TIME.")
  String until;

  @Option(
      names = "--recent",
      paramLabel = "DURATION",
      defaultValue = "1h",
      description =
          "Findings last seen within this of now are FAIL, older ones WARN"
              + " (default ${DEFAULT-VALUE}).")
  String recent;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description = "Time zone the log's timestamps are written in (default: this host's).")
  String zone;

  @Option(
      names = "--access",
      description =
          "FILEs are access logs: status codes over time, 5xx bursts, shares of"
              + " 401/403 (credentials), 404 (no mapping rule), 429 (limits), slowest paths.")
  boolean access;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description =
          "The access log's nginx log_format string (default: the one"
              + " gateway.nginxConf writes the file with, else combined).")
  String logFormat;

  @Mixin TextOrJson output;

  @Mixin ProfileOptions profileOptions;

  @Mixin Verbosity verbosity;

  InputStream stdin = System.in;
  HostResolver resolver = HostResolver.system();
  Clock clock = Clock.systemDefaultZone();
  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment environment) {
    this.env = environment;
  }

  @Override
  public Integer call() throws Exception {
    output.validate();
    ZoneId logZone;
    try {
      logZone = zone == null ? clock.getZone() : ZoneId.of(zone);
    } catch (java.time.DateTimeException e) {
      throw new BadInputException("--zone " + zone + ": unknown time zone");
    }
    Duration recentWindow;
    try {
      recentWindow = Durations.parse(recent);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--recent " + e.getMessage());
    }
    Instant now = clock.instant();
    Instant from = since == null ? null : LogTimes.parse("--since", since, logZone, now);
    Instant to = until == null ? null : LogTimes.parse("--until", until, logZone, now);
    if (access || files.isEmpty()) {
      Profile profile = profileOptions.load();
      List<LogSource> sources = sources(profile);
      if (access) {
        return accessLogs(profile, sources, from, to, now, recentWindow, logZone);
      }
      return errorLogs(
          profile,
          CompletableFuture.completedFuture(analyzer(profile, logZone, from, to).analyze(sources)),
          sources,
          now,
          recentWindow,
          logZone);
    }
    // The files are named: read them while the profile (which only decides, at the end, which
    // upstream is 3scale) and the JSON machinery load, instead of one after the other.
    List<LogSource> sources = sources(null);
    CompletableFuture<Profile> profileLoaded = new CompletableFuture<>();
    ErrorLogAnalyzer analyzer =
        new ErrorLogAnalyzer(() -> TargetClassifier.fromProfile(profileLoaded.join(), resolver))
            .zone(logZone)
            .window(from, to);
    CompletableFuture<ErrorLogReport> reading =
        CompletableFuture.supplyAsync(() -> analyzer.analyze(sources));
    Profile profile;
    try {
      profile = profileOptions.load();
      profileLoaded.complete(profile);
    } catch (Exception e) {
      profileLoaded.completeExceptionally(e);
      throw e;
    }
    return errorLogs(profile, reading, sources, now, recentWindow, logZone);
  }

  private ErrorLogAnalyzer analyzer(Profile profile, ZoneId logZone, Instant from, Instant to) {
    return new ErrorLogAnalyzer(TargetClassifier.fromProfile(profile, resolver))
        .zone(logZone)
        .window(from, to);
  }

  private int errorLogs(
      Profile profile,
      CompletableFuture<ErrorLogReport> reading,
      List<LogSource> sources,
      Instant now,
      Duration recentWindow,
      ZoneId logZone)
      throws Exception {
    KnownIssueCatalog.standard();
    ErrorLogReport report;
    try {
      report = reading.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
    if (report.stats().files() == 0) {
      throw new BadInputException("no log could be read: " + String.join("; ", report.notes()));
    }
    Redactor redactor = Redactor.of(profile.secrets());
    PrintWriter out = spec.commandLine().getOut();
    if (verbosity.quiet()) {
      out.println(verdict(report, sources, now, recentWindow));
    } else if (output.json()) {
      out.println(json(report, sources, now, recentWindow, redactor));
    } else {
      text(out, report, now, recentWindow, logZone, redactor);
    }
    out.flush();
    boolean failing = report.findings().stream().anyMatch(f -> fails(f, now, recentWindow));
    return failing ? ExitCode.FAILING : ExitCode.OK;
  }

  /** The named FILEs, or (with {@code profile}) the log the profile names. */
  private List<LogSource> sources(Profile profile) {
    List<String> names = new ArrayList<>(files);
    if (names.isEmpty() && profile != null) {
      String configured = access ? profile.gateway().accessLog() : profile.gateway().errorLog();
      if (configured == null || configured.isBlank()) {
        throw new BadInputException(
            "name a log FILE (or - for standard input), or set"
                + (access
                    ? " gateway.accessLog (--access-log)"
                    : " gateway.errorLog (--error-log)"));
      }
      names.add(configured);
    }
    List<LogSource> out = new ArrayList<>();
    for (String n : names) {
      if (n.equals("-")) {
        out.add(LogSource.stream("(stdin)", stdin));
      } else {
        Path p = Path.of(n);
        if (Files.isDirectory(p)) {
          throw new BadInputException(n + ": is a directory, not a log file");
        }
        out.add(LogSource.file(p));
      }
    }
    return out;
  }

  /** {@code FAIL logs error.log: 2 failures within 1h: upstream-timeout (gateway-api) 12x ...}. */
  private static String verdict(
      ErrorLogReport report, List<LogSource> sources, Instant now, Duration recent) {
    String target =
        "logs " + String.join(" ", sources.stream().map(LogSource::name).toList()) + ": ";
    List<LogFinding> findings = report.findings();
    if (findings.isEmpty()) {
      return "OK    " + target + "no known problem in " + report.stats().entries() + " entries";
    }
    List<LogFinding> failing = findings.stream().filter(f -> fails(f, now, recent)).toList();
    LogFinding first = failing.isEmpty() ? findings.get(0) : failing.get(0);
    int others = (failing.isEmpty() ? findings.size() : failing.size()) - 1;
    return (failing.isEmpty()
            ? "WARN  " + target + findings.size() + " known problem(s), none within "
            : "FAIL  " + target + failing.size() + " known failure(s) within ")
        + Durations.format(recent)
        + ": "
        + first.issue()
        + " ("
        + first.hop().id()
        + ") "
        + first.count()
        + "x"
        + (others > 0 ? " (and " + others + " more)" : "");
  }

  private static boolean fails(LogFinding f, Instant now, Duration recent) {
    return f.severity() == LogMessage.Severity.FAIL
        && ErrorLogWindow.isRecent(f.lastSeen(), now, recent);
  }

  private static String status(LogFinding f, Instant now, Duration recent) {
    return fails(f, now, recent) ? "FAIL" : "WARN";
  }

  private String json(
      ErrorLogReport report,
      List<LogSource> sources,
      Instant now,
      Duration recent,
      Redactor redactor)
      throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeNumberField("schemaVersion", 1);
      g.writeStringField("kind", "error-log");
      g.writeStringField("analysedAt", now.toString());
      g.writeStringField("recent", Durations.format(recent));
      g.writeArrayFieldStart("files");
      for (LogSource s : sources) {
        g.writeString(s.name());
      }
      g.writeEndArray();
      ErrorLogReport.Stats st = report.stats();
      g.writeObjectFieldStart("stats");
      g.writeNumberField("bytes", st.bytes());
      g.writeNumberField("lines", st.lines());
      g.writeNumberField("entries", st.entries());
      g.writeNumberField("continuationLines", st.continuationLines());
      g.writeNumberField("skippedLines", st.skippedLines());
      g.writeNumberField("binaryLines", st.binaryLines());
      g.writeNumberField("truncatedLines", st.truncatedLines());
      g.writeNumberField("outsideWindow", st.outsideWindow());
      g.writeNumberField("unrecognisedErrors", report.unknownErrors());
      g.writeEndObject();
      g.writeStringField(
          "firstEntry", report.firstEntry() == null ? null : report.firstEntry().toString());
      g.writeStringField(
          "lastEntry", report.lastEntry() == null ? null : report.lastEntry().toString());
      g.writeArrayFieldStart("findings");
      for (LogFinding f : report.findings()) {
        g.writeStartObject();
        g.writeStringField("status", status(f, now, recent));
        g.writeStringField("cause", f.issue());
        g.writeStringField("hop", f.hop().id());
        g.writeStringField("message", f.messageId());
        g.writeStringField("title", f.title());
        g.writeStringField(
            "target", f.target() == Target.NONE ? null : f.target().name().toLowerCase());
        g.writeNumberField("count", f.count());
        g.writeStringField("firstSeen", f.firstSeen().toString());
        g.writeStringField("lastSeen", f.lastSeen().toString());
        g.writeArrayFieldStart("upstreams");
        for (String subject : f.subjects()) {
          g.writeString(subject);
        }
        g.writeEndArray();
        g.writeStringField("example", redactor.mask(f.example()));
        g.writeStringField("remedy", remedy(f));
        g.writeStringField("reference", f.section());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("perMinute");
      for (Map.Entry<Instant, Integer> minute : report.perMinute().entrySet()) {
        g.writeStartObject();
        g.writeStringField("minute", minute.getKey().toString());
        g.writeNumberField("count", minute.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("unrecognisedExamples");
      for (String example : report.unknownExamples()) {
        g.writeString(redactor.mask(example));
      }
      g.writeEndArray();
      strings(g, "notes", report.notes());
      g.writeEndObject();
    }
    return text.toString();
  }

  private static void strings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static String remedy(LogFinding f) {
    return KnownIssueCatalog.standard().find(f.issue()).map(KnownIssue::remedy).orElse(null);
  }

  private void text(
      PrintWriter out,
      ErrorLogReport report,
      Instant now,
      Duration recent,
      ZoneId logZone,
      Redactor redactor) {
    ErrorLogReport.Stats st = report.stats();
    out.printf(
        "%d file%s, %,d lines, %,d entries%s%n",
        st.files(),
        st.files() == 1 ? "" : "s",
        st.lines(),
        st.entries(),
        report.firstEntry() == null
            ? ""
            : ", "
                + local(report.firstEntry(), logZone)
                + " .. "
                + local(report.lastEntry(), logZone)
                + " ("
                + logZone
                + ")");
    if (report.findings().isEmpty()) {
      out.println();
      out.println("No known problem found.");
    }
    for (LogFinding f : report.findings()) {
      out.println();
      out.printf(
          "%s  %-15s %-30s %,dx  %s%n",
          status(f, now, recent), f.hop().id(), f.issue(), f.count(), f.title());
      out.printf(
          "      %s%s   first %s   last %s%n",
          f.target() == Target.NONE ? "" : f.target().label() + " ",
          f.subjects().isEmpty() ? "" : String.join(", ", f.subjects()),
          local(f.firstSeen(), logZone),
          local(f.lastSeen(), logZone));
      out.printf("      e.g. %s%n", shorten(redactor.mask(f.example())));
      String remedy = remedy(f);
      if (remedy != null) {
        out.printf("      -> %s (guide %s)%n", remedy, f.section());
      }
    }
    if (report.unknownErrors() > 0) {
      out.println();
      out.printf(
          "%,d error line%s not recognised, e.g.%n",
          report.unknownErrors(), report.unknownErrors() == 1 ? "" : "s");
      report.unknownExamples().stream()
          .limit(verbosity.verbose() ? Long.MAX_VALUE : 3)
          .forEach(u -> out.printf("      %s%n", shorten(redactor.mask(u))));
    }
    Sparkline.Columns columns = Sparkline.fold(report.perMinute(), 60);
    if (columns.counts().length > 0) {
      out.println();
      out.printf(
          "Errors per %s, %s .. %s (max %,d):%n",
          columns.minutesPerColumn() == 1 ? "minute" : columns.minutesPerColumn() + " minutes",
          local(columns.from(), logZone),
          local(columns.to(), logZone),
          columns.max());
      out.printf("  |%s|%n", Sparkline.draw(columns.counts()));
    }
    if (!report.notes().isEmpty()) {
      out.println();
      out.println("Notes:");
      report.notes().forEach(n -> out.printf("  - %s%n", n));
    }
  }

  private int accessLogs(
      Profile profile,
      List<LogSource> sources,
      Instant from,
      Instant to,
      Instant now,
      Duration recent,
      ZoneId logZone)
      throws Exception {
    List<String> formatNotes = new ArrayList<>();
    AccessLogFormat accessFormat;
    try {
      accessFormat =
          logFormat != null
              ? AccessLogFormat.of(logFormat)
              : sources.get(0).path() == null
                  ? AccessLogFormat.combined()
                  : NginxAccessLogCheck.formatFor(profile, sources.get(0).path(), formatNotes);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--log-format: " + e.getMessage());
    }
    AccessLogReport r = new AccessLogAnalyzer(accessFormat).window(from, to).analyze(sources);
    if (r.requests() == 0
        && r.unparsed() == 0
        && r.notes().stream().allMatch(n -> n.endsWith("no such file") || n.contains("cannot read"))
        && !r.notes().isEmpty()) {
      throw new BadInputException("no log could be read: " + String.join("; ", r.notes()));
    }
    List<String> notes = new ArrayList<>(formatNotes);
    notes.addAll(r.notes());
    long recentRequests = 0;
    long recentErrors = 0;
    for (var e : r.perMinute().tailMap(now.minus(recent)).entrySet()) {
      recentRequests += e.getValue().requests();
      recentErrors += e.getValue().serverErrors();
    }
    boolean failing =
        recentErrors >= NginxAccessLogCheck.MIN_REQUESTS
            && (double) recentErrors / recentRequests >= NginxAccessLogCheck.FAIL_5XX_SHARE;
    PrintWriter out = spec.commandLine().getOut();
    if (verbosity.quiet()) {
      out.printf(
          "%s  logs --access: %,d of %,d requests within %s got 5xx%n",
          failing ? "FAIL" : "OK  ", recentErrors, recentRequests, Durations.format(recent));
    } else if (output.json()) {
      StringWriter text = new StringWriter();
      try (JsonGenerator g = JSON.createGenerator(text).useDefaultPrettyPrinter()) {
        g.writeStartObject();
        g.writeNumberField("schemaVersion", 1);
        g.writeStringField("kind", "access-log");
        g.writeStringField("logFormat", accessFormat.format());
        g.writeNumberField("requests", r.requests());
        g.writeNumberField("unparsedLines", r.unparsed());
        g.writeStringField("first", r.first() == null ? null : r.first().toString());
        g.writeStringField("last", r.last() == null ? null : r.last().toString());
        g.writeStringField("status", failing ? "FAIL" : "PASS");
        g.writeObjectFieldStart("byStatus");
        for (Map.Entry<Integer, Long> status : r.byStatus().entrySet()) {
          g.writeNumberField(Integer.toString(status.getKey()), status.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("shares");
        g.writeNumberField("5xx", r.share(500, 599));
        g.writeNumberField(
            "401/403",
            (double) (r.count(401, 401) + r.count(403, 403)) / Math.max(1, r.requests()));
        g.writeNumberField("404", r.share(404, 404));
        g.writeNumberField("429", r.share(429, 429));
        g.writeEndObject();
        g.writeArrayFieldStart("perMinute");
        for (var minute : r.perMinute().entrySet()) {
          g.writeStartObject();
          g.writeStringField("minute", minute.getKey().toString());
          g.writeNumberField("requests", minute.getValue().requests());
          g.writeNumberField("4xx", minute.getValue().clientErrors());
          g.writeNumberField("5xx", minute.getValue().serverErrors());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("slowestPaths");
        for (AccessLogReport.SlowPath p : r.slowest()) {
          g.writeStartObject();
          g.writeStringField("path", p.path());
          g.writeNumberField("requests", p.requests());
          g.writeNumberField("averageSeconds", p.averageSeconds());
          g.writeNumberField("maxSeconds", p.maxSeconds());
          g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "notes", notes);
        g.writeEndObject();
      }
      out.println(text);
    } else {
      out.printf(
          "%,d requests%s (log format: %s)%n",
          r.requests(),
          r.first() == null
              ? ""
              : ", " + local(r.first(), logZone) + " .. " + local(r.last(), logZone),
          accessFormat.format());
      out.println();
      out.println("Status codes:");
      r.byStatus()
          .forEach((k, v) -> out.printf("  %d  %,10d  %5.1f%%%n", k, v, 100.0 * v / r.requests()));
      out.printf(
          "%n5xx %.1f%% · 401/403 %.1f%% (credentials) · 404 %.1f%% (no mapping rule)"
              + " · 429 %.1f%% (limits)%n",
          100 * r.share(500, 599),
          100.0 * (r.count(401, 401) + r.count(403, 403)) / Math.max(1, r.requests()),
          100 * r.share(404, 404),
          100 * r.share(429, 429));
      java.util.TreeMap<Instant, Integer> fives = new java.util.TreeMap<>();
      r.perMinute().forEach((k, m) -> fives.put(k, (int) m.serverErrors()));
      Sparkline.Columns columns = Sparkline.fold(fives, 60);
      if (columns.max() > 0) {
        out.printf(
            "%n5xx per %s (max %,d):%n  |%s|%n",
            columns.minutesPerColumn() == 1 ? "minute" : columns.minutesPerColumn() + " minutes",
            columns.max(),
            Sparkline.draw(columns.counts()));
      }
      if (!r.slowest().isEmpty()) {
        out.println();
        out.println("Slowest paths ($request_time):");
        r.slowest()
            .forEach(
                p ->
                    out.printf(
                        "  %8.3fs max  %8.3fs avg  %,8d  %s%n",
                        p.maxSeconds(), p.averageSeconds(), p.requests(), p.path()));
      }
      if (failing) {
        out.printf(
            "%nFAIL  gateway  gateway-error-responses: %,d of %,d requests within %s"
                + " got 5xx%n",
            recentErrors, recentRequests, Durations.format(recent));
      }
      if (!notes.isEmpty()) {
        out.println();
        out.println("Notes:");
        notes.forEach(n -> out.printf("  - %s%n", n));
      }
    }
    out.flush();
    return failing ? ExitCode.FAILING : ExitCode.OK;
  }

  private static String local(Instant t, ZoneId z) {
    return TIME.format(ZonedDateTime.ofInstant(t, z));
  }

  private static String shorten(String s) {
    String oneLine = s.replace('\n', ' ');
    return oneLine.length() <= EXAMPLE_WIDTH
        ? oneLine
        : oneLine.substring(0, EXAMPLE_WIDTH) + "...";
  }
}
