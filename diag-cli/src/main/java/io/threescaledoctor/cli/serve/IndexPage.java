package io.threescaledoctor.cli.serve;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.DiagnosisStatus;
import io.threescaledoctor.core.fleet.ProfileState;
import io.threescaledoctor.core.fleet.ReloadReport;
import io.threescaledoctor.core.fleet.Scheduler;
import io.threescaledoctor.core.profile.Durations;
import io.threescaledoctor.core.report.ToolInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code serve}'s front page: every profile with its last verdict, likely failure point and cause,
 * when it ran and runs next, links to its reports, and each profile that does not load with the
 * reason. Failing profiles come first. Self-contained HTML, no script; it refreshes itself every
 * half minute. Every string is escaped and masked.
 */
final class IndexPage {
  private IndexPage() {}

  static String render(Scheduler scheduler, Serve.Settings settings, Instant now) {
    List<ProfileState> profiles = scheduler.profiles();
    StringBuilder sb = new StringBuilder(4096 + profiles.size() * 512);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"refresh\" content=\"30\">\n")
        .append("<title>3scale-doctor serve</title>\n<style>\n")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}\n")
        .append("table{border-collapse:collapse}th,td{padding:.3em .7em;text-align:left;")
        .append("border-bottom:1px solid #ddd;vertical-align:top}\n")
        .append(".FAILING,.broken{color:#b00020;font-weight:bold}.DEGRADED{color:#a05a00}")
        .append(".HEALTHY{color:#1b7f3b}.INCONCLUSIVE{color:#6a1b9a}.pending{color:#777}\n")
        .append("small{color:#666}code{font-size:90%}\n</style>\n</head>\n<body>\n");
    sb.append("<h1>3scale-doctor serve</h1>\n<p>")
        .append(esc(ToolInfo.NAME + " " + ToolInfo.version()))
        .append(" &middot; ")
        .append(profiles.size())
        .append(" profile(s), ")
        .append(esc(settings.describe()))
        .append(" &middot; <a href=\"/metrics\">/metrics</a> &middot; ")
        .append("<a href=\"/-/ready\">/-/ready</a> &middot; <a href=\"/-/healthy\">/-/healthy</a>")
        .append("</p>\n");
    sb.append("<p>").append(esc(summary(profiles))).append("</p>\n");
    scheduler.lastReload().ifPresent(r -> sb.append(reload(r, now)));
    sb.append("<table>\n<tr><th>Profile</th><th>Verdict</th><th>Likely failure point</th>")
        .append("<th>Cause</th><th>Last run</th><th>Took</th><th>Next run</th><th>Runs</th>")
        .append("<th>Reports</th></tr>\n");
    profiles.stream()
        .sorted(
            (a, b) ->
                a.valid() != b.valid()
                    ? (a.valid() ? 1 : -1)
                    : rank(a) != rank(b) ? rank(a) - rank(b) : a.name().compareTo(b.name()))
        .forEach(p -> row(sb, p, now));
    sb.append("</table>\n<p><small>Probe one profile now: <code>/probe?target=PROFILE</code>")
        .append(" (add <code>&amp;only=HOP</code> for one hop). Reports: <code>/report/PROFILE.")
        .append("json|html|txt|md|xml</code>.</small></p>\n</body>\n</html>\n");
    return sb.toString();
  }

  private static String summary(List<ProfileState> profiles) {
    Map<DiagnosisStatus, Integer> counts = new EnumMap<>(DiagnosisStatus.class);
    int pending = 0;
    int broken = 0;
    for (ProfileState p : profiles) {
      if (!p.valid()) {
        broken++;
      }
      if (p.lastDiagnosis() == null) {
        pending += p.doctor() == null ? 0 : 1;
      } else {
        counts.merge(p.lastDiagnosis().status(), 1, Integer::sum);
      }
    }
    StringBuilder s = new StringBuilder();
    for (DiagnosisStatus st :
        List.of(
            DiagnosisStatus.FAILING,
            DiagnosisStatus.INCONCLUSIVE,
            DiagnosisStatus.DEGRADED,
            DiagnosisStatus.HEALTHY)) {
      s.append(counts.getOrDefault(st, 0)).append(' ').append(st.name()).append(", ");
    }
    return s.append(pending)
        .append(" not run yet, ")
        .append(broken)
        .append(" that do not load")
        .toString();
  }

  private static String reload(ReloadReport r, Instant now) {
    return "<p>Profiles read "
        + esc(ago(r.at(), now))
        + ": "
        + (r.sourceError() != null
            ? "<span class=\"broken\">cannot read them: " + esc(r.sourceError()) + "</span>"
            : r.successful()
                ? "every profile loads"
                : "<span class=\"broken\">" + r.broken().size() + " do not load</span>")
        + "</p>\n";
  }

  /** Failing first, then what cannot be judged, warnings, not run yet, healthy. */
  private static int rank(ProfileState p) {
    Diagnosis d = p.lastDiagnosis();
    if (d == null) {
      return 3;
    }
    return switch (d.status()) {
      case FAILING -> 0;
      case INCONCLUSIVE -> 1;
      case DEGRADED -> 2;
      case HEALTHY -> 4;
    };
  }

  private static void row(StringBuilder sb, ProfileState p, Instant now) {
    String link = URLEncoder.encode(p.name(), StandardCharsets.UTF_8).replace("+", "%20");
    Diagnosis d = p.lastDiagnosis();
    sb.append("<tr><td>").append(esc(p.name()));
    if (p.source() != null) {
      sb.append("<br><small>").append(esc(p.source())).append("</small>");
    }
    sb.append("</td>");
    if (!p.valid()) {
      sb.append("<td class=\"broken\">does not load</td><td colspan=\"7\">")
          .append(esc(p.loadError()))
          .append(
              p.doctor() == null
                  ? "<br><small>Not running.</small>"
                  : "<br><small>Still running as it last loaded.</small>")
          .append("</td></tr>\n");
      return;
    }
    if (d == null) {
      sb.append("<td class=\"pending\">not run yet</td><td></td><td></td><td></td><td></td>")
          .append("<td>")
          .append(esc(p.nextRunAtIfAny().map(t -> in(now, t)).orElse("")))
          .append("</td><td>0</td><td></td></tr>\n");
      return;
    }
    sb.append("<td class=\"")
        .append(d.status().name())
        .append("\">")
        .append(d.status().name())
        .append("</td><td>")
        .append(esc(Optional.ofNullable(d.likelyFailurePoint()).map(Hop::id).orElse("")))
        .append("</td><td>")
        .append(esc(Optional.ofNullable(d.cause()).orElse("")))
        .append("</td><td>")
        .append(esc(ago(d.startedAt(), now)))
        .append("</td><td>")
        .append(esc(Durations.format(Duration.ofMillis(d.durationMillis()))))
        .append("</td><td>")
        .append(esc(p.nextRunAtIfAny().map(t -> in(now, t)).orElse("")))
        .append("</td><td>")
        .append(p.runs());
    if (p.skippedRuns() > 0) {
      sb.append(" <small>(").append(p.skippedRuns()).append(" skipped)</small>");
    }
    sb.append("</td><td>");
    for (String ext : List.of("html", "json", "txt")) {
      sb.append("<a href=\"/report/")
          .append(esc(link))
          .append('.')
          .append(ext)
          .append("\">")
          .append(ext)
          .append("</a> ");
    }
    sb.append("</td></tr>\n");
  }

  private static String ago(Instant then, Instant now) {
    long s = Math.max(0, ChronoUnit.SECONDS.between(then, now));
    return then.truncatedTo(ChronoUnit.SECONDS) + " (" + s + " s ago)";
  }

  private static String in(Instant now, Instant then) {
    return "in " + Math.max(0, ChronoUnit.SECONDS.between(now, then)) + " s";
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    String masked = Redactor.patternsOnly().mask(s);
    StringBuilder out = new StringBuilder(masked.length() + 16);
    for (int i = 0; i < masked.length(); i++) {
      char c = masked.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
