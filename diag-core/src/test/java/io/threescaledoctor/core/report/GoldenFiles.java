package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Compares a renderer's output with {@code src/test/resources/golden/NAME}, timings and the version
 * masked. Run with {@code -Dgolden.update=true} to rewrite the files after an intended change, then
 * read the diff before committing it.
 */
final class GoldenFiles {
  private static final Path DIR = Path.of("src/test/resources/golden");

  private GoldenFiles() {}

  static String render(ReportRenderer renderer, Diagnosis d) {
    StringWriter w = new StringWriter();
    try {
      renderer.render(d, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static final Pattern MILLIS = Pattern.compile("(?<![\\w.])\\d+(?= ?ms\\b)");
  private static final Pattern SECONDS = Pattern.compile("(?<=time=\")[0-9.]+(?=\")");

  /**
   * Timings vary between machines; the hand-built diagnoses fix them, this masks them anyway, digit
   * for digit so that columns stay aligned.
   */
  static String mask(String output) {
    String masked = output.replace(ToolInfo.version(), "VERSION");
    masked = MILLIS.matcher(masked).replaceAll(m -> "#".repeat(m.group().length()));
    return SECONDS.matcher(masked).replaceAll(m -> m.group().replaceAll("[0-9]", "#"));
  }

  static void assertMatches(String name, String output) throws IOException {
    String masked = mask(output);
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
      Files.createDirectories(DIR);
      Files.writeString(file, masked, StandardCharsets.UTF_8);
      assertThat(Boolean.getBoolean("golden.update"))
          .as("golden file " + file + " was missing and has been written; check it and rerun")
          .isTrue();
    }
    assertThat(masked).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
