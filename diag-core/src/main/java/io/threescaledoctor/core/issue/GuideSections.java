package io.threescaledoctor.core.issue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sections of <i>Operating 3scale 2.5</i> by number, with their titles as the guide writes
 * them: the one place a "Guide section 4.3.4: API gateway > 3scale" line takes its title from, so a
 * number is never printed beside another section's title. Read from {@value #RESOURCE}.
 */
public final class GuideSections {
  static final String RESOURCE = "/io/threescaledoctor/core/issue/guide-sections.tsv";

  private static final Map<String, String> TITLES = load();

  private GuideSections() {}

  /** The title of section {@code number} ({@code 4.3.4}), if the guide has one. */
  public static Optional<String> title(String number) {
    return Optional.ofNullable(TITLES.get(number));
  }

  /**
   * {@code Guide section 4.3.4: API gateway > 3scale}, or without a title for an unknown number.
   */
  public static String line(String number) {
    return "Guide section " + number + title(number).map(t -> ": " + t).orElse("");
  }

  /** Every section, in the guide's order. */
  public static Map<String, String> all() {
    return TITLES;
  }

  private static Map<String, String> load() {
    Map<String, String> titles = new LinkedHashMap<>();
    try (InputStream in = GuideSections.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        titles.put(line.substring(0, tab), line.substring(tab + 1).trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return Collections.unmodifiableMap(titles);
  }
}
