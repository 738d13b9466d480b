package io.threescaledoctor.core.report;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.DependencyReport;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.HopReport;
import io.threescaledoctor.core.diagnosis.OtherFailure;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report a person reads in a terminal: a small diagram of the chain with each hop's verdict and
 * the likely failure point, then the tested hops in the guide's order with each result on one line
 * (the evidence of anything not PASS beneath it; skips that need no action share one line), one
 * line for the hops nothing tested, a timing waterfall, and last the diagnosis and next steps.
 * Colour only when asked for (the CLI asks on a TTY unless {@code NO_COLOR} is set).
 */
public final class TextReportRenderer implements ReportRenderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String MAGENTA = "\u001b[35m";
  private static final int LINK_WIDTH = 12;
  private static final int BAR_WIDTH = 32;

  private final boolean color;
  private final boolean verbose;

  /**
   * @param color whether to use ANSI colours
   * @param verbose whether to show the evidence of passing checks and every skipped check too
   */
  public TextReportRenderer(boolean color, boolean verbose) {
    this.color = color;
    this.verbose = verbose;
  }

  @Override
  public void render(Diagnosis diagnosis, Writer out) throws IOException {
    Diagnosis d = Masking.again(diagnosis);
    StringBuilder sb = new StringBuilder();
    sb.append(paint(BOLD, ToolInfo.NAME + " " + ToolInfo.version()))
        .append(
            paint(
                DIM,
                "  vantage: "
                    + d.vantage().id()
                    + Optional.ofNullable(d.vantageInferredFrom())
                        .map(why -> " (inferred: " + why + ")")
                        .orElse("")
                    + "  took "
                    + d.durationMillis()
                    + " ms"))
        .append("\n\n");
    sb.append(diagram(d));
    sb.append(paint(DIM, "  each hop: ok, warn, FAIL, ERR (could not check), ? (not tested)"))
        .append('\n');
    appendHops(sb, d);
    appendTimings(sb, d);
    appendDiagnosis(sb, d);
    out.write(sb.toString());
    out.flush();
  }

  /** The three lines of the chain diagram, without colour, for the other text-like reports. */
  static String plainDiagram(Diagnosis d) {
    return new TextReportRenderer(false, false).diagram(d);
  }

  // client[ok] ---ok----> gateway[ok] ===FAIL==> 3scale[ok]  <- likely failure point: ...
  //                          |
  //                          +-----ok----> api[ok]
  private String diagram(Diagnosis d) {
    StringBuilder sb = new StringBuilder();
    Line top = new Line("  ");
    top.node(d, Hop.CLIENT).link(d, Hop.CLIENT_GATEWAY);
    int branch = top.width + 2;
    top.node(d, Hop.GATEWAY).link(d, Hop.GATEWAY_3SCALE).node(d, Hop.THREESCALE);
    Line down = new Line(" ".repeat(branch)).text("|");
    Line bottom = new Line(" ".repeat(branch)).text("+-").link(d, Hop.GATEWAY_API).node(d, Hop.API);
    sb.append(
            top.annotate(
                d,
                List.of(
                    Hop.CLIENT,
                    Hop.CLIENT_GATEWAY,
                    Hop.GATEWAY,
                    Hop.GATEWAY_3SCALE,
                    Hop.THREESCALE)))
        .append('\n');
    sb.append(down.sb).append('\n');
    sb.append(bottom.annotate(d, List.of(Hop.GATEWAY_API, Hop.API))).append('\n');
    appendDependencyDiagram(sb, d);
    return sb.toString();
  }

  //   beside the chain (application dependencies):
  //     api ....> session-store[FAIL]  <- failing dependency
  private void appendDependencyDiagram(StringBuilder sb, Diagnosis d) {
    List<DependencyReport> dependencies = d.dependencies();
    if (dependencies.isEmpty()) {
      return;
    }
    sb.append(paint(DIM, "  beside the chain (application dependencies, never a hop's fault):"))
        .append('\n');
    for (DependencyReport r : dependencies) {
      Chain.Mark mark = Chain.mark(r);
      Line line = new Line("    ").text(r.beside().id()).text(" ....> ").text(r.dependency().id());
      line.text("[").painted(colourOf(mark), mark.label).text("]");
      sb.append(line.sb);
      if (r.status() == Status.FAIL) {
        sb.append(paint(RED + BOLD, "  <- failing dependency"));
      }
      sb.append('\n');
    }
  }

  /** One line of the diagram, tracking its visible width apart from colour codes. */
  private final class Line {
    final StringBuilder sb = new StringBuilder();
    int width;

    Line(String start) {
      text(start);
    }

    Line text(String s) {
      sb.append(s);
      width += s.length();
      return this;
    }

    Line painted(String code, String s) {
      sb.append(paint(code, s));
      width += s.length();
      return this;
    }

    Line node(Diagnosis d, Hop hop) {
      Chain.Mark mark = Chain.mark(d, hop);
      boolean failurePoint = hop == d.likelyFailurePoint();
      text(hop.id()).text("[");
      painted(failurePoint ? RED + BOLD : colourOf(mark), mark.label);
      return text("]");
    }

    Line link(Diagnosis d, Hop hop) {
      Chain.Mark mark = Chain.mark(d, hop);
      boolean failurePoint = hop == d.likelyFailurePoint();
      char fill = failurePoint ? '=' : '-';
      int room = LINK_WIDTH - 3 - mark.label.length();
      int left = room / 2;
      String s =
          (width > 0 && sb.charAt(sb.length() - 1) == '-' ? "" : " ")
              + String.valueOf(fill).repeat(left)
              + mark.label
              + String.valueOf(fill).repeat(room - left)
              + "> ";
      return painted(failurePoint ? RED + BOLD : colourOf(mark), s);
    }

    String annotate(Diagnosis d, List<Hop> onThisLine) {
      if (d.likelyFailurePoint() != null && onThisLine.contains(d.likelyFailurePoint())) {
        return sb + paint(RED + BOLD, "  <- likely failure point: " + d.likelyFailurePoint().id());
      }
      return sb.toString();
    }
  }

  private void appendHops(StringBuilder sb, Diagnosis d) {
    int idWidth = d.results().stream().mapToInt(r -> r.id().length()).max().orElse(10);
    List<String> notTested = new ArrayList<>();
    for (HopReport h : d.hops()) {
      List<CheckResult> results = Chain.resultsOf(d, h.hop());
      if (Chain.notTested(h) && !verbose) {
        notTested.add(h.hop().id() + " (" + Chain.whyNotTested(d, h.hop()) + ")");
        continue;
      }
      sb.append('\n');
      sb.append(paint(BOLD, pad(h.hop().id(), 16)))
          .append(statusWord(h.status(), h.tested()))
          .append(paint(DIM, "  " + h.hop().question() + " (" + h.hop().guideSection() + ")"));
      if (h.hop() == d.likelyFailurePoint()) {
        sb.append(paint(RED + BOLD, "  <- likely failure point"));
      }
      sb.append('\n');
      appendResults(sb, d, results, idWidth);
    }
    for (DependencyReport dep : d.dependencies()) {
      sb.append('\n');
      sb.append(paint(BOLD, pad(dep.dependency().id(), 16)))
          .append(statusWord(dep.status(), HopReport.DIRECT))
          .append(
              paint(
                  DIM,
                  "  application dependency beside "
                      + dep.beside().id()
                      + ": "
                      + dep.dependency().description()))
          .append('\n');
      appendResults(sb, d, d.dependencyResults(dep.dependency().id()), idWidth);
    }
    if (!notTested.isEmpty()) {
      sb.append('\n')
          .append(paint(BOLD, pad("not tested", 16)))
          .append(paint(DIM, String.join("; ", notTested)))
          .append('\n');
    }
  }

  private void appendResults(
      StringBuilder sb, Diagnosis d, List<CheckResult> results, int idWidth) {
    List<String> quietSkips = new ArrayList<>();
    for (CheckResult r : results) {
      if (!verbose && r.status() == Status.SKIP && !telling(d, r)) {
        quietSkips.add(r.id());
        continue;
      }
      sb.append("  ")
          .append(symbol(r.status()))
          .append(' ')
          .append(pad(r.id(), idWidth + 2))
          .append(r.summary())
          .append('\n');
      for (CheckResult.Finding f : r.findings()) {
        sb.append("      - ")
            .append(paintFor(f.status(), f.status().name()))
            .append(' ')
            .append(f.cause() == null ? "" : f.cause() + ": ")
            .append(f.summary())
            .append('\n');
      }
      if (verbose || (r.status() != Status.PASS && r.status() != Status.SKIP)) {
        appendDetails(sb, r);
      }
    }
    if (!quietSkips.isEmpty()) {
      sb.append("  ")
          .append(symbol(Status.SKIP))
          .append(' ')
          .append(paint(DIM, String.join(", ", quietSkips) + "  (-v shows why)"))
          .append('\n');
    }
  }

  /**
   * Whether a skip says something: a profile key to set, or a failure that kept the check from
   * running. Skips for what does not apply (no TLS on an http:// URL) share one line.
   */
  private static boolean telling(Diagnosis d, CheckResult skip) {
    if (skip.evidence().containsKey("missingInput")) {
      return true;
    }
    String blocker = skip.evidence().get("blockedBy");
    return blocker != null && d.result(blocker).map(b -> b.status() != Status.SKIP).orElse(true);
  }

  private void appendDetails(StringBuilder sb, CheckResult r) {
    String indent = "      ";
    // The waterfall shows the timing keys; without -v they would only repeat it.
    List<Map.Entry<String, String>> evidence =
        r.evidence().entrySet().stream()
            .filter(e -> verbose || !Timing.KEYS.contains(e.getKey()))
            .toList();
    int keyWidth =
        Math.max(10, evidence.stream().mapToInt(e -> e.getKey().length()).max().orElse(0)) + 1;
    r.cause()
        .ifPresent(
            c ->
                sb.append(indent)
                    .append(paint(DIM, padTo("cause", keyWidth)))
                    .append(c)
                    .append('\n'));
    for (Map.Entry<String, String> e : evidence) {
      String value = e.getValue().replace("\n", "\n" + indent + " ".repeat(keyWidth));
      sb.append(indent).append(paint(DIM, padTo(e.getKey(), keyWidth))).append(value).append('\n');
    }
    r.remedy()
        .ifPresent(
            m ->
                sb.append(indent)
                    .append(paint(DIM, padTo("remedy", keyWidth)))
                    .append(m)
                    .append(r.reference().map(ref -> " (guide " + ref + ")").orElse(""))
                    .append('\n'));
    r.reproduce()
        .ifPresent(
            c ->
                sb.append(indent)
                    .append(paint(DIM, padTo("reproduce", keyWidth)))
                    .append(c)
                    .append('\n'));
  }

  // api.http.request   48 ms  ddcccttttwwwwwwwwwwww=====
  private void appendTimings(StringBuilder sb, Diagnosis d) {
    List<Timing> timings = Timing.of(d.results());
    if (timings.isEmpty()) {
      return;
    }
    long longest = timings.stream().mapToLong(Timing::totalMillis).max().orElse(1);
    int idWidth = timings.stream().mapToInt(t -> t.id().length()).max().orElse(10);
    int msWidth = String.valueOf(longest).length();
    sb.append('\n')
        .append(paint(BOLD, "Timings"))
        .append(paint(DIM, "  (longest " + longest + " ms = " + BAR_WIDTH + " columns)"))
        .append('\n');
    boolean detailed = false;
    for (Timing t : timings) {
      detailed |= t.detailed();
      sb.append("  ")
          .append(padTo(t.id(), idWidth + 1))
          .append(" ".repeat(msWidth - String.valueOf(t.totalMillis()).length()))
          .append(t.totalMillis())
          .append(" ms  ");
      int used = 0;
      StringBuilder bar = new StringBuilder();
      for (Timing.Phase p : t.phases()) {
        int cells = (int) Math.max(1, Math.round((double) p.millis() * BAR_WIDTH / longest));
        cells = Math.min(cells, BAR_WIDTH - used);
        bar.append(String.valueOf(p.symbol()).repeat(Math.max(0, cells)));
        used += Math.max(0, cells);
      }
      sb.append(paintFor(t.status(), bar.toString()));
      if (t.detailed()) {
        sb.append(" ".repeat(BAR_WIDTH - used + 2)).append(paint(DIM, phaseList(t)));
      }
      sb.append('\n');
    }
    if (detailed) {
      sb.append(paint(DIM, "  d dns  c connect  t tls  w first byte  = rest")).append('\n');
    }
  }

  private static String phaseList(Timing t) {
    List<String> parts = new ArrayList<>();
    for (Timing.Phase p : t.phases()) {
      if (!p.name().equals("rest")) {
        parts.add(p.name() + " " + p.millis());
      }
    }
    return String.join(", ", parts);
  }

  private void appendDiagnosis(StringBuilder sb, Diagnosis d) {
    sb.append('\n');
    sb.append(paint(BOLD, "Diagnosis: ")).append(paintStatus(d)).append('\n');
    sb.append("  ").append(d.explanation()).append('\n');
    if (!d.otherFailures().isEmpty()) {
      sb.append(paint(BOLD, "Also failing on its own:")).append('\n');
      for (OtherFailure o : d.otherFailures()) {
        sb.append("  ")
            .append(paint(RED + BOLD, o.hop().id()))
            .append(o.cause() == null ? "" : " (" + o.cause() + ")")
            .append(": ")
            .append(o.summary())
            .append(paint(DIM, "  [" + o.checkId() + "]"))
            .append('\n');
      }
    }
    if (!d.nextSteps().isEmpty()) {
      sb.append(paint(BOLD, "Next steps:")).append('\n');
      int i = 1;
      for (String step : d.nextSteps()) {
        sb.append("  ").append(i++).append(". ").append(step).append('\n');
      }
    }
    sb.append(paint(DIM, summaryCounts(d))).append('\n');
  }

  private String paintStatus(Diagnosis d) {
    String word = d.status().name();
    return switch (d.status()) {
      case FAILING ->
          paint(RED + BOLD, word)
              + Optional.ofNullable(d.likelyFailurePoint())
                  .map(h -> " - likely failure point: " + paint(BOLD, h.id()))
                  .orElseGet(
                      () ->
                          " - failing application dependency: "
                              + paint(BOLD, String.join(", ", Chain.failingDependencies(d))))
              + Optional.ofNullable(d.cause()).map(c -> " (" + c + ")").orElse("");
      case DEGRADED -> paint(YELLOW + BOLD, word);
      case INCONCLUSIVE -> paint(MAGENTA + BOLD, word);
      case HEALTHY -> paint(GREEN + BOLD, word);
    };
  }

  /** "12 checks: 9 PASS, 1 FAIL, 2 SKIP", as every text-like report ends. */
  static String summaryCounts(Diagnosis d) {
    StringBuilder sb = new StringBuilder();
    for (Status s : Status.values()) {
      long n = d.count(s);
      if (n > 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(s.name());
      }
    }
    return d.results().size() + " checks: " + sb;
  }

  private String statusWord(Status s, String tested) {
    if (HopReport.NOT_TESTED.equals(tested)) {
      return paint(DIM, pad("-", 6) + pad("not tested", 10));
    }
    return paintFor(s, pad(s.name(), 6)) + paint(DIM, pad(tested, 10));
  }

  private String symbol(Status s) {
    return switch (s) {
      case PASS -> paintFor(s, "ok  ");
      case WARN -> paintFor(s, "warn");
      case FAIL -> paintFor(s, "FAIL");
      case SKIP -> paintFor(s, "skip");
      case ERROR -> paintFor(s, "ERR ");
    };
  }

  private static String colourOf(Chain.Mark mark) {
    return switch (mark) {
      case OK -> GREEN;
      case WARN -> YELLOW;
      case FAIL -> RED + BOLD;
      case ERROR -> MAGENTA;
      case NOT_TESTED -> DIM;
    };
  }

  private String paintFor(Status s, String text) {
    return switch (s) {
      case PASS -> paint(GREEN, text);
      case WARN -> paint(YELLOW, text);
      case FAIL -> paint(RED + BOLD, text);
      case SKIP -> paint(DIM, text);
      case ERROR -> paint(MAGENTA, text);
    };
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }

  private static String padTo(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }
}
