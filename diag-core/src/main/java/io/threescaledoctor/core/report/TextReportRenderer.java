package io.threescaledoctor.core.report;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.HopReport;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The report a person reads in a terminal: hops in the guide's order, each result on one line with
 * the evidence of anything not PASS beneath it, then the diagnosis and next steps. Colour only
 * when asked for (the CLI asks on a TTY unless {@code NO_COLOR} is set).
 */
public final class TextReportRenderer implements ReportRenderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String MAGENTA = "\u001b[35m";

  private final boolean color;
  private final boolean verbose;

  /**
   * @param color whether to use ANSI colours
   * @param verbose whether to show the evidence of passing checks too
   */
  public TextReportRenderer(boolean color, boolean verbose) {
    this.color = color;
    this.verbose = verbose;
  }

  @Override
  public void render(Diagnosis d, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(paint(BOLD, ToolInfo.NAME + " " + ToolInfo.version()))
        .append(paint(DIM, "  vantage: " + d.vantage().id() + "  took " + d.durationMillis()
            + " ms"))
        .append('\n');
    int idWidth = d.results().stream().mapToInt(r -> r.id().length()).max().orElse(10);
    for (HopReport h : d.hops()) {
      List<CheckResult> results = d.results().stream().filter(r -> r.hop() == h.hop()).toList();
      sb.append('\n');
      boolean isFailurePoint = h.hop() == d.likelyFailurePoint();
      sb.append(paint(BOLD, pad(h.hop().id(), 16)))
          .append(statusWord(h.status(), h.tested()))
          .append(paint(DIM, "  " + h.hop().question() + " (" + h.hop().guideSection() + ")"));
      if (isFailurePoint) {
        sb.append(paint(RED + BOLD, "  <- likely failure point"));
      }
      sb.append('\n');
      for (CheckResult r : results) {
        sb.append("  ").append(symbol(r.status())).append(' ')
            .append(pad(r.id(), idWidth + 2)).append(r.summary()).append('\n');
        if (verbose || (r.status() != Status.PASS && r.status() != Status.SKIP)) {
          appendDetails(sb, r);
        }
      }
    }
    sb.append('\n');
    sb.append(paint(BOLD, "Diagnosis: ")).append(paintStatus(d)).append('\n');
    sb.append("  ").append(d.explanation()).append('\n');
    if (!d.nextSteps().isEmpty()) {
      sb.append(paint(BOLD, "Next steps:")).append('\n');
      int i = 1;
      for (String step : d.nextSteps()) {
        sb.append("  ").append(i++).append(". ").append(step).append('\n');
      }
    }
    sb.append(paint(DIM, summaryCounts(d))).append('\n');
    out.write(sb.toString());
    out.flush();
  }

  private void appendDetails(StringBuilder sb, CheckResult r) {
    String indent = "      ";
    r.cause().ifPresent(c -> sb.append(indent).append(paint(DIM, "cause      ")).append(c)
        .append('\n'));
    for (Map.Entry<String, String> e : r.evidence().entrySet()) {
      String value = e.getValue().replace("\n", "\n" + indent + "           ");
      sb.append(indent).append(paint(DIM, pad(e.getKey(), 11))).append(value).append('\n');
    }
    r.remedy().ifPresent(m -> sb.append(indent).append(paint(DIM, "remedy     ")).append(m)
        .append(r.reference().map(ref -> " (guide " + ref + ")").orElse("")).append('\n'));
    r.reproduce().ifPresent(c -> sb.append(indent).append(paint(DIM, "reproduce  ")).append(c)
        .append('\n'));
  }

  private String paintStatus(Diagnosis d) {
    String word = d.status().name();
    String text =
        switch (d.status()) {
          case FAILING -> paint(RED + BOLD, word) + " - likely failure point: "
              + paint(BOLD, d.failurePoint().map(Hop::id).orElse("?"))
              + d.causeIfAny().map(c -> " (" + c + ")").orElse("");
          case DEGRADED -> paint(YELLOW + BOLD, word);
          case INCONCLUSIVE -> paint(MAGENTA + BOLD, word);
          case HEALTHY -> paint(GREEN + BOLD, word);
        };
    return text;
  }

  private static String summaryCounts(Diagnosis d) {
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

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }
}
