package io.threescaledoctor.core.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking function every string passes through before it becomes evidence, a summary, a
 * reproduce command or a history line. It masks the known secret values wherever they appear, the
 * values of 3scale's credential parameters in URLs and logs ({@code user_key=...}), credential
 * headers, and the token in {@code https://TOKEN@host} remotes.
 */
public final class Redactor {
  private static final Pattern CREDENTIAL_PARAMETER =
      Pattern.compile(
          "(?i)\\b(user_key|app_key|access_token|provider_key|service_token|x-3scale-debug|"
              + "user-key|app-key|access-token)(\"?\\s*[=:]\\s*\"?)([^&\\s\"',;<>)]+)");
  private static final Pattern URL_USERINFO =
      Pattern.compile("(?i)\\b(https?://)([^/@\\s:]+)(:[^/@\\s]*)?@");
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer\\s+)([A-Za-z0-9._~+/=-]+)");

  private static final Redactor NONE = new Redactor(List.of());

  private final List<String> secretValues;

  private Redactor(List<String> secretValues) {
    this.secretValues = secretValues;
  }

  /** Masks only the patterns, for when no secret values are known. */
  public static Redactor patternsOnly() {
    return NONE;
  }

  public static Redactor of(Collection<Secret> secrets) {
    List<String> values = new ArrayList<>();
    for (Secret s : secrets) {
      if (s != null && !s.isEmpty()) {
        values.add(s.reveal());
      }
    }
    // Longest first, so a secret that contains another is masked whole.
    values.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(values));
  }

  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : secretValues) {
      if (out.contains(secret)) {
        out = out.replace(secret, Secret.mask(secret));
      }
    }
    out = replace(CREDENTIAL_PARAMETER, out, m -> m.group(1) + m.group(2) + maskValue(m.group(3)));
    out = replace(URL_USERINFO, out, m -> m.group(1) + maskValue(m.group(2)) + "@");
    out = replace(BEARER, out, m -> m.group(1) + maskValue(m.group(2)));
    return out;
  }

  private static String maskValue(String value) {
    return value.startsWith("****") ? value : Secret.mask(value);
  }

  private interface Replacement {
    String apply(Matcher m);
  }

  private static String replace(Pattern pattern, String text, Replacement replacement) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    do {
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement.apply(m)));
    } while (m.find());
    m.appendTail(sb);
    return sb.toString();
  }
}
