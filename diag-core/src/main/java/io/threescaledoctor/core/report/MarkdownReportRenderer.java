package io.threescaledoctor.core.report;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.DependencyReport;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.HopReport;
import io.threescaledoctor.core.diagnosis.OtherFailure;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.io.Writer;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A report to paste into a support ticket: the diagnosis first (verdict, likely failure point,
 * cause, next steps), then the chain diagram and the hop table, then the evidence of every check
 * per hop, then timings. Every string passes once more through the pattern-based redactor, so a
 * credential parameter or URL user-info that reached the diagnosis unmasked is masked here.
 */
public final class MarkdownReportRenderer implements ReportRenderer {
  private final KnownIssueCatalog catalog;
  private final Profile target;

  /** A renderer without a target section, naming causes from the standard catalog. */
  public MarkdownReportRenderer() {
    this(KnownIssueCatalog.standard(), null);
  }

  /**
   * A renderer that also shows what was examined: {@code target}'s endpoints and credentials,
   * masked.
   */
  public MarkdownReportRenderer(Profile target) {
    this(KnownIssueCatalog.standard(), target);
  }

  /**
   * @param catalog where cause titles come from
   * @param target the profile examined, or null to leave the target section out
   */
  public MarkdownReportRenderer(KnownIssueCatalog catalog, Profile target) {
    this.catalog = catalog;
    this.target = target;
  }

  @Override
  public void render(Diagnosis diagnosis, Writer out) throws IOException {
    Diagnosis d = Masking.again(diagnosis);
    StringBuilder sb = new StringBuilder();
    sb.append("# ")
        .append(ToolInfo.NAME)
        .append(" report: ")
        .append(d.status().name())
        .append("\n\n");
    Optional.ofNullable(d.likelyFailurePoint())
        .ifPresent(
            h ->
                sb.append("**Likely failure point:** `")
                    .append(h.id())
                    .append("` - ")
                    .append(text(h.question()))
                    .append(" (guide ")
                    .append(h.guideSection())
                    .append(")  \n"));
    List<String> failingDependencies = Chain.failingDependencies(d);
    if (Optional.ofNullable(d.likelyFailurePoint()).isEmpty() && !failingDependencies.isEmpty()) {
      sb.append("**Failing application dependency:** `")
          .append(String.join("`, `", failingDependencies))
          .append("` (beside the chain; no hop is to blame)  \n");
    }
    Optional.ofNullable(d.cause())
        .ifPresent(
            c ->
                sb.append("**Cause:** `")
                    .append(c)
                    .append('`')
                    .append(catalog.find(c).map(i -> " - " + text(i.title())).orElse(""))
                    .append("  \n"));
    sb.append("**Explanation:** ").append(text(d.explanation())).append("\n\n");
    if (!d.otherFailures().isEmpty()) {
      sb.append("**Also failing on its own:**\n\n");
      for (OtherFailure o : d.otherFailures()) {
        sb.append("- `")
            .append(o.hop().id())
            .append('`')
            .append(o.cause() == null ? "" : " (`" + o.cause() + "`)")
            .append(": ")
            .append(text(o.summary()))
            .append(" - `")
            .append(o.checkId())
            .append("`\n");
      }
      sb.append('\n');
    }
    if (!d.nextSteps().isEmpty()) {
      sb.append("## Next steps\n\n");
      int i = 1;
      for (String step : d.nextSteps()) {
        sb.append(i++).append(". ").append(text(step)).append('\n');
      }
      sb.append('\n');
    }
    if (target != null) {
      sb.append("## Target\n\n| key | value |\n|---|---|\n");
      Target.rows(target)
          .forEach(
              (k, v) ->
                  sb.append("| ")
                      .append(k)
                      .append(" | `")
                      .append(v.replace("`", "'").replace("|", "\\|"))
                      .append("` |\n"));
      sb.append('\n');
    }
    appendChain(sb, d);
    appendEvidence(sb, d);
    appendTimings(sb, d);
    sb.append("---\n")
        .append(ToolInfo.NAME)
        .append(' ')
        .append(ToolInfo.version())
        .append(" · started ")
        .append(d.startedAt().truncatedTo(ChronoUnit.SECONDS))
        .append(" · vantage ")
        .append(d.vantage().id())
        .append(
            Optional.ofNullable(d.vantageInferredFrom())
                .map(why -> " (inferred: " + text(why) + ")")
                .orElse(""))
        .append(" · took ")
        .append(d.durationMillis())
        .append(" ms · ")
        .append(TextReportRenderer.summaryCounts(d))
        .append(" · secrets masked\n");
    out.write(sb.toString());
    out.flush();
  }

