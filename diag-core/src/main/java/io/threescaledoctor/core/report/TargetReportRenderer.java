package io.threescaledoctor.core.report;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The text report of a single-target tool ({@code dns NAME}, {@code connect HOST PORT}, {@code tls
 * HOST[:PORT]}): what was found about the target the engineer named, as {@code dig}, {@code nc} or
 * {@code testssl.sh} would say it, without the chain of hops a whole run draws.
 *
 * <p>Those verbs run the ordinary checks with the target in the place of one endpoint of a profile
 * (the API's), so a result's id carries that endpoint and its cause may be one about that role
 * ({@code api-unreachable}: "the API refuses connections"). This renderer drops the endpoint from
 * the ids and leaves out a cause, and its remedy, that belongs to the very hop the result was
 * planned on: it speaks about the role, not the target. Causes about what was seen (an expired
 * certificate, a name that does not resolve) are kept.
 */
public final class TargetReportRenderer implements ReportRenderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String MAGENTA = "\u001b[35m";

  private final String target;
  private final boolean color;
  private final boolean verbose;
  private final KnownIssueCatalog catalog;

  /**
   * @param target what the engineer named, as they would say it: {@code connect 10.0.0.5 8080}
   * @param color whether to use ANSI colours
   * @param verbose whether to show the evidence of passing checks too
   */
  public TargetReportRenderer(String target, boolean color, boolean verbose) {
    this(target, color, verbose, KnownIssueCatalog.standard());
  }

  public TargetReportRenderer(
      String target, boolean color, boolean verbose, KnownIssueCatalog catalog) {
    this.target = target;
    this.color = color;
    this.verbose = verbose;
    this.catalog = catalog;
  }

  @Override
  public void render(Diagnosis diagnosis, Writer out) throws IOException {
    Diagnosis d = Masking.again(diagnosis);
    StringBuilder sb = new StringBuilder();
    sb.append(paint(BOLD, ToolInfo.NAME + " " + ToolInfo.version()))
        .append("  ")
        .append(target)
        .append(paint(DIM, "  took " + d.durationMillis() + " ms"))
        .append("\n\n");
    int idWidth = d.results().stream().mapToInt(r -> shortId(r).length()).max().orElse(10);
    for (CheckResult r : d.results()) {
      sb.append("  ")
          .append(symbol(r.status()))
          .append(' ')
          .append(pad(shortId(r), idWidth + 2))
          .append(r.summary())
          .append('\n');
      if (verbose || (r.status() != Status.PASS && r.status() != Status.SKIP)) {
        appendDetails(sb, r);
      }
    }
    sb.append('\n').append(paint(BOLD, line(d))).append('\n');
    sb.append(paint(DIM, TextReportRenderer.summaryCounts(d))).append('\n');
    out.write(sb.toString());
    out.flush();
  }

  /**
   * The verdict in one line, for {@code --quiet}: {@code FAIL connect 10.0.0.5 8080: 10.0.0.5:8080
   * refused the connection (nothing listening)}.
   */
  public String line(Diagnosis diagnosis) {
    Diagnosis d = Masking.again(diagnosis);
    return switch (d.status()) {
      case HEALTHY -> "OK    " + target + ": " + plural(d.count(Status.PASS), "check") + " passed";
      case DEGRADED -> "WARN  " + target + ": " + first(d, Status.WARN);
      case FAILING -> "FAIL  " + target + ": " + first(d, Status.FAIL);
      case INCONCLUSIVE ->
          "ERR   "
              + target
              + ": "
              + (d.count(Status.ERROR) == 0
                  ? "nothing could be checked"
                  : first(d, Status.ERROR) + " (the check could not run)");
    };
  }

  private static String first(Diagnosis d, Status status) {
    List<CheckResult> matching = d.results().stream().filter(r -> r.status() == status).toList();
    String more =
        matching.size() > 1
            ? " (and " + (matching.size() - 1) + " more " + status.name() + ")"
            : "";
    return matching.get(0).summary() + more;
  }

  private void appendDetails(StringBuilder sb, CheckResult r) {
    String indent = "      ";
    Optional<KnownIssue> aboutTheTarget = causeAboutTheTarget(r);
    int keyWidth =
        Math.max(10, r.evidence().keySet().stream().mapToInt(String::length).max().orElse(0)) + 1;
    aboutTheTarget.ifPresent(
        i ->
            sb.append(indent)
                .append(paint(DIM, pad("cause", keyWidth)))
                .append(i.id())
                .append('\n'));
    for (Map.Entry<String, String> e : r.evidence().entrySet()) {
      String value = e.getValue().replace("\n", "\n" + indent + " ".repeat(keyWidth));
      sb.append(indent).append(paint(DIM, pad(e.getKey(), keyWidth))).append(value).append('\n');
    }
    if (aboutTheTarget.isPresent()) {
      r.remedy()
          .ifPresent(
              m ->
                  sb.append(indent)
                      .append(paint(DIM, pad("remedy", keyWidth)))
                      .append(m)
                      .append(r.reference().map(ref -> " (guide " + ref + ")").orElse(""))
                      .append('\n'));
    }
    r.reproduce()
        .ifPresent(
            c ->
                sb.append(indent)
                    .append(paint(DIM, pad("reproduce", keyWidth)))
                    .append(c)
                    .append('\n'));
  }

  /**
   * The result's known issue, unless it is one about the role the target was planned in: an issue
   * of the hop the result itself was planned on describes that role ("the API refuses
   * connections"), which the engineer never gave the target.
   */
  private Optional<KnownIssue> causeAboutTheTarget(CheckResult r) {
    return r.cause().flatMap(catalog::find).filter(i -> i.hop() != r.hop());
  }

  /** {@code api.tcp.connect} reads {@code tcp.connect}: the endpoint is the target itself. */
  static String shortId(CheckResult r) {
    int dot = r.id().indexOf('.');
    if (dot > 0 && Endpoint.byId(r.id().substring(0, dot)).isPresent()) {
      return r.id().substring(dot + 1);
    }
    return r.id();
  }

  private String symbol(Status s) {
    return switch (s) {
      case PASS -> paint(GREEN, "ok  ");
      case WARN -> paint(YELLOW, "warn");
      case FAIL -> paint(RED + BOLD, "FAIL");
      case SKIP -> paint(DIM, "skip");
      case ERROR -> paint(MAGENTA, "ERR ");
    };
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
