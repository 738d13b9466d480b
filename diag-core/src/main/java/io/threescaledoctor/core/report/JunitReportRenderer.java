package io.threescaledoctor.core.report;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.DependencyReport;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.HopReport;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * JUnit XML, the format CI systems (Jenkins, GitLab, GitHub Actions reporters) show natively: one
 * {@code <testsuite>} per hop that has results, one {@code <testcase>} per check. FAIL becomes
 * {@code <failure>}, ERROR {@code <error>}, SKIP {@code <skipped>}; PASS and WARN pass, a WARN
 * saying so in {@code <system-out>}. The diagnosis is in the root's properties and in the {@code
 * <system-out>} of the suite of the likely failure point.
 */
public final class JunitReportRenderer implements ReportRenderer {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  @Override
  public void render(Diagnosis diagnosis, Writer out) throws IOException {
    Diagnosis d = Masking.again(diagnosis);
    StringBuilder sb = new StringBuilder(8192);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<testsuites name=\"").append(attr(ToolInfo.NAME)).append("\"");
    counts(sb, d.results());
    sb.append(" time=\"").append(seconds(d.durationMillis())).append("\">\n");
    for (HopReport h : d.hops()) {
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("hop", h.hop().id());
      properties.put("guideSection", h.hop().guideSection());
      properties.put("tested", h.tested());
      String systemOut =
          h.hop() != d.likelyFailurePoint()
              ? null
              : "Likely failure point: "
                  + h.hop().id()
                  + "\n"
                  + d.explanation()
                  + "\nNext steps:\n- "
                  + String.join("\n- ", d.nextSteps());
      appendSuite(sb, d, h.hop().id(), Chain.resultsOf(d, h.hop()), properties, systemOut);
    }
    for (DependencyReport dep : d.dependencies()) {
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("dependency", dep.dependency().id());
      properties.put("beside", dep.beside().id());
      appendSuite(
          sb,
          d,
          "dependency." + dep.dependency().id(),
          d.dependencyResults(dep.dependency().id()),
          properties,
          null);
    }
    sb.append("</testsuites>\n");
    out.write(sb.toString());
    out.flush();
  }

  private static void appendSuite(
      StringBuilder sb,
      Diagnosis d,
      String name,
      List<CheckResult> results,
      Map<String, String> properties,
      String systemOut) {
    if (results.isEmpty()) {
      return;
    }
    long millis = results.stream().mapToLong(CheckResult::durationMillis).sum();
    String suite = ToolInfo.NAME + "." + name;
    sb.append("  <testsuite name=\"").append(attr(suite)).append("\"");
    counts(sb, results);
    sb.append(" time=\"")
        .append(seconds(millis))
        .append("\" timestamp=\"")
        .append(TIMESTAMP.format(d.startedAt().truncatedTo(ChronoUnit.SECONDS)))
        .append("\">\n");
    sb.append("    <properties>\n");
    properties.forEach((k, v) -> property(sb, k, v));
    property(sb, "diagnosis", d.status().name());
    Optional.ofNullable(d.likelyFailurePoint())
        .ifPresent(f -> property(sb, "likelyFailurePoint", f.id()));
    Optional.ofNullable(d.cause()).ifPresent(c -> property(sb, "cause", c));
    sb.append("    </properties>\n");
    for (CheckResult r : results) {
      testcase(sb, suite, r);
    }
    if (systemOut != null) {
      sb.append("    <system-out>").append(text(systemOut)).append("</system-out>\n");
    }
    sb.append("  </testsuite>\n");
  }

  private static void testcase(StringBuilder sb, String suite, CheckResult r) {
    sb.append("    <testcase classname=\"")
        .append(attr(suite))
        .append("\" name=\"")
        .append(attr(r.id()))
        .append("\" time=\"")
        .append(seconds(r.durationMillis()))
        .append("\"");
    String details = details(r);
    switch (r.status()) {
      case PASS -> sb.append("/>\n");
      case WARN ->
          sb.append(">\n      <system-out>")
              .append(text("WARN: " + r.summary() + "\n" + details))
              .append("</system-out>\n    </testcase>\n");
      case FAIL ->
          sb.append(">\n      <failure message=\"")
              .append(attr(r.summary()))
              .append("\" type=\"")
              .append(attr(r.cause().orElse("FAIL")))
              .append("\">")
              .append(text(details))
              .append("</failure>\n    </testcase>\n");
      case ERROR ->
          sb.append(">\n      <error message=\"")
              .append(attr(r.summary()))
              .append("\" type=\"ERROR\">")
              .append(text(details))
              .append("</error>\n")
              .append("    </testcase>\n");
      case SKIP ->
          sb.append(">\n      <skipped message=\"")
              .append(attr(r.summary()))
              .append("\"/>\n    </testcase>\n");
    }
  }

  private static String details(CheckResult r) {
    StringBuilder sb = new StringBuilder();
    r.cause().ifPresent(c -> sb.append("cause: ").append(c).append('\n'));
    for (Map.Entry<String, String> e : r.evidence().entrySet()) {
      sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    r.remedy().ifPresent(m -> sb.append("remedy: ").append(m).append('\n'));
    r.reference().ifPresent(ref -> sb.append("guide: ").append(ref).append('\n'));
    r.reproduce().ifPresent(c -> sb.append("reproduce: ").append(c).append('\n'));
    return sb.toString();
  }

  private static void counts(StringBuilder sb, List<CheckResult> results) {
    sb.append(" tests=\"")
        .append(results.size())
        .append("\" failures=\"")
        .append(count(results, Status.FAIL))
        .append("\" errors=\"")
        .append(count(results, Status.ERROR))
        .append("\" skipped=\"")
        .append(count(results, Status.SKIP))
        .append("\"");
  }

  private static long count(List<CheckResult> results, Status s) {
    return results.stream().filter(r -> r.status() == s).count();
  }

  private static void property(StringBuilder sb, String name, String value) {
    sb.append("      <property name=\"")
        .append(attr(name))
        .append("\" value=\"")
        .append(attr(value))
        .append("\"/>\n");
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static String attr(String s) {
    return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
  }

  /** Escapes for XML 1.0 and drops the control characters it cannot carry at all. */
  private static String text(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            out.append(c);
          } else {
            out.append('?');
          }
        }
      }
    }
    return out.toString();
  }
}
