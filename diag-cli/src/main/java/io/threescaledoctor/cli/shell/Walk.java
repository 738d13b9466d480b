package io.threescaledoctor.cli.shell;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.Cancellation;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.engine.Checklist;
import io.threescaledoctor.core.engine.Engine;
import io.threescaledoctor.core.engine.PlannedCheck;
import io.threescaledoctor.core.issue.GuideSections;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.report.ExitCode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The guided walk: hop by hop in the guide's order, run the hop's checks, show what they found and
 * the guide's advice, ask the engineer what the doctor cannot see, and ask before moving on. Each
 * hop becomes a step of the session report.
 */
final class Walk {
  /** The exit code of a walk the engineer stopped with Ctrl-C, as a shell reports SIGINT. */
  static final int INTERRUPTED = 130;

  private final Session session;
  private final CheckRegistry registry;
  private final KnownIssueCatalog catalog;
  private final Prompter prompter;
  private final PrintWriter out;
  private final Style style;
  private final int width;

  Walk(
      Session session,
      CheckRegistry registry,
      KnownIssueCatalog catalog,
      Prompter prompter,
      PrintWriter out,
      Style style,
      int width) {
    this.session = session;
    this.registry = registry;
    this.catalog = catalog;
    this.prompter = prompter;
    this.out = out;
    this.style = style;
    this.width = Math.max(40, Math.min(width, 110));
  }

  /** Walks from {@code from} to the client; returns the exit code of what was found. */
  int run(Hop from) {
    Hop[] hops = Hop.values();
    out.println(
        style.bold("Guided walk")
            + ": "
            + (hops.length - from.ordinal())
            + " hops from "
            + from.id()
            + " to the client, in the guide's order (§4.3)."
            + " Ctrl-C stops it.");
    for (int i = from.ordinal(); i < hops.length; i++) {
      Hop hop = hops[i];
      Optional<List<CheckResult>> results = walkHop(hop, i + 1, hops.length);
      if (results.isEmpty()) {
        return stopped(hop);
      }
      List<Session.Answer> answers = new ArrayList<>();
      for (HopGuide.ManualStep step : HopGuide.manualSteps(hop, session.profile())) {
        String question = session.redactor().mask(step.question());
        out.println(
            wrap(
                question + " (" + step.reference() + "; Enter to skip)",
                "  " + style.bold("?") + " ",
                "    "));
        out.flush();
        Optional<String> answer = prompter.ask("  > ");
        if (answer.isEmpty()) {
          session.recordWalkStep(new Session.WalkStep(hop, results.get(), answers));
          return stopped(hop);
        }
        answers.add(
            new Session.Answer(
                step.reference(), question, session.redactor().mask(answer.get().strip())));
      }
      session.recordWalkStep(new Session.WalkStep(hop, results.get(), answers));
      if (i + 1 < hops.length && !proceed(hops[i + 1])) {
        out.println(
            "Walk paused after "
                + hop.id()
                + ". Continue with 'walk --from "
                + hops[i + 1].id()
                + "'; 'report save FILE.md' writes it up.");
        return exitCode();
      }
    }
    out.println();
    out.println(style.bold("Walk finished.") + " " + summary(session.diagnosis()));
    out.println(
        "Next: 'findings' lists what failed; 'report save FILE.md' writes the session"
            + " up for a ticket.");
    return exitCode();
  }

  private Optional<List<CheckResult>> walkHop(Hop hop, int number, int of) {
    out.println();
    out.println(
        style.bold(
            "── "
                + number
                + "/"
                + of
                + "  "
                + hop.id()
                + " ("
                + hop.guideSection()
                + ")  "
                + hop.question()));
    out.flush();
    Profile profile = session.profile();
    // Selected by planned id, not by hop id: "gateway" and "api" also name endpoints, and an
    // endpoint selector would pull in checks of other hops.
    List<String> ids =
        Checklist.build(registry, profile).forHop(hop).stream().map(PlannedCheck::id).toList();
    List<CheckResult> results = new ArrayList<>();
    if (ids.isEmpty()) {
      out.println("  " + style.dim(whyNothingRuns(hop)));
    } else {
      Checklist checklist = Checklist.build(registry, profile, ids, Set.of());
      out.println(
          "  "
              + style.dim(
                  "running " + ids.size() + (ids.size() == 1 ? " check" : " checks") + "..."));
      out.flush();
      Cancellation cancellation = session.cancellation();
      Diagnosis d = Engine.builder().build().run(checklist, profile, cancellation);
      session.currentCommand("walk, hop " + hop.id());
      session.record(d);
      if (cancellation.isCancelled()) {
        return Optional.empty();
      }
      results.addAll(d.results().stream().filter(r -> r.hop() == hop).toList());
      results.forEach(this::print);
      if (results.isEmpty()) {
        out.println("  " + style.dim("No check of this hop applies to this profile."));
      }
    }
    printAdvice(hop, results);
    return Optional.of(results);
  }

