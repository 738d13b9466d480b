package io.threescaledoctor.core.profile;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations the way people write them: {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h}. */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  private Durations() {}

  /**
   * @throws IllegalArgumentException with a message fit to show, when the text is not a positive
   *     duration
   */
  public static Duration parse(String text) {
    String t = text.trim().toLowerCase();
    Matcher m = SIMPLE.matcher(t);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      long millis =
          switch (unit) {
            case "ms" -> Math.round(amount);
            case "m" -> Math.round(amount * 60_000);
            case "h" -> Math.round(amount * 3_600_000);
            default -> Math.round(amount * 1000);
          };
      if (millis <= 0) {
        throw new IllegalArgumentException("'" + text + "' is not a positive duration");
      }
      return Duration.ofMillis(millis);
    }
    try {
      Duration d = Duration.parse(text.trim().toUpperCase());
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("'" + text + "' is not a positive duration");
      }
      return d;
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (write it as 500ms, 3s, 2m or 1h)");
    }
  }

  /** {@code 3s}, {@code 500ms}: the short form used in messages such as "timed out after 3s". */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
