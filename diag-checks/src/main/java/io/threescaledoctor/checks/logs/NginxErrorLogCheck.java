package io.threescaledoctor.checks.logs;

import io.threescaledoctor.checks.dns.Resolution;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.profile.Profile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code gateway.errorlog}: reads the gateway's nginx error log ({@code gateway.errorLog}), names
 * every known message by cause and hop (upstreams placed from {@code gateway.nginxConf} when set,
 * the profile's URLs and the log's own lines), and reports as this check's result the recent
 * finding at the first hop in the guide's order (the same rule the diagnosis uses), the most recent
 * one there, at the hop it is about (a timeout towards 3scale is {@code gateway-3scale}); the other
 * findings are evidence. Findings last seen more than an hour before the run are WARN, not FAIL. It
 * runs after the doctor's own probe through the gateway, so the lines of the client's request are
 * part of the evidence; those of the probes meant to fail (invalid credentials, no credentials,
 * ActiveDocs operations: {@link io.threescaledoctor.checks.http.OwnProbes}) are counted apart and
 * never a finding. Being part of a live run, it may resolve the profile's names (to find a stale
 * 3scale address); {@code logs} does not.
 */
public final class NginxErrorLogCheck implements Check {
  static final String ID = "gateway.errorlog";
  private static final int FINDINGS_SHOWN = 8;

  private final HostResolver resolver;

  public NginxErrorLogCheck() {
    this(null);
  }

  /** A check that resolves names with {@code resolver} (null: as the run resolves them). */
  NginxErrorLogCheck(HostResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Hop hop() {
    return Hop.GATEWAY;
  }

  @Override
  public String description() {
    return "The gateway's error log names no known problem (timeouts, refused connections,"
        + " resolver, Lua, APIcast configuration, 3scale's answers) in the last hour";
  }

  @Override
  public List<String> runsAfter() {
    return List.of("client.request");
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    String log = profile.gateway().errorLog();
    return log == null || log.isBlank() ? Optional.of("gateway.errorLog") : Optional.empty();
  }

  @Override
  public Tested tested() {
    return Tested.LOGS;
  }

  @Override
  public CheckResult run(CheckContext context) {
    Profile profile = context.profile();
    Path file = Path.of(profile.gateway().errorLog());
    HostResolver lookup =
        resolver != null
            ? resolver
            : host -> Resolution.resolve(profile, host, context.timeouts().read());
    LogAnalysis analysis =
        LogAnalysis.of(profile)
            .clock(context.clock())
            .cancelledWhen(context::cancelled)
            .lookup(lookup);
    List<LogSource> sources = List.of(LogSource.file(file));
    ErrorLogReport report = analysis.readErrorLogs(sources);
    if (report.stats().files() == 0) {
      return CheckResult.error(
              "cannot read gateway.errorLog " + file + ": " + String.join("; ", report.notes()))
          .withEvidence("file", file)
          .withTested(Tested.LOGS);
    }
    List<CheckResult> results = analysis.errorLogResults(report, sources);
    CheckResult read = results.get(0);
    List<CheckResult> findings = results.subList(1, results.size());
    CheckResult result =
        findings.stream()
            .filter(r -> r.status() == Status.FAIL)
            .min(Comparator.comparing(CheckResult::hop))
            .or(() -> findings.stream().findFirst())
            .orElseGet(
                () ->
                    CheckResult.pass(
                        "no known problem in "
                            + report.stats().entries()
                            + " entries of "
                            + file
                            + (report.stats().ownProbeEntries() > 0
                                ? " ("
                                    + LogAnalysis.ownProbes(report.stats().ownProbeEntries())
                                    + " set aside)"
                                : "")));
    result =
        result
            .withId(ID)
            .withEvidence("file", file)
            .withEvidence("entries", report.stats().entries())
            .withEvidence(
                "timeRange",
                report.firstEntry() == null
                    ? "-"
                    : report.firstEntry() + " .. " + report.lastEntry());
    if (result.summary().startsWith("no known problem")) {
      result = result.withHop(Hop.GATEWAY);
    }
    Instant now = context.clock().instant();
    List<LogFinding> ordered = analysis.ordered(report.findings(), now);
    int shown = 0;
    for (LogFinding f : ordered) {
      if (shown == FINDINGS_SHOWN) {
        result = result.withEvidence("moreFindings", ordered.size() - shown);
        break;
      }
      shown++;
      result = result.withEvidence("finding" + shown, describe(f, analysis.failsNow(f, now)));
    }
    for (String key :
        List.of("unrecognisedErrorLines", "unrecognised1", LogAnalysis.OWN_PROBE_LINES, "notes")) {
      String value = read.evidence().get(key);
      if (value != null) {
        result = result.withEvidence(key, value);
      }
    }
    return result.withTested(Tested.LOGS).withFacts(report).redacted(context.redactor());
  }

  static String describe(LogFinding f, boolean failsNow) {
    return f.issue()
        + " @"
        + f.hop().id()
        + ": "
        + f.count()
        + "x '"
        + f.title()
        + "'"
        + (f.subjects().isEmpty() ? "" : " " + f.subjects())
        + " "
        + f.firstSeen()
        + " .. "
        + f.lastSeen()
        + (failsNow || f.severity() == LogMessage.Severity.WARN ? "" : " (old)");
  }
}