  private void appendChain(StringBuilder sb, Diagnosis d) {
    sb.append("## Chain\n\n```\n").append(TextReportRenderer.plainDiagram(d)).append("```\n\n");
    sb.append("| hop | verdict | tested | guide | question |\n|---|---|---|---|---|\n");
    for (HopReport h : d.hops()) {
      boolean notTested = Chain.notTested(h);
      sb.append("| `")
          .append(h.hop().id())
          .append("` | ")
          .append(notTested ? "-" : "**" + h.status().name() + "**")
          .append(h.hop() == d.likelyFailurePoint() ? " (likely failure point)" : "")
          .append(" | ")
          .append(notTested ? "not tested: " + cell(Chain.whyNotTested(d, h.hop())) : h.tested())
          .append(" | ")
          .append(h.hop().guideSection())
          .append(" | ")
          .append(cell(h.hop().question()))
          .append(" |\n");
    }
    for (DependencyReport dep : d.dependencies()) {
      sb.append("| `")
          .append(dep.dependency().id())
          .append("` | **")
          .append(dep.status().name())
          .append("** | application dependency beside `")
          .append(dep.beside().id())
          .append("` | - | ")
          .append(cell(dep.dependency().description()))
          .append(" |\n");
    }
    sb.append('\n');
  }

  private void appendEvidence(StringBuilder sb, Diagnosis d) {
    sb.append("## Evidence per hop\n");
    List<String> notTested = new ArrayList<>();
    for (HopReport h : d.hops()) {
      if (Chain.notTested(h)) {
        notTested.add("`" + h.hop().id() + "`");
        continue;
      }
      sb.append("\n### ")
          .append(h.hop().id())
          .append(": ")
          .append(h.status().name())
          .append(h.hop() == d.likelyFailurePoint() ? " (likely failure point)" : "")
          .append("\n\n");
      for (CheckResult r : Chain.resultsOf(d, h.hop())) {
        appendResult(sb, r);
      }
    }
    for (DependencyReport dep : d.dependencies()) {
      sb.append("\n### ")
          .append(dep.dependency().id())
          .append(": ")
          .append(dep.status().name())
          .append(" (application dependency beside ")
          .append(dep.beside().id())
          .append(")\n\n");
      for (CheckResult r : d.dependencyResults(dep.dependency().id())) {
        appendResult(sb, r);
      }
    }
    if (!notTested.isEmpty()) {
      sb.append("\nNot tested: ")
          .append(String.join(", ", notTested))
          .append(" (see the chain table for why).\n");
    }
    sb.append('\n');
  }

  private void appendResult(StringBuilder sb, CheckResult r) {
    sb.append("- **")
        .append(r.status().name())
        .append("** `")
        .append(r.id())
        .append("`: ")
        .append(text(r.summary()))
        .append('\n');
    for (CheckResult.Finding f : r.findings()) {
      sb.append("  - ")
          .append(f.status().name())
          .append(' ')
          .append(f.cause() == null ? "" : "`" + f.cause() + "`: ")
          .append(text(f.summary()))
          .append('\n');
    }
    if (r.status() == Status.SKIP) {
      return;
    }
    List<String> lines = new ArrayList<>();
    r.cause().ifPresent(c -> lines.add(line("cause", c)));
    for (Map.Entry<String, String> e : r.evidence().entrySet()) {
      if (!Timing.KEYS.contains(e.getKey())) {
        lines.add(line(e.getKey(), e.getValue()));
      }
    }
    if (!lines.isEmpty()) {
      sb.append("  ```\n");
      for (String l : lines) {
        sb.append("  ")
            .append(l.replace("```", "'''").replace("\n", "\n" + " ".repeat(14)))
            .append('\n');
      }
      sb.append("  ```\n");
    }
    Optional<String> remedy = r.remedy();
    if (remedy.isPresent() && r.status() != Status.PASS) {
      sb.append("  Remedy: ")
          .append(text(remedy.get()))
          .append(r.reference().map(ref -> " (guide " + ref + ")").orElse(""))
          .append('\n');
    }
    r.reproduce()
        .ifPresent(c -> sb.append("  Reproduce: `").append(c.replace("`", "'")).append("`\n"));
  }

  private static void appendTimings(StringBuilder sb, Diagnosis d) {
    List<Timing> timings = Timing.of(d.results());
    if (timings.isEmpty()) {
      return;
    }
    sb.append("## Timings (ms)\n\n| check | total | dns | connect | tls | first byte |\n")
        .append("|---|--:|--:|--:|--:|--:|\n");
    for (Timing t : timings) {
      sb.append("| `").append(t.id()).append("` | ").append(t.totalMillis());
      for (String phase : List.of("dns", "connect", "tls", "first byte")) {
        sb.append(" | ")
            .append(
                t.phases().stream()
                    .filter(p -> p.name().equals(phase))
                    .findFirst()
                    .map(p -> String.valueOf(p.millis()))
                    .orElse(""));
      }
      sb.append(" |\n");
    }
    sb.append('\n');
  }

  private static String line(String key, String value) {
    return String.format("%-11s %s", key, value);
  }

  /** Masks, and escapes what Markdown would otherwise read as markup (HTML tags, emphasis). */
  private static String text(String s) {
    return s.replaceAll("([\\\\`*_\\[\\]<>|#])", "\\\\$1");
  }

  private static String cell(String s) {
    return text(s).replace("\n", " ");
  }
}
