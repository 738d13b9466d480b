package io.threescaledoctor.cli;

import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.report.HtmlReportRenderer;
import io.threescaledoctor.core.report.JsonReportRenderer;
import io.threescaledoctor.core.report.JunitReportRenderer;
import io.threescaledoctor.core.report.MarkdownReportRenderer;
import io.threescaledoctor.core.report.ReportRenderer;
import io.threescaledoctor.core.report.TextReportRenderer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The report formats {@code --format} accepts: {@code text} for a terminal, {@code markdown} for a
 * support ticket, {@code html} for a browser, {@code junit} for CI, {@code json} for tools.
 */
public final class ReportFormats {
  private ReportFormats() {}

  public static List<String> names() {
    return List.of("text", "json", "markdown", "html", "junit");
  }

  /** Whether the format is for programs, so nothing but the report may go to standard output. */
  public static boolean machineReadable(String name) {
    return "json".equals(name) || "junit".equals(name);
  }

  public static Optional<ReportRenderer> renderer(String name, boolean color, boolean verbose) {
    return renderer(name, color, verbose, null);
  }

  /**
   * As {@link #renderer(String, boolean, boolean)}; the reports meant for people to attach
   * (Markdown, HTML) also show {@code target}, the profile examined, masked. Null leaves it out.
   */
  public static Optional<ReportRenderer> renderer(
      String name, boolean color, boolean verbose, Profile target) {
    return switch (name) {
      case "text" -> Optional.of(new TextReportRenderer(color, verbose));
      case "json" -> Optional.of(new JsonReportRenderer());
      case "markdown" -> Optional.of(new MarkdownReportRenderer(target));
      case "html" -> Optional.of(new HtmlReportRenderer(target));
      case "junit" -> Optional.of(new JunitReportRenderer());
      default -> Optional.empty();
    };
  }

  /** For picocli's completion candidates and help. */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return new ArrayList<>(names()).iterator();
    }
  }
}
