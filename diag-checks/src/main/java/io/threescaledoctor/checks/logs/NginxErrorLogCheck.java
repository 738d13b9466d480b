package io.threescaledoctor.checks.logs;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.profile.Profile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code gateway.errorlog}: reads the gateway's nginx error log ({@code gateway.errorLog}), names
 * every known message by cause and hop, and reports as this check's result the recent finding at
 * the first hop in the guide's order (the same rule the diagnosis uses), the most recent one there,
 * at the hop it is about (a timeout towards 3scale is {@code gateway-3scale}); the other findings
 * are evidence. Findings last seen more than an hour before the run are WARN, not FAIL. It runs
 * after the doctor's own probe through the gateway, so the probe's lines are part of the evidence.
 */
public final class NginxErrorLogCheck implements Check {
  static final String ID = "gateway.errorlog";
  private static final int FINDINGS_SHOWN = 8;

  /**
   * Messages nginx writes about the outcome of a failure another line names: "auth request
   * unexpected status: 502" follows the connect() error that caused it, so the cause wins.
   */
  private static final Set<String> CONSEQUENCES = Set.of("auth-request-unexpected-status");

  private final HostResolver resolver;

  public NginxErrorLogCheck() {
    this(HostResolver.system());
  }

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
        + " resolver, Lua, APIcast configuration) in the last hour";
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
    ErrorLogReport report =
        new ErrorLogAnalyzer(TargetClassifier.fromProfile(profile, resolver))
            .zone(context.clock().getZone())
            .cancelledWhen(context::cancelled)
            .analyze(List.of(LogSource.file(file)));
    if (report.stats().files() == 0) {
      return CheckResult.error(
              "cannot read gateway.errorLog " + file + ": " + String.join("; ", report.notes()))
          .withEvidence("file", file)
          .withTested(Tested.LOGS);
    }
    Instant now = context.clock().instant();
    List<LogFinding> findings = report.findings();
    Optional<LogFinding> primary =
        findings.stream()
            .filter(f -> failsNow(f, now))
            .min(
                Comparator.comparing((LogFinding f) -> CONSEQUENCES.contains(f.issue()))
                    .thenComparing(LogFinding::hop))
            .or(() -> findings.stream().findFirst());
    CheckResult result;
    if (primary.isEmpty()) {
      result =
          CheckResult.pass(
              "no known problem in " + report.stats().entries() + " entries of " + file);
    } else {
      LogFinding f = primary.get();
      String summary =
          f.count()
              + " line"
              + (f.count() == 1 ? "" : "s")
              + " '"
              + f.title()
              + "'"
              + (f.target() == Target.NONE ? "" : " about the " + f.target().label())
              + (f.subjects().isEmpty() ? "" : " (" + String.join(", ", f.subjects()) + ")")
              + ", last at "
              + f.lastSeen();
      boolean fails = failsNow(f, now);
      result =
          (fails
                  ? CheckResult.fail(summary)
                  : CheckResult.warn(
                      summary
                          + (f.severity() == LogMessage.Severity.FAIL
                              ? " (older than "
                                  + ErrorLogWindow.DEFAULT_RECENT.toMinutes()
                                  + " min)"
                              : "")))
              .withCause(f.issue())
              .withHop(f.hop())
              .withReference(f.section())
              .withEvidence("example", f.example())
              .withReproduce("grep -n -F '" + f.title().replace("'", "") + "' " + file);
      if (f.messageId().equals(ErrorLogAnalyzer.STALE_MESSAGE)) {
        result =
            result.withReproduce(
                "dig +short " + TargetClassifier.fromProfile(profile, resolver).backendHost());
      }
    }
    result =
        result
            .withEvidence("file", file)
            .withEvidence("entries", report.stats().entries())
            .withEvidence(
                "timeRange",
                report.firstEntry() == null
                    ? "-"
                    : report.firstEntry() + " .. " + report.lastEntry());
    int shown = 0;
    for (LogFinding f : findings) {
      if (shown == FINDINGS_SHOWN) {
        result = result.withEvidence("moreFindings", findings.size() - shown);
        break;
      }
      shown++;
      result = result.withEvidence("finding" + shown, describe(f, now));
    }
    if (report.unknownErrors() > 0) {
      result =
          result
              .withEvidence("unrecognisedErrorLines", report.unknownErrors())
              .withEvidence("unrecognisedExample", report.unknownExamples().get(0));
    }
    if (!report.notes().isEmpty()) {
      result = result.withEvidence("notes", String.join("; ", report.notes()));
    }
    return result.withTested(Tested.LOGS).withFacts(report).redacted(context.redactor());
  }

  private static boolean failsNow(LogFinding f, Instant now) {
    return f.severity() == LogMessage.Severity.FAIL
        && ErrorLogWindow.isRecent(f.lastSeen(), now, ErrorLogWindow.DEFAULT_RECENT);
  }

  static String describe(LogFinding f, Instant now) {
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
        + (failsNow(f, now) || f.severity() == LogMessage.Severity.WARN ? "" : " (old)");
  }
}