  private String whyNothingRuns(Hop hop) {
    Set<String> keys = new LinkedHashSet<>();
    boolean any = false;
    for (Check c : registry.all()) {
      any |= c.endpoints().isEmpty() && c.hop() == hop;
      for (Endpoint e : c.endpoints()) {
        if (c.hop(e) == hop) {
          any = true;
          keys.add(Profile.endpointKey(e));
        }
      }
    }
    if (!any) {
      return "No automated check for this hop in this build.";
    }
    return "This hop's checks need "
        + String.join(" or ", keys)
        + ", which the profile does not set (set KEY VALUE).";
  }

  private void print(CheckResult r) {
    out.println("  " + style.status(r.status()) + " " + r.id() + "  " + r.summary());
    if (r.status() == Status.PASS || r.status() == Status.SKIP) {
      return;
    }
    for (Map.Entry<String, String> e : r.evidence().entrySet()) {
      out.println("        " + style.dim(e.getKey() + ": ") + e.getValue());
    }
    r.reproduce().ifPresent(c -> out.println("        " + style.dim("reproduce: ") + c));
  }

  private void printAdvice(Hop hop, List<CheckResult> results) {
    Set<String> lines = new LinkedHashSet<>();
    for (CheckResult r : results) {
      if (r.status() == Status.FAIL || r.status() == Status.WARN) {
        Optional<KnownIssue> issue = r.cause().flatMap(catalog::find);
        // The result's remedy speaks about this session's setup (the engine rendered it).
        issue.ifPresent(
            k -> lines.add(k.title() + " (" + k.id() + "): " + r.remedy().orElse(k.remedy())));
        if (issue.isEmpty()) {
          r.remedy().ifPresent(lines::add);
        }
      }
      if (r.status() == Status.SKIP && r.evidence().containsKey("missingInput")) {
        String key = r.evidence().get("missingInput");
        lines.add("To run " + r.id() + ", give it " + key + ": set " + key + " VALUE");
      }
    }
    lines.addAll(HopGuide.advice(hop));
    out.println("  " + style.bold(GuideSections.line(hop.guideSection()) + ":"));
    lines.forEach(l -> out.println(wrap(l, "    - ", "      ")));
    out.flush();
  }

  private boolean proceed(Hop next) {
    Optional<String> answer =
        prompter.ask("Continue to " + next.id() + " (" + next.guideSection() + ")? [Y/n] ");
    return answer.isPresent()
        && !answer.get().strip().toLowerCase().startsWith("n")
        && !answer.get().strip().toLowerCase().startsWith("q");
  }

  private int stopped(Hop hop) {
    out.println();
    out.println("Walk stopped at " + hop.id() + ". Resume with 'walk --from " + hop.id() + "'.");
    out.flush();
    return INTERRUPTED;
  }

  private int exitCode() {
    out.flush();
    return ExitCode.of(session.diagnosis());
  }

  /** {@code text} broken at spaces to the terminal's width, the first line after {@code lead}. */
  private String wrap(String text, String lead, String indent) {
    StringBuilder sb = new StringBuilder(lead);
    int column = lead.replaceAll("\u001b\\[[0-9;]*m", "").length();
    for (String word : text.split(" ")) {
      if (column + word.length() + 1 > width && column > indent.length()) {
        sb.append('\n').append(indent);
        column = indent.length();
      } else if (column > indent.length() && sb.charAt(sb.length() - 1) != ' ') {
        sb.append(' ');
        column++;
      }
      sb.append(word);
      column += word.length();
    }
    return sb.toString();
  }

  static String summary(Diagnosis d) {
    return switch (d.status()) {
      case HEALTHY -> "Nothing failed.";
      case DEGRADED -> "Warnings only.";
      case INCONCLUSIVE -> "Nothing failed, but some checks could not run.";
      case FAILING ->
          "Likely failure point: "
              + Optional.ofNullable(d.likelyFailurePoint()).map(Hop::id).orElse("?")
              + Optional.ofNullable(d.cause()).map(c -> " (" + c + ")").orElse("")
              + ".";
    };
  }
}
