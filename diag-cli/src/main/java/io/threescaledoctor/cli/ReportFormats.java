package io.threescaledoctor.cli;

import io.threescaledoctor.core.report.JsonReportRenderer;
import io.threescaledoctor.core.report.ReportRenderer;
import io.threescaledoctor.core.report.TextReportRenderer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The report formats {@code --format} accepts. */
public final class ReportFormats {
  private ReportFormats() {}

  public static List<String> names() {
    return List.of("text", "json");
  }

  public static Optional<ReportRenderer> renderer(String name, boolean color, boolean verbose) {
    return switch (name) {
      case "text" -> Optional.of(new TextReportRenderer(color, verbose));
      case "json" -> Optional.of(new JsonReportRenderer());
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
