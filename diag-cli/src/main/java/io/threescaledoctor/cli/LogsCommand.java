package io.threescaledoctor.cli;

import io.threescaledoctor.checks.dns.Resolution;
import io.threescaledoctor.checks.logs.AccessLogFormat;
import io.threescaledoctor.checks.logs.AccessLogReport;
import io.threescaledoctor.checks.logs.ErrorLogReport;
import io.threescaledoctor.checks.logs.LogAnalysis;
import io.threescaledoctor.checks.logs.LogSource;
import io.threescaledoctor.checks.logs.NginxAccessLogCheck;
import io.threescaledoctor.checks.threescale.BackendErrorCatalog;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.diagnosis.Diagnoser;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Durations;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.report.ExitCode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code 3scale-doctor logs FILE...}: what the gateway's logs say, by hop and cause. The analysis
 * and its judgement are {@link LogAnalysis}'s; this command reads the options, hands the results to
 * the diagnosis and a report renderer, and exits as {@code run} does.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Analyse nginx / APIcast error logs, or access logs with --access, offline: each known"
          + " message (upstream timeouts and refusals, resolver and TLS errors, Lua errors with"
          + " their stack traces, APIcast's configuration loading, policies, OpenID Connect,"
          + " and 3scale's answers to APIcast's backend client at info level) becomes a finding"
          + " at its hop, with its cause, count, first/last seen, the upstreams involved and why"
          + " they belong to that hop, one example entry and the remedy; then the diagnosis, as"
          + " 'run' gives it.",
      "",
      "FILE may be plain or gzip-compressed (rotated error.log.2.gz), several at once, or - for"
          + " standard input. Without FILE, the profile's gateway.errorLog (or gateway.accessLog)"
          + " is read.",
      "",
      "Which hop an upstream belongs to comes from what the gateway is configured to do, never"
          + " from what its name looks like: --nginx-conf (proxy_pass in the location auth_request"
          + " calls, or to /transactions/*.xml, is gateway-3scale; the main location's proxy_pass"
          + " or upstream block is gateway-api), APIcast's conventions (its /threescale_*"
          + " subrequests, its backend client's URIs), and --api / --backend (with --resolve"
          + " NAME:IP pins for lines that name addresses). An upstream nothing places is reported"
          + " as unattributed, at the gateway hop. Resolver failures are DNS causes at the hop of"
          + " the name, with the resolver's address as evidence.",
      "",
      "Offline: no network call is made, unless --dns-lookup lets the doctor resolve the"
          + " profile's names (to place addresses, and to report 3scale addresses the gateway"
          + " still uses after the name moved: dns-stale-address).",
      "",
      "Time: a failure last seen within --recent (default 1h) of now, by the log's own"
          + " timestamps, is FAIL; an older one is WARN, so last week's errors do not fail"
          + " today's run. --since/--until only count entries in that range.",
      "",
      "Access logs (--access): status classes, and p50/p95/p99 of $request_time and"
          + " $upstream_response_time when the log_format has them, overall, per path and per"
          + " upstream. Verdict over the last --recent (else over everything, at most WARN):"
          + " FAILING when at least 5 requests got 5xx and they are at least 20 %%; DEGRADED when"
          + " 5xx are at least 5 %%, 401/403 or 404 at least 20 %% (at least 5), any 429, or the"
          + " 95th percentile at least 5 s; else HEALTHY. The same per path and per upstream.",
      "",
      "Examples:",
      "  3scale-doctor logs /var/log/nginx/error.log /var/log/nginx/error.log.2.gz",
      "  kubectl logs apicast-1 | 3scale-doctor logs - --since 2h",
      "  3scale-doctor logs error.log --nginx-conf /etc/nginx/nginx.conf --format json",
      "  3scale-doctor logs error.log --api http://10.0.0.5:8080 --backend https://su1.3scale.net",
      "  3scale-doctor logs --access access.log --log-format '$remote_addr [$time_local]"
          + " \"$request\" $status $request_time'",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:healthy or degraded: no failure within --recent (older ones and warnings allowed)",
      "1:failing: a known failure was logged within --recent",
      "2:bad input (no readable file, bad option)",
      "3:the doctor itself broke"
    })
