package io.threescaledoctor.checks.logs;

import io.threescaledoctor.checks.nginx.NginxConfigException;
import io.threescaledoctor.checks.nginx.NginxConfigParser;
import io.threescaledoctor.checks.nginx.NginxDirective;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.profile.Profile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code gateway.accesslog}: what the gateway answered in the last hour, from its access log
 * ({@code gateway.accessLog}; the format is read from {@code gateway.nginxConf}'s {@code
 * log_format} when it names one, else nginx's {@code combined}). A high share of 5xx FAILs; a high
 * share of 401/403 (credentials), 404 (no mapping rule) or any 429 (limits) WARNs.
 */
public final class NginxAccessLogCheck implements Check {
  public static final double FAIL_5XX_SHARE = 0.20;
  static final double WARN_SHARE = 0.20;
  public static final int MIN_REQUESTS = 5;

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
    return "The gateway's access log shows no burst of 5xx, 401/403, 404 or 429 answers in the"
        + " last hour";
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
    AccessLogReport recent =
        new AccessLogAnalyzer(format)
            .window(now.minus(ErrorLogWindow.DEFAULT_RECENT), null)
            .analyze(List.of(LogSource.file(file)));
    notes.addAll(recent.notes());
    if (recent.notes().stream()
        .anyMatch(n -> n.endsWith("no such file") || n.contains("cannot read"))) {
      return CheckResult.error(
              "cannot read gateway.accessLog " + file + ": " + String.join("; ", recent.notes()))
          .withTested(Tested.LOGS);
    }
    CheckResult result = judge(recent);
    result =
        result
            .withEvidence("file", file)
            .withEvidence("format", format.format())
            .withEvidence("requestsLastHour", recent.requests())
            .withEvidence(
                "statusLastHour",
                recent.byStatus().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")));
    if (!recent.slowest().isEmpty()) {
      result =
          result.withEvidence(
              "slowestPaths",
              recent.slowest().stream()
                  .map(
                      p ->
                          String.format(
                              Locale.ROOT,
                              "%s max %.3fs avg %.3fs (%d)",
                              p.path(),
                              p.maxSeconds(),
                              p.averageSeconds(),
                              p.requests()))
                  .collect(Collectors.joining("; ")));
    }
    if (!notes.isEmpty()) {
      result = result.withEvidence("notes", String.join("; ", notes));
    }
    return result.withTested(Tested.LOGS).withFacts(recent).redacted(context.redactor());
  }

  static CheckResult judge(AccessLogReport r) {
    long n = r.requests();
    if (n == 0) {
      return CheckResult.pass("no request in the last hour");
    }
    long errors = r.count(500, 599);
    if (errors >= MIN_REQUESTS && r.share(500, 599) >= FAIL_5XX_SHARE) {
      return CheckResult.fail(
              percent(r.share(500, 599))
                  + " of "
                  + n
                  + " requests in the last"
                  + " hour got 5xx ("
                  + errors
                  + ")")
          .withCause("gateway-error-responses")
          .withEvidence("share5xx", percent(r.share(500, 599)));
    }
    long auth = r.count(401, 401) + r.count(403, 403);
    if (auth >= MIN_REQUESTS && (double) auth / n >= WARN_SHARE) {
      return CheckResult.warn(
              percent((double) auth / n)
                  + " of "
                  + n
                  + " requests in the last"
                  + " hour were refused with 401/403 (credentials missing or invalid)")
          .withCause("credentials-invalid");
    }
    long notFound = r.count(404, 404);
    if (notFound >= MIN_REQUESTS && (double) notFound / n >= WARN_SHARE) {
      return CheckResult.warn(
              percent((double) notFound / n)
                  + " of "
                  + n
                  + " requests in the"
                  + " last hour got 404 (no mapping rule matched, or unknown path)")
          .withCause("mapping-rule-no-match");
    }
    long limited = r.count(429, 429);
    if (limited > 0) {
      return CheckResult.warn(
              limited
                  + " of "
                  + n
                  + " requests in the last hour got 429"
                  + " (usage limits exceeded)")
          .withCause("limits-exceeded");
    }
    return CheckResult.pass(
        n + " requests in the last hour, " + percent(r.share(500, 599)) + " 5xx");
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
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
