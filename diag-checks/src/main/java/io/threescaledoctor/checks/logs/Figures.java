package io.threescaledoctor.checks.logs;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as the log analysis writes them, the way {@code String.format(Locale.ROOT, ...)} writes
 * them, without {@link java.util.Formatter}: its first use in a run loads the locale data, 16-25 ms
 * in a cold JVM, about 12 of the 230 ms a short {@code logs} command took through the launcher.
 */
final class Figures {
  private Figures() {}

  /** {@code 1,234,567}: what {@code %,d} writes. */
  static String grouped(long n) {
    String digits = Long.toString(n);
    int sign = n < 0 ? 1 : 0;
    int count = digits.length() - sign;
    StringBuilder sb = new StringBuilder(digits.length() + count / 3);
    sb.append(digits, 0, sign);
    for (int i = 0; i < count; i++) {
      if (i > 0 && (count - i) % 3 == 0) {
        sb.append(',');
      }
      sb.append(digits.charAt(sign + i));
    }
    return sb.toString();
  }

  /** {@code v} with {@code places} decimals, rounded half up: what {@code %.Nf} writes. */
  static String decimals(double v, int places) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }
    String text = BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_UP).toPlainString();
    // %f keeps the sign of a negative value that rounds to zero.
    return v < 0 && text.charAt(0) != '-' ? "-" + text : text;
  }
}