public final class LogsCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = "Log files (.gz is recognised by content), or - for standard input.")
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
          "Failures last seen within this of now are FAIL, older ones WARN"
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
          "FILEs are access logs: status classes and times overall, per path and per"
              + " upstream, judged by the thresholds above.")
  boolean access;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description =
          "The access log's nginx log_format string (default: the one"
              + " gateway.nginxConf writes the file with, else combined).")
  String logFormat;

  @Option(
      names = "--dns-lookup",
      description =
          "Let the doctor resolve the profile's host names (with --resolver, else the system's"
              + " resolver): a network call, off by default.")
  boolean dnsLookup;

  @Mixin OutputOptions output;

  @Mixin ProfileOptions profileOptions;

  InputStream stdin = System.in;
  Clock clock = Clock.systemDefaultZone();
  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment environment) {
    this.env = environment;
  }

  @Override
  public Integer call() throws Exception {
    output.validate();
    Instant started = clock.instant();
    long startNanos = System.nanoTime();
    ZoneId logZone;
    try {
      logZone = zone == null ? clock.getZone() : ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new BadInputException("--zone " + zone + ": unknown time zone");
    }
    Duration recentPeriod;
    try {
      recentPeriod = Durations.parse(recent);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--recent " + e.getMessage());
    }
    Instant from = since == null ? null : LogTimes.parse("--since", since, logZone, started);
    Instant to = until == null ? null : LogTimes.parse("--until", until, logZone, started);
    // The files are read while the profile (which only places upstreams, at the end) loads.
    CompletableFuture<Profile> profileLoaded = new CompletableFuture<>();
    LogAnalysis analysis =
        LogAnalysis.later(profileLoaded::join)
            .clock(clock)
            .zone(logZone)
            .window(from, to)
            .recent(recentPeriod)
            .cancelledWhen(() -> env != null && env.cancellation().isCancelled());
    Profile profile;
    List<CheckResult> results;
    if (files.isEmpty() || access) {
      profile = loadInto(profileLoaded, analysis);
      List<LogSource> sources = sources(profile);
      results =
          access
              ? analysis.accessLogs(sources, accessFormat(profile, sources))
              : analysis.errorLogs(sources);
    } else {
      List<LogSource> sources = sources(null);
      CompletableFuture<List<CheckResult>> reading =
          CompletableFuture.supplyAsync(() -> analysis.errorLogs(sources));
      profile = loadInto(profileLoaded, analysis);
      // What the findings and the diagnosis need once reading ends, read while it goes on.
      KnownIssueCatalog.standard();
      BackendErrorCatalog.standard();
      try {
        results = reading.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
    CheckResult read = results.get(0);
    if (nothingRead(read)) {
      throw new BadInputException(
          "no log could be read: " + read.evidence().getOrDefault("notes", "no file"));
    }
    Redactor redactor = Redactor.of(profile.secrets());
    Diagnosis diagnosis =
        new Diagnoser(KnownIssueCatalog.standard())
            .diagnose(
                started,
                (System.nanoTime() - startNanos) / 1_000_000,
                profile.vantage(),
                results.stream().map(r -> r.redacted(redactor)).toList());
    CliEnvironment environment =
        env != null
            ? env
            : new CliEnvironment(
                System.getenv(), spec.commandLine().getOut(), spec.commandLine().getErr());
    output.write(diagnosis, profile, spec.commandLine(), environment);
    return ExitCode.of(diagnosis);
  }

  /** Loads the profile and sets up {@code analysis} with it before it may use it. */
  private Profile loadInto(CompletableFuture<Profile> profileLoaded, LogAnalysis analysis)
      throws ProfileException {
    try {
      Profile p = profileOptions.load();
      configure(analysis, p);
      profileLoaded.complete(p);
      return p;
    } catch (RuntimeException | ProfileException e) {
      profileLoaded.completeExceptionally(e);
      throw e;
    }
  }

  private void configure(LogAnalysis analysis, Profile profile) {
    if (dnsLookup) {
      Duration timeout = profile.timeouts().readOrDefault();
      analysis.lookup(host -> Resolution.resolve(profile, host, timeout));
    }
  }

  /** Whether the analysis could read no file at all. */
  private static boolean nothingRead(CheckResult read) {
    if (read.facts(ErrorLogReport.class).isPresent()) {
      return read.facts(ErrorLogReport.class).get().stats().files() == 0;
    }
    return read.facts(AccessLogReport.class)
        .map(
            r ->
                r.requests() == 0
                    && r.unparsed() == 0
                    && !r.notes().isEmpty()
                    && r.notes().stream()
                        .allMatch(n -> n.endsWith("no such file") || n.contains("cannot read")))
        .orElse(false);
  }

  private AccessLogFormat accessFormat(Profile profile, List<LogSource> sources) {
    try {
      if (logFormat != null) {
        return AccessLogFormat.of(logFormat);
      }
      Path first = sources.get(0).path();
      return first == null
          ? AccessLogFormat.combined()
          : NginxAccessLogCheck.formatFor(profile, first, new ArrayList<>());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--log-format: " + e.getMessage());
    }
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
}
