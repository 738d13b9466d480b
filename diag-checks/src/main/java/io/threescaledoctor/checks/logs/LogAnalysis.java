package io.threescaledoctor.checks.logs;

import io.threescaledoctor.checks.nginx.GatewayRoutes;
import io.threescaledoctor.checks.nginx.NginxConfigException;
import io.threescaledoctor.checks.nginx.NginxConfigParser;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The log analysis as check results: give it log sources, get back one result per finding (its hop,
 * cause, status and evidence) plus one that says what was read. The statuses are this package's
 * judgement (a failure logged within the recent period FAILs, an older one or a warning WARNs;
 * access logs against the thresholds below), so a caller only renders them and turns them into a
 * diagnosis. Nothing here makes a network call unless {@link #lookup} is given.
 *
 * <pre>{@code
 * List<CheckResult> results =
 *     LogAnalysis.of(profile)
 *         .nginxConfig(Path.of("/etc/nginx/nginx.conf"))
 *         .errorLogs(List.of(LogSource.stream("apicast-1/apicast", podLog)));
 * Diagnosis d = new Diagnoser(KnownIssueCatalog.standard())
 *     .diagnose(started, millis, Profile.Vantage.GATEWAY, results);
 * }</pre>
 *
 * <p>Access-log thresholds, over the requests of the recent period (or, when none is recent, over
 * all of them, at most WARN): FAIL when at least {@value #MIN_REQUESTS} requests got 5xx and they
 * are at least 20 % ({@link #FAIL_5XX_SHARE}); WARN when 5xx are at least 5 % ({@link
 * #WARN_5XX_SHARE}), 401/403 or 404 at least 20 % ({@link #WARN_SHARE}, at least {@value
 * #MIN_REQUESTS} of them), any 429, or the 95th percentile of {@code $request_time} (of {@code
 * $upstream_response_time} for an upstream) at least 5 s ({@link #SLOW_P95}). The same holds per
 * path ({@code accesslog.path.N}, the busiest first) and per upstream ({@code
 * accesslog.upstream.N}). Not thread-safe; one per analysis.
 */
public final class LogAnalysis {
  public static final double FAIL_5XX_SHARE = 0.20;
  public static final double WARN_5XX_SHARE = 0.05;
  public static final double WARN_SHARE = 0.20;
  public static final int MIN_REQUESTS = 5;
  public static final Duration SLOW_P95 = Duration.ofSeconds(5);
  private static final int PATHS_SHOWN = 10;
  private static final int MORE_PROBLEM_GROUPS = 20;
  private static final int EXAMPLES_SHOWN = 3;

  /** The evidence key that counts the lines set aside as the doctor's own. */
  public static final String OWN_PROBE_LINES = "ownProbeLines";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /**
   * Findings that only report the outcome of a failure another finding names ("auth request
   * unexpected status: 502" after the connect() error, "authorization failed" after 3scale's
   * answer, a lookup that timed out because the resolver is unreachable): the cause comes first.
   * Each maps to the issues that explain it; an empty set means any other finding does.
   */
  private static final Map<String, Set<String>> CONSEQUENCES =
      Map.of(
          "auth-request-unexpected-status", Set.of(),
          "authorization-failed", Set.of(),
          "dns-resolver-timeout", Set.of("dns-resolver-unreachable"));

  private final Supplier<Profile> profile;
  private GatewayRoutes routes;
  private Path nginxConf;
  private final List<String> configNotes = new ArrayList<>();
  private HostResolver lookup;
  private Clock clock = Clock.systemDefaultZone();
  private ZoneId zone;
  private Instant since;
  private Instant until;
  private Duration recent = ErrorLogWindow.DEFAULT_RECENT;
  private BooleanSupplier cancelled = () -> false;
  private int threads = Runtime.getRuntime().availableProcessors();

  private LogAnalysis(Supplier<Profile> profile) {
    this.profile = profile;
  }

  /** An analysis placing upstreams with {@code profile}'s URLs and its nginx configuration. */
  public static LogAnalysis of(Profile profile) {
    return new LogAnalysis(() -> profile);
  }

  /**
   * As {@link #of(Profile)}, with a profile that is only needed once the logs are read: the caller
   * reads while the profile still loads.
   */
  public static LogAnalysis later(Supplier<Profile> profile) {
    return new LogAnalysis(profile);
  }

  /**
   * Places upstreams with this nginx configuration (else the profile's {@code gateway.nginxConf},
   * if set). A configuration that cannot be read leaves a note and is not used.
   */
  public LogAnalysis nginxConfig(Path conf) {
    this.nginxConf = conf;
    return this;
  }

  /** Places upstreams with these routes, instead of reading a configuration. */
  public LogAnalysis routes(GatewayRoutes gatewayRoutes) {
    this.routes = gatewayRoutes;
    return this;
  }

  /**
   * Lets the analysis resolve the profile's host names (a network call): to place lines that name
   * addresses, and to find 3scale addresses the gateway still uses although the name no longer
   * resolves to them ({@code dns-stale-address}). Off unless given.
   */
  public LogAnalysis lookup(HostResolver resolver) {
    this.lookup = resolver;
    return this;
  }

  /** The clock "recent" is measured against (default: the system's); its zone is the log's. */
  public LogAnalysis clock(Clock c) {
    this.clock = c;
    return this;
  }

  /** The zone the logs' timestamps are written in (default: the clock's). */
  public LogAnalysis zone(ZoneId logZone) {
    this.zone = logZone;
    return this;
  }

  /** Only entries with {@code from <= time < to} count; either may be null. */
  public LogAnalysis window(Instant from, Instant to) {
    this.since = from;
    this.until = to;
    return this;
  }

  /** How long before now a failure still FAILs (default 1 h); older ones WARN. */
  public LogAnalysis recent(Duration period) {
    this.recent = period;
    return this;
  }

  public LogAnalysis cancelledWhen(BooleanSupplier isCancelled) {
    this.cancelled = isCancelled;
    return this;
  }

  /** Threads that may read one large plain file (default: the available processors). */
  public LogAnalysis threads(int count) {
    this.threads = Math.max(1, count);
    return this;
  }

  private ZoneId zone() {
    return zone != null ? zone : clock.getZone();
  }

  /** The attribution this analysis uses, built from the profile and configuration. */
  public Attribution attribution() {
    Profile p = profile.get();
    return Attribution.builder().profile(p).routes(routes(p)).lookup(lookup).build();
  }

  private GatewayRoutes routes(Profile p) {
    if (routes != null) {
      return routes;
    }
    Path conf = nginxConf;
    if (conf == null && p.gateway().nginxConf() != null && !p.gateway().nginxConf().isBlank()) {
      conf = Path.of(p.gateway().nginxConf());
    }
    if (conf == null) {
      routes = GatewayRoutes.none();
      return routes;
    }
    try {
      routes = GatewayRoutes.of(NginxConfigParser.parse(conf).directives());
      configNotes.addAll(routes.notes());
    } catch (NginxConfigException e) {
      configNotes.add(
          "cannot read the nginx configuration ("
              + e.getMessage()
              + "): upstreams are placed without it");
      routes = GatewayRoutes.none();
    }
    return routes;
  }

  // ---- error logs ----

  /** Reads error logs into a report (the findings unjudged). */
  public ErrorLogReport readErrorLogs(List<LogSource> sources) {
    ErrorLogReport report =
        new ErrorLogAnalyzer(this::attribution)
            .zone(zone())
            .window(since, until)
            .cancelledWhen(cancelled)
            .threads(threads)
            .analyze(sources);
    if (configNotes.isEmpty()) {
      return report;
    }
    List<String> notes = new ArrayList<>(configNotes);
    notes.addAll(report.notes());
    return new ErrorLogReport(
        report.findings(),
        report.perMinute(),
        report.unknownErrors(),
        report.unknownExamples(),
        report.stats(),
        List.copyOf(notes),
        report.firstEntry(),
        report.lastEntry());
  }

  /** Reads error logs and judges them: what was read, then one result per finding. */
  public List<CheckResult> errorLogs(List<LogSource> sources) {
    return errorLogResults(readErrorLogs(sources), sources);
  }

  /** The results for a report read from {@code sources}. */
  public List<CheckResult> errorLogResults(ErrorLogReport report, List<LogSource> sources) {
    List<CheckResult> out = new ArrayList<>();
    out.add(errorLogRead(report, sources));
    Instant now = clock.instant();
    String files = sources.stream().map(LogSource::name).collect(Collectors.joining(" "));
    ordered(report.findings(), now).forEach(f -> out.add(finding(f, now, files)));
    return out;
  }

  /**
   * The findings in the order a reader should see them: failing now first, then those that only
   * report the outcome of another; the most recent first.
   */
  public List<LogFinding> ordered(List<LogFinding> findings, Instant now) {
    Set<String> issues = findings.stream().map(LogFinding::issue).collect(Collectors.toSet());
    return findings.stream()
        .sorted(
            Comparator.comparing((LogFinding f) -> !failsNow(f, now))
                .thenComparing(f -> isConsequence(f.issue(), issues))
                .thenComparing(LogFinding::lastSeen, Comparator.reverseOrder())
                .thenComparing(LogFinding::count, Comparator.reverseOrder())
                .thenComparing(LogFinding::messageId))
        .toList();
  }

  /**
   * {@code "3 lines from the doctor's own probes"}: lines the analysis set aside because the doctor
   * sent their requests itself (see {@link io.threescaledoctor.checks.http.OwnProbes}).
   */
  public static String ownProbes(long lines) {
    return Figures.grouped(lines)
        + " line"
        + (lines == 1 ? "" : "s")
        + " from the doctor's own probes";
  }

  private static boolean isConsequence(String issue, Set<String> present) {
    Set<String> explainedBy = CONSEQUENCES.get(issue);
    if (explainedBy == null) {
      return false;
    }
    return explainedBy.isEmpty() || explainedBy.stream().anyMatch(present::contains);
  }

  /** Whether a finding fails the run: a failure logged within the recent period. */
  public boolean failsNow(LogFinding f, Instant now) {
    return f.severity() == LogMessage.Severity.FAIL
        && ErrorLogWindow.isRecent(f.lastSeen(), now, recent);
  }

  private CheckResult errorLogRead(ErrorLogReport report, List<LogSource> sources) {
    ErrorLogReport.Stats st = report.stats();
    String range =
        report.firstEntry() == null
            ? ""
            : ", "
                + local(report.firstEntry())
                + " .. "
                + local(report.lastEntry())
                + " ("
                + zone()
                + ")";
    String read =
        "read "
            + st.files()
            + " file"
            + (st.files() == 1 ? "" : "s")
            + ": "
            + Figures.grouped(st.lines())
            + " lines, "
            + Figures.grouped(st.entries())
            + " entries"
            + range;
    if (st.ownProbeEntries() > 0) {
      read += "; " + ownProbes(st.ownProbeEntries()) + " set aside";
    }
    CheckResult r =
        st.entries() == 0 && st.lines() > 0
            ? CheckResult.warn(read + "; no line is an nginx error-log entry (an access log?)")
            : CheckResult.pass(read);
    r =
        r.withId("errorlog.read")
            .withHop(Hop.GATEWAY)
            .withEvidence(
                "files", sources.stream().map(LogSource::name).collect(Collectors.joining(", ")))
            .withEvidence("bytes", st.bytes())
            .withEvidence("lines", st.lines())
            .withEvidence("entries", st.entries());
    if (st.benignEntries() > 0) {
      r = r.withEvidence("benignEntries", st.benignEntries());
    }
    if (st.ownProbeEntries() > 0) {
      r = r.withEvidence(OWN_PROBE_LINES, ownProbes(st.ownProbeEntries()));
    }
    if (st.continuationLines() > 0) {
      r = r.withEvidence("continuationLines", st.continuationLines());
    }
    if (st.outsideWindow() > 0) {
      r = r.withEvidence("outsideWindow", st.outsideWindow());
    }
    Sparkline.Columns columns = Sparkline.fold(report.perMinute(), 60);
    if (columns.counts().length > 0) {
      r =
          r.withEvidence(
              "problemsPer"
                  + (columns.minutesPerColumn() == 1
                      ? "Minute"
                      : columns.minutesPerColumn() + "Minutes"),
              "|"
                  + Sparkline.draw(columns.counts())
                  + "| "
                  + local(columns.from())
                  + " .. "
                  + local(columns.to())
                  + ", max "
                  + columns.max());
    }
    if (report.unknownErrors() > 0) {
      r = r.withEvidence("unrecognisedErrorLines", report.unknownErrors());
      List<String> examples = report.unknownExamples();
      for (int i = 0; i < Math.min(EXAMPLES_SHOWN, examples.size()); i++) {
        r = r.withEvidence("unrecognised" + (i + 1), oneLine(examples.get(i)));
      }
    }
    if (!report.notes().isEmpty()) {
      r = r.withEvidence("notes", String.join("; ", report.notes()));
    }
    return r.withReference(Hop.GATEWAY.guideSection()).withTested(Tested.LOGS).withFacts(report);
  }

  private CheckResult finding(LogFinding f, Instant now, String files) {
    boolean fails = failsNow(f, now);
    String summary = summary(f);
    CheckResult r =
        fails
            ? CheckResult.fail(summary)
            : CheckResult.warn(
                summary
                    + (f.severity() == LogMessage.Severity.FAIL
                        ? " (older than " + durationText(recent) + ")"
                        : ""));
    r =
        r.withId(resultId(f))
            .withHop(f.hop())
            .withCause(f.issue())
            .withReference(f.section())
            .withEvidence("count", f.count())
            .withEvidence("firstSeen", local(f.firstSeen()))
            .withEvidence("lastSeen", local(f.lastSeen()));
    if (!f.subjects().isEmpty()) {
      r = r.withEvidence(subjectsKey(f), String.join(", ", f.subjects()));
    }
    if (!f.attributedBy().isEmpty()) {
      r = r.withEvidence("attributedBy", String.join("; ", f.attributedBy()));
    }
    for (Map.Entry<String, String> d : f.details().entrySet()) {
      r = r.withEvidence(d.getKey(), d.getValue());
    }
    r = r.withEvidence("example", f.example());
    String remedy =
        f.remedy() != null
            ? f.remedy()
            : KnownIssueCatalog.standard().find(f.issue()).map(KnownIssue::remedy).orElse(null);
    if (remedy != null) {
      r = r.withRemedy(remedy);
    }
    Optional<String> literal = grepFor(f);
    if (literal.isPresent() && !files.isBlank()) {
      r = r.withReproduce("grep -n -F '" + literal.get().replace("'", "'\\''") + "' " + files);
    }
    return r.withTested(Tested.LOGS);
  }

  /** {@code errorlog.<hop>.<message>}: one result per message and hop. */
  static String resultId(LogFinding f) {
    return "errorlog." + f.hop().id() + "." + f.messageId();
  }

  /** What the finding's message names (the stale-address finding is no catalog message). */
  private static LogMessage.About about(LogFinding f) {
    return LogMessageCatalog.standard().messages().stream()
        .filter(x -> x.id().equals(f.messageId()))
        .findFirst()
        .map(LogMessage::about)
        .orElse(LogMessage.About.NOTHING);
  }

  private static String subjectsKey(LogFinding f) {
    if (f.messageId().equals(ErrorLogAnalyzer.STALE_MESSAGE)) {
      return "addresses";
    }
    return switch (about(f)) {
      case RESOLVER -> "resolver";
      case BACKEND_ANSWER -> "answers";
      case UPSTREAM -> "upstreams";
      default -> f.subjects().stream().allMatch(s -> s.matches("\\d{3}")) ? "statuses" : "names";
    };
  }

  /** The literal to grep the log for: the message's first catalog substring. */
  private static Optional<String> grepFor(LogFinding f) {
    return LogMessageCatalog.standard().messages().stream()
        .filter(m -> m.id().equals(f.messageId()))
        .findFirst()
        .map(m -> m.match().get(0));
  }

  private static String summary(LogFinding f) {
    String entries = Figures.grouped(f.count()) + " entr" + (f.count() == 1 ? "y" : "ies");
    if (f.target() == Target.BACKEND
        && f.messageId().startsWith("apicast-backend-")
        && f.details().containsKey("meaning")) {
      return entries
          + " with 3scale's answer "
          + String.join(", ", f.subjects())
          + ": "
          + f.details().get("meaning");
    }
    if (about(f) == LogMessage.About.RESOLVER) {
      return entries
          + " '"
          + f.title()
          + "' (resolver "
          + String.join(", ", f.subjects())
          + ")"
          + switch (f.target()) {
            case API -> ", resolving the API's names";
            case BACKEND -> ", resolving 3scale's names";
            default -> "";
          };
    }
    String about =
        switch (f.target()) {
          case NONE -> "";
          case UNATTRIBUTED -> " about an upstream nothing places";
          default -> " about the " + f.target().label();
        };
    return entries
        + " '"
        + f.title()
        + "'"
        + about
        + (f.subjects().isEmpty() ? "" : " (" + String.join(", ", f.subjects()) + ")");
  }

  // ---- access logs ----

  /** Reads access logs in {@code format}. */
  public AccessLogReport readAccessLogs(List<LogSource> sources, AccessLogFormat format) {
    return new AccessLogAnalyzer(format)
        .window(since, until)
        .recentFrom(clock.instant().minus(recent))
        .analyze(sources);
  }

  /** Reads access logs and judges them: overall, per path and per upstream. */
  public List<CheckResult> accessLogs(List<LogSource> sources, AccessLogFormat format) {
    return accessLogResults(readAccessLogs(sources, format), sources, format);
  }

  /** The results for an access-log report read from {@code sources}. */
  public List<CheckResult> accessLogResults(
      AccessLogReport r, List<LogSource> sources, AccessLogFormat format) {
    List<CheckResult> out = new ArrayList<>();
    out.add(accessLogRead(r, sources, format));
    Instant now = clock.instant();
    boolean anyRecent = r.recent().requests() > 0;
    AccessLogReport.Traffic judged = anyRecent ? r.recent() : r.all();
    out.add(
        judge(
                judged,
                anyRecent,
                Hop.GATEWAY,
                Target.NONE,
                "requests" + (anyRecent ? " in the last " + durationText(recent) : ""))
            .withId("accesslog.gateway")
            .withHop(Hop.GATEWAY)
            .withEvidence("requests", judged.requests())
            .withEvidence("statusClasses", judged.classes())
            .withTested(Tested.LOGS));
    out.addAll(groups(r.paths(), now, "accesslog.path.", null));
    if (!r.upstreams().isEmpty()) {
      Attribution placing = attribution();
      out.addAll(groups(r.upstreams(), now, "accesslog.upstream.", placing::placeUpstream));
    }
    return out;
  }

  private CheckResult accessLogRead(
      AccessLogReport r, List<LogSource> sources, AccessLogFormat format) {
    String read =
        "read "
            + Figures.grouped(r.requests())
            + " request"
            + (r.requests() == 1 ? "" : "s")
            + (r.first() == null
                ? ""
                : ", " + local(r.first()) + " .. " + local(r.last()) + " (" + zone() + ")");
    if (r.ownProbeRequests() > 0) {
      read += "; " + ownProbes(r.ownProbeRequests()) + " set aside";
    }
    CheckResult c =
        r.requests() == 0 && r.unparsed() > 0
            ? CheckResult.warn(read + "; no line has the log format " + format.format())
            : CheckResult.pass(read);
    c =
        c.withId("accesslog.read")
            .withHop(Hop.GATEWAY)
            .withEvidence(
                "files", sources.stream().map(LogSource::name).collect(Collectors.joining(", ")))
            .withEvidence("logFormat", format.format())
            .withEvidence("requests", r.requests())
            .withEvidence("statusClasses", r.all().classes());
    if (!r.all().requestTime().isEmpty()) {
      c = c.withEvidence("requestTime", r.all().requestTime().describe());
    }
    if (!r.all().upstreamTime().isEmpty()) {
      c = c.withEvidence("upstreamResponseTime", r.all().upstreamTime().describe());
    }
    TreeMap<Instant, Integer> fives = new TreeMap<>();
    r.perMinute().forEach((k, m) -> fives.put(k, (int) m.serverErrors()));
    Sparkline.Columns columns = Sparkline.fold(fives, 60);
    if (columns.max() > 0) {
      c =
          c.withEvidence(
              "serverErrorsPer"
                  + (columns.minutesPerColumn() == 1
                      ? "Minute"
                      : columns.minutesPerColumn() + "Minutes"),
              "|" + Sparkline.draw(columns.counts()) + "| max " + columns.max());
    }
    if (r.unparsed() > 0) {
      c = c.withEvidence("unparsedLines", r.unparsed());
    }
    if (r.ownProbeRequests() > 0) {
      c = c.withEvidence(OWN_PROBE_LINES, ownProbes(r.ownProbeRequests()));
    }
    if (!r.notes().isEmpty()) {
      c = c.withEvidence("notes", String.join("; ", r.notes()));
    }
    return c.withReference(Hop.GATEWAY.guideSection()).withTested(Tested.LOGS).withFacts(r);
  }

  /** Results for the busiest groups, and for any other group that is not healthy. */
  private List<CheckResult> groups(
      List<AccessLogReport.Traffic> groups,
      Instant now,
      String idPrefix,
      java.util.function.Function<String, Attribution.Decision> placeUpstream) {
    List<CheckResult> out = new ArrayList<>();
    int problems = 0;
    boolean upstream = placeUpstream != null;
    for (int i = 0; i < groups.size(); i++) {
      AccessLogReport.Traffic t = groups.get(i);
      boolean isRecent = t.lastSeen() != null && ErrorLogWindow.isRecent(t.lastSeen(), now, recent);
      Attribution.Decision placed = upstream ? placeUpstream.apply(t.key()) : null;
      Target target = placed == null ? Target.NONE : placed.target();
      CheckResult c =
          judge(t, isRecent, upstream ? hopOf(target) : Hop.GATEWAY, target, "requests");
      if (i >= PATHS_SHOWN && c.status() == Status.PASS) {
        continue;
      }
      if (i >= PATHS_SHOWN && ++problems > MORE_PROBLEM_GROUPS) {
        break;
      }
      // Result ids are dotted words (the report's schema): the path or address is evidence.
      c =
          c.withId(idPrefix + (i + 1))
              .withSummary(t.key() + ": " + c.summary())
              .withEvidence(upstream ? "upstream" : "path", t.key())
              .withEvidence("requests", t.requests())
              .withEvidence("statusClasses", t.classes());
      if (!t.requestTime().isEmpty()) {
        c = c.withEvidence("requestTime", t.requestTime().describe());
      }
      if (!t.upstreamTime().isEmpty()) {
        c =
            c.withEvidence(
                upstream ? "responseTime" : "upstreamResponseTime", t.upstreamTime().describe());
      }
      if (upstream && t.noAnswer() > 0) {
        c = c.withEvidence("attemptsWithoutAnswer", t.noAnswer());
      }
      if (placed != null) {
        c = c.withEvidence("attributedBy", placed.why());
      }
      if (t.lastSeen() != null) {
        c = c.withEvidence("lastSeen", local(t.lastSeen()));
      }
      out.add(c.withTested(Tested.LOGS));
    }
    return out;
  }

  private static Hop hopOf(Target target) {
    return switch (target) {
      case API -> Hop.GATEWAY_API;
      case BACKEND -> Hop.GATEWAY_3SCALE;
      default -> Hop.GATEWAY;
    };
  }

  /**
   * Judges one group of requests by the thresholds in the class comment. For an upstream the 5xx it
   * answered itself point at it (the API's or 3scale's own errors); attempts that got no answer
   * point at the path to it. A group with no recent request is at most WARN.
   */
  CheckResult judge(
      AccessLogReport.Traffic t, boolean isRecent, Hop hop, Target upstream, String what) {
    long n = t.requests();
    if (n == 0) {
      return CheckResult.pass("no " + what).withHop(hop);
    }
    String of = " of " + Figures.grouped(n) + " " + what;
    long serverErrors = t.serverErrors();
    CheckResult r = null;
    boolean upstreamGroup = upstream != Target.NONE;
    long noAnswer = upstreamGroup ? t.noAnswer() : 0;
    long ownErrors = upstreamGroup ? Math.max(0, serverErrors - noAnswer) : serverErrors;
    if (noAnswer > 0 && t.share(noAnswer) >= WARN_5XX_SHARE) {
      r =
          status(noAnswer >= MIN_REQUESTS && t.share(noAnswer) >= FAIL_5XX_SHARE)
              .apply(
                  percent(t.share(noAnswer))
                      + of
                      + " got no HTTP answer from "
                      + t.key()
                      + " (502/504 by nginx): read the error log for these minutes")
              .withCause("gateway-error-responses")
              .withHop(hop);
    } else if (ownErrors > 0 && t.share(ownErrors) >= WARN_5XX_SHARE) {
      String cause =
          switch (upstream) {
            case API -> "api-error-status";
            case BACKEND -> "backend-error-status";
            default -> "gateway-error-responses";
          };
      Hop at =
          switch (upstream) {
            case API -> Hop.API;
            case BACKEND -> Hop.THREESCALE;
            default -> hop;
          };
      r =
          status(ownErrors >= MIN_REQUESTS && t.share(ownErrors) >= FAIL_5XX_SHARE)
              .apply(percent(t.share(ownErrors)) + of + " got 5xx (" + ownErrors + ")")
              .withCause(cause)
              .withHop(at)
              .withEvidence("share5xx", percent(t.share(ownErrors)));
    } else if (t.unauthorized() >= MIN_REQUESTS && t.share(t.unauthorized()) >= WARN_SHARE) {
      r =
          CheckResult.warn(
                  percent(t.share(t.unauthorized()))
                      + of
                      + " were refused with 401/403 (credentials missing or invalid)")
              .withCause("credentials-invalid")
              .withHop(hop);
    } else if (t.notFound() >= MIN_REQUESTS && t.share(t.notFound()) >= WARN_SHARE) {
      r =
          CheckResult.warn(
                  percent(t.share(t.notFound()))
                      + of
                      + " got 404 (no mapping rule matched, or no such path)")
              .withCause("mapping-rule-no-match")
              .withHop(hop);
    } else if (t.limited() > 0) {
      r =
          CheckResult.warn(t.limited() + of + " got 429 (usage limits exceeded)")
              .withCause("limits-exceeded")
              .withHop(hop);
    } else {
      AccessLogReport.Latency time = upstreamGroup ? t.upstreamTime() : t.requestTime();
      if (time.count() >= MIN_REQUESTS && time.p95() * 1000 >= SLOW_P95.toMillis()) {
        r =
            CheckResult.warn(
                    (upstreamGroup ? "answers of " + t.key() : what)
                        + " are slow: 95% took "
                        + Figures.decimals(time.p95(), 3)
                        + "s or less, 5% longer (p99 "
                        + Figures.decimals(time.p99(), 3)
                        + "s)")
                .withCause("gateway-slow-responses")
                .withHop(upstream == Target.API ? Hop.API : hop);
      }
    }
    if (r == null) {
      return CheckResult.pass(
              Figures.grouped(n) + " " + what + ", " + percent(t.share(serverErrors)) + " 5xx")
          .withHop(hop);
    }
    if (!isRecent && r.status() == Status.FAIL) {
      r =
          r.withStatus(Status.WARN)
              .withSummary(r.summary() + " (older than " + durationText(recent) + ")");
    }
    return r;
  }

  private static java.util.function.Function<String, CheckResult> status(boolean fail) {
    return fail ? CheckResult::fail : CheckResult::warn;
  }

  private static String percent(double share) {
    return Figures.decimals(share * 100, 1) + "%";
  }

  private static String durationText(Duration d) {
    return io.threescaledoctor.core.profile.Durations.format(d);
  }

  private String local(Instant t) {
    return TIME.format(ZonedDateTime.ofInstant(t, zone()));
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ');
  }
}
