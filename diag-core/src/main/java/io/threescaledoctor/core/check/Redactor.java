package io.threescaledoctor.core.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one masking function every string passes through before it becomes evidence, a summary, a
 * reproduce command or a history line.
 *
 * <p>Secrets are masked by position, whatever their length: the values of 3scale's credential
 * parameters in URLs and logs ({@code user_key=...}), credential headers, bearer tokens, the token
 * in {@code https://TOKEN@host} remotes, and quoted keys in 3scale's messages ({@code user key
 * "..." is invalid}). A known secret value is also masked wherever else it appears, but only when
 * it is at least {@value #MIN_SUBSTRING_LENGTH} characters long: a shorter one would mangle
 * ordinary words ("k" in "blocked"), so it is masked by position only and reported as weak ({@link
 * #weakSecrets()}).
 *
 * <p>In reproduce commands ({@link #command(String)}) a known secret becomes an environment
 * variable placeholder ({@code $THREESCALE_USER_KEY}, see {@link SecretVariables}), quoted so the
 * command can be pasted as it is.
 */
public final class Redactor {
  /** Secrets shorter than this are masked by position only. */
  public static final int MIN_SUBSTRING_LENGTH = 8;

  private static final Pattern CREDENTIAL_PARAMETER =
      Pattern.compile(
          "(?i)\\b(user_key|app_key|access_token|provider_key|service_token|x-3scale-debug|"
              + "user-key|app-key|access-token)(\"?\\s*[=:]\\s*\"?)([^&\\s\"',;<>)]+)");
  private static final Pattern URL_USERINFO =
      Pattern.compile("(?i)\\b(https?://)([^/@\\s:'\"]+)(:[^/@\\s]*)?@");
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer\\s+)([A-Za-z0-9._~+/=-]+)");
  private static final Pattern QUOTED_KEY =
      Pattern.compile(
          "(?i)\\b(user key|application key|app key|access token|service token|provider key)"
              + "(\\s+\\\\?\")([^\"\\\\]+)(\\\\?\")");

  private static final Redactor NONE = new Redactor(List.of());

  /** A secret value and the variable that stands for it in commands (null when unnamed). */
  private record Known(String value, String variable, String key) {}

  private final List<Known> secrets;

  private Redactor(List<Known> secrets) {
    this.secrets = secrets;
  }

  /** Masks only the patterns, for when no secret values are known. */
  public static Redactor patternsOnly() {
    return NONE;
  }

  public static Redactor of(Collection<Secret> secrets) {
    Map<String, Secret> unnamed = new LinkedHashMap<>();
    int i = 0;
    for (Secret s : secrets) {
      unnamed.put("#" + i++, s);
    }
    return of(unnamed);
  }

  /** A redactor for secrets named by their profile keys, e.g. {@code credentials.userKey}. */
  public static Redactor of(Map<String, Secret> byProfileKey) {
    List<Known> known = new ArrayList<>();
    byProfileKey.forEach(
        (key, s) -> {
          if (s != null && !s.isEmpty()) {
            known.add(new Known(s.reveal(), SecretVariables.forKey(key).orElse(null), key));
          }
        });
    // Longest first, so a secret that contains another is masked whole.
    known.sort(Comparator.comparingInt((Known k) -> k.value().length()).reversed());
    return new Redactor(List.copyOf(known));
  }

  /** Profile keys whose secret is too short to be masked by its value alone. */
  public List<String> weakSecrets() {
    return secrets.stream()
        .filter(k -> k.value().length() < MIN_SUBSTRING_LENGTH && !k.key().startsWith("#"))
        .map(Known::key)
        .distinct()
        .toList();
  }

  public String mask(String text) {
    return rewrite(text, false);
  }

  /**
   * A command line with every known secret as a quoted environment variable placeholder and every
   * other credential masked, ready to paste once the variables are set.
   */
  public String command(String text) {
    return rewrite(text, true);
  }

  private String rewrite(String text, boolean placeholders) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    // Spans of the text to replace: start -> [end, value]; positions first, then known values.
    TreeMap<Integer, int[]> spans = new TreeMap<>();
    Map<Integer, String> values = new LinkedHashMap<>();
    for (Pattern p : List.of(CREDENTIAL_PARAMETER, BEARER)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        int group = p == BEARER ? 2 : 3;
        addSpan(spans, values, m.start(group), m.end(group), m.group(group));
      }
    }
    Matcher u = URL_USERINFO.matcher(text);
    while (u.find()) {
      addSpan(spans, values, u.start(2), u.end(2), u.group(2));
      if (u.group(3) != null && u.group(3).length() > 1) {
        // A password shows no tail at all, whatever its length.
        addSpan(spans, values, u.start(3) + 1, u.end(3), "");
      }
    }
    Matcher q = QUOTED_KEY.matcher(text);
    while (q.find()) {
      addSpan(spans, values, q.start(3), q.end(3), q.group(3));
    }
    for (Known k : secrets) {
      if (k.value().length() < MIN_SUBSTRING_LENGTH) {
        continue;
      }
      int from = 0;
      int at;
      while ((at = text.indexOf(k.value(), from)) >= 0) {
        addSpan(spans, values, at, at + k.value().length(), k.value());
        from = at + k.value().length();
      }
    }
    if (spans.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    char quote = 0;
    int i = 0;
    while (i < text.length()) {
      int[] span = spans.get(i);
      if (span != null) {
        out.append(replacement(values.get(i), quote, placeholders));
        i = span[0];
        continue;
      }
      char c = text.charAt(i);
      if (quote != '\'' && c == '\\' && i + 1 < text.length() && !spans.containsKey(i + 1)) {
        // An escaped character, e.g. the \' of 'it'\''s', opens no quote.
        out.append(c).append(text.charAt(i + 1));
        i += 2;
        continue;
      }
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (quote == c) {
        quote = 0;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static void addSpan(
      TreeMap<Integer, int[]> spans, Map<Integer, String> values, int start, int end, String v) {
    if (v.startsWith("****") || (v.startsWith("$") && v.length() > 1)) {
      return;
    }
    Map.Entry<Integer, int[]> before = spans.floorEntry(start);
    if (before != null && before.getValue()[0] > start) {
      return;
    }
    Integer after = spans.ceilingKey(start);
    if (after != null && after < end) {
      return;
    }
    spans.put(start, new int[] {end});
    values.put(start, v);
  }

  private String replacement(String value, char quote, boolean placeholders) {
    if (placeholders) {
      for (Known k : secrets) {
        if (k.variable() != null && k.value().equals(value)) {
          return switch (quote) {
            case '\'' -> "'\"$" + k.variable() + "\"'";
            case '"' -> "${" + k.variable() + "}";
            default -> "\"$" + k.variable() + "\"";
          };
        }
      }
    }
    return value.isEmpty() ? "****" : Secret.mask(value);
  }
}
