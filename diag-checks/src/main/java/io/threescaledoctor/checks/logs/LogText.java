package io.threescaledoctor.checks.logs;

import io.threescaledoctor.core.check.Secret;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the credentials APIcast and the 3scale backend write in prose rather than as parameters
 * ({@code user key "K" is invalid}, {@code token introspection for access token T}), which the
 * redactor's parameter patterns do not see. Applied to every log excerpt before it leaves the
 * analysis; the redactor still masks parameters and the run's own secrets afterwards.
 */
final class LogText {
  private static final Pattern QUOTED_KEY =
      Pattern.compile(
          "(?i)\\b(user key|application key|app key|application with id|app id|access token)"
              + "(\\s+\\\\?\")([^\"\\\\]+)");
  private static final Pattern BARE_TOKEN =
      Pattern.compile("(?i)\\b(access token|token)(\\s+)([A-Za-z0-9._~+/=-]{12,})");

  private LogText() {}

  static String maskCredentials(String text) {
    if (text == null) {
      return null;
    }
    return mask(BARE_TOKEN, mask(QUOTED_KEY, text));
  }

  private static String mask(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    do {
      String value = m.group(3);
      m.appendReplacement(
          sb,
          Matcher.quoteReplacement(
              m.group(1) + m.group(2) + (value.startsWith("****") ? value : Secret.mask(value))));
    } while (m.find());
    m.appendTail(sb);
    return sb.toString();
  }
}
