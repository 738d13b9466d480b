package io.threescaledoctor.checks.logs;

import io.threescaledoctor.checks.nginx.NginxConfigException;
import io.threescaledoctor.checks.nginx.NginxConfigParser;
import io.threescaledoctor.checks.nginx.NginxDirective;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.profile.Profile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code gateway.accesslog}: what the gateway answered in the last hour, from its access log
 * ({@code gateway.accessLog}; the format is read from {@code gateway.nginxConf}'s {@code
 * log_format} when it names one, else nginx's {@code combined}). The thresholds are {@link
 * LogAnalysis}'s, over all requests, per path and per upstream: this check reports the worst of
 * those judgements, at its hop.
 */
public final class NginxAccessLogCheck implements Check {
  @Override
  public String id() {
    return "gateway.accesslog";
  }

  @Override
  public Hop hop() {
    return Hop.GATEWAY;
  }

  @Override
  public String description() {
    return "The gateway's access log shows no burst of 5xx, 401/403, 404 or 429 answers, and no"
        + " slow answers, in the last hour";
  }

  @Override
  public List<String> runsAfter() {
    return List.of("client.request");
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    String log = profile.gateway().accessLog();
    return log == null || log.isBlank() ? Optional.of("gateway.accessLog") : Optional.empty();
  }

  @Override
  public Tested tested() {
    return Tested.LOGS;
  }

  @Override
  public CheckResult run(CheckContext context) {
    Profile profile = context.profile();
    Path file = Path.of(profile.gateway().accessLog());
    List<String> notes = new ArrayList<>();
    AccessLogFormat format = formatFor(profile, file, notes);
    Instant now = context.clock().instant();
    LogAnalysis analysis =
        LogAnalysis.of(profile)
            .clock(context.clock())
            .window(now.minus(ErrorLogWindow.DEFAULT_RECENT), null);
    List<LogSource> sources = List.of(LogSource.file(file));
    AccessLogReport report = analysis.readAccessLogs(sources, format);
    notes.addAll(report.notes());
    if (report.notes().stream()
        .anyMatch(n -> n.endsWith("no such file") || n.contains("cannot read"))) {
      return CheckResult.error(
              "cannot read gateway.accessLog " + file + ": " + String.join("; ", report.notes()))
          .withTested(Tested.LOGS);
    }
    List<CheckResult> results = analysis.accessLogResults(report, sources, format);
    CheckResult worst =
        results.stream()
            .skip(1)
            .max(
                Comparator.comparingInt((CheckResult r) -> r.status().severity())
                    .thenComparing(CheckResult::hop, Comparator.reverseOrder()))
            .orElse(results.get(0));
    if (worst.status() == Status.PASS) {
      worst = results.get(1);
    }
    CheckResult result =
        worst
            .withId(id())
            .withEvidence("file", file)
            .withEvidence("format", format.format())
            .withEvidence("requestsLastHour", report.requests())
            .withEvidence(
                "statusLastHour",
                report.byStatus().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
    String time = results.get(0).evidence().get("requestTime");
    if (time != null) {
      result = result.withEvidence("requestTime", time);
    }
    if (report.ownProbeRequests() > 0) {
      String own = LogAnalysis.ownProbes(report.ownProbeRequests());
      result = result.withEvidence(LogAnalysis.OWN_PROBE_LINES, own);
      if (result.status() == Status.PASS) {
        result = result.withSummary(result.summary() + " (" + own + " set aside)");
      }
    }
    if (!notes.isEmpty()) {
      result = result.withEvidence("notes", String.join("; ", notes));
    }
    return result.withTested(Tested.LOGS).withFacts(report).redacted(context.redactor());
  }

  /** The log_format the configuration writes {@code file} with, or combined. */
  public static AccessLogFormat formatFor(Profile profile, Path file, List<String> notes) {
    String conf = profile.gateway().nginxConf();
    if (conf == null || conf.isBlank()) {
      return AccessLogFormat.combined();
    }
    try {
      List<NginxDirective> all = new ArrayList<>();
      flatten(NginxConfigParser.parse(Path.of(conf)).directives(), all);
      String name =
          all.stream()
              .filter(d -> d.name().equals("access_log") && Path.of(d.arg(0)).equals(file))
              .map(d -> d.args().size() > 1 ? d.arg(1) : "combined")
              .findFirst()
              .orElse("combined");
      if (name.equals("combined")) {
        return AccessLogFormat.combined();
      }
      for (NginxDirective d : all) {
        if (d.name().equals("log_format") && d.arg(0).equals(name)) {
          String text =
              d.args().stream()
                  .skip(1)
                  .filter(a -> !a.startsWith("escape="))
                  .collect(Collectors.joining());
          return AccessLogFormat.of(text);
        }
      }
      notes.add("log_format " + name + " not found in " + conf + "; read as combined");
    } catch (NginxConfigException | IllegalArgumentException e) {
      notes.add(
          "cannot take the log format from "
              + conf
              + " ("
              + e.getMessage()
              + "); read as combined");
    }
    return AccessLogFormat.combined();
  }

  private static void flatten(List<NginxDirective> ds, List<NginxDirective> out) {
    for (NginxDirective d : ds) {
      out.add(d);
      if (d.isBlock()) {
        flatten(d.children(), out);
      }
    }
  }
}
