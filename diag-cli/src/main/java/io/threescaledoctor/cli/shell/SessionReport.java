package io.threescaledoctor.cli.shell;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.report.ToolInfo;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The session written up in Markdown for a support ticket: the target (masked), the diagnosis, the
 * walk with the engineer's answers, and every check run with its status and evidence. Every line
 * passes through the session's redactor on its way out.
 */
final class SessionReport {
  private final Session session;

  SessionReport(Session session) {
    this.session = session;
  }

  String render() {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(ToolInfo.NAME).append(" session report\n\n");
    md.append("- Tool: ").append(ToolInfo.NAME).append(' ').append(ToolInfo.version()).append('\n');
    md.append("- Written: ").append(session.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
    md.append("- Profile file: ")
        .append(session.profileFile() == null ? "none" : code(session.profileFile().toString()))
        .append('\n');
    md.append("- Vantage: ").append(session.profile().vantage().id()).append("\n\n");
    target(md);
    diagnosis(md);
    walk(md);
    runs(md);
    return session.redactor().mask(md.toString());
  }

  private void target(StringBuilder md) {
    md.append("## Target\n\n");
    Map<String, String> values = session.values();
    if (values.isEmpty()) {
      md.append("No profile key is set.\n\n");
      return;
    }
    md.append("| Key | Value |\n|---|---|\n");
    values.forEach(
        (k, v) -> md.append("| ").append(k).append(" | ").append(code(v)).append(" |\n"));
    md.append('\n');
  }

  private void diagnosis(StringBuilder md) {
    md.append("## Diagnosis\n\n");
    if (session.runs().isEmpty()) {
      md.append("No check has run in this session.\n\n");
      return;
    }
    Diagnosis d = session.diagnosis();
    md.append("**").append(d.status()).append("**: ").append(Walk.summary(d)).append('\n');
    Optional.ofNullable(d.likelyFailurePoint())
        .ifPresent(
            h ->
                md.append("\n- Likely failure point: `")
                    .append(h.id())
                    .append("` (guide ")
                    .append(h.guideSection())
                    .append(")\n"));
    Optional.ofNullable(d.cause()).ifPresent(c -> md.append("- Cause: `").append(c).append("`\n"));
    if (d.explanation() != null && !d.explanation().isBlank()) {
      md.append("\n").append(d.explanation().strip()).append('\n');
    }
    if (!d.nextSteps().isEmpty()) {
      md.append("\nNext steps:\n\n");
      int n = 1;
      for (String step : d.nextSteps()) {
        md.append(n++).append(". ").append(oneLine(step)).append('\n');
      }
    }
    md.append(
        "\nHops (latest result of each check):\n\n| Hop | Guide | Status | Tested |\n"
            + "|---|---|---|---|\n");
    d.hops()
        .forEach(
            h ->
                md.append("| ")
                    .append(h.hop().id())
                    .append(" | ")
                    .append(h.hop().guideSection())
                    .append(" | ")
                    .append(h.status())
                    .append(" | ")
                    .append(h.tested())
                    .append(" |\n"));
    md.append('\n');
  }

  private void walk(StringBuilder md) {
    List<Session.WalkStep> steps = session.walkSteps();
    if (steps.isEmpty()) {
      return;
    }
    md.append("## Guided walk\n\n");
    for (Session.WalkStep step : steps) {
      Hop hop = step.hop();
      md.append("### ")
          .append(hop.ordinal() + 1)
          .append(". ")
          .append(hop.id())
          .append(" (")
          .append(hop.guideSection())
          .append("): ")
          .append(hop.question())
          .append("\n\n");
      if (step.results().isEmpty()) {
        md.append("No automated check ran for this hop.\n\n");
      } else {
        resultTable(md, step.results(), false);
      }
      for (Session.Answer a : step.answers()) {
        md.append("- **Asked** (")
            .append(a.reference())
            .append("): ")
            .append(oneLine(a.question()))
            .append("\n  **Engineer's answer**: ")
            .append(a.answer().isEmpty() ? "_not answered_" : oneLine(a.answer()))
            .append('\n');
      }
      if (!step.answers().isEmpty()) {
        md.append('\n');
      }
    }
  }

  private void runs(StringBuilder md) {
    List<Session.Run> runs = session.runs();
    if (runs.isEmpty()) {
      return;
    }
    md.append("## Checks run\n\n");
    for (Session.Run run : runs) {
      md.append("### `")
          .append(run.command().isBlank() ? "run" : run.command().replace('`', '\''))
          .append("` at ")
          .append(run.at().truncatedTo(ChronoUnit.SECONDS))
          .append(" (")
          .append(run.diagnosis().status())
          .append(")\n\n");
      if (run.diagnosis().results().isEmpty()) {
        md.append("No check applied to the profile at the time.\n\n");
        continue;
      }
      resultTable(md, run.diagnosis().results(), true);
      for (CheckResult r : run.diagnosis().results()) {
        if (r.evidence().isEmpty() && r.cause().isEmpty() && r.reproduce().isEmpty()) {
          continue;
        }
        md.append("- `")
            .append(r.id())
            .append("` ")
            .append(r.status())
            .append(": ")
            .append(oneLine(r.summary()))
            .append('\n');
        r.evidence()
            .forEach(
                (k, v) -> md.append("  - ").append(k).append(": ").append(code(v)).append('\n'));
        r.cause().ifPresent(c -> md.append("  - cause: `").append(c).append("`\n"));
        r.remedy().ifPresent(c -> md.append("  - remedy: ").append(oneLine(c)).append('\n'));
        r.reproduce().ifPresent(c -> md.append("  - reproduce: ").append(code(c)).append('\n'));
      }
      md.append('\n');
    }
  }

  private static void resultTable(StringBuilder md, List<CheckResult> results, boolean hop) {
    md.append(
        hop
            ? "| Check | Hop | Status | Summary |\n|---|---|---|---|\n"
            : "| Check | Status | Summary |\n|---|---|---|\n");
    for (CheckResult r : results) {
      md.append("| `").append(r.id()).append("` | ");
      if (hop) {
        md.append(r.hop().id()).append(" | ");
      }
      md.append(r.status()).append(" | ").append(cell(r.summary())).append(" |\n");
    }
    md.append('\n');
  }

  private static String cell(String text) {
    return oneLine(text).replace("|", "\\|");
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** Inline code that survives backticks and pipes in the value. */
  private static String code(String text) {
    String v = oneLine(text).replace("|", "\\|");
    String fence = v.contains("`") ? "`` " : "`";
    return fence + v + (fence.length() > 1 ? " ``" : "`");
  }
}
