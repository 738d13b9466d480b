package io.threescaledoctor.cli.shell;

import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.profile.ProfileKeys;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Masks a typed line before it is kept in the history. The redactor knows the session's secrets and
 * the credential patterns, but a secret typed for the first time is not yet in the session when the
 * line is stored, so a key-based rule masks the value of every secret key and flag: {@code set
 * credentials.userKey VALUE}, {@code --set credentials.userKey=VALUE}, {@code --user-key VALUE}.
 */
final class HistoryMasker {
  private static final Set<String> SECRET_KEYS =
      ProfileKeys.all().stream()
          .filter(ProfileKeys.Key::secret)
          .map(ProfileKeys.Key::name)
          .collect(Collectors.toUnmodifiableSet());
  // A secret key's flag is its last segment in kebab case: credentials.userKey -> --user-key.
  private static final Set<String> SECRET_FLAGS =
      SECRET_KEYS.stream()
          .map(
              k ->
                  "--"
                      + k.substring(k.lastIndexOf('.') + 1)
                          .replaceAll("([A-Z])", "-$1")
                          .toLowerCase())
          .collect(Collectors.toUnmodifiableSet());
  private static final Pattern SET_COMMAND =
      Pattern.compile("^(\\s*set\\s+)(\\S+)(\\s+)(.+?)(\\s*)$");
  private static final Pattern SET_OPTION =
      Pattern.compile("(--set[=\\s]+['\"]?)([\\w.]+)=([^\\s'\"]+)");
  private static final Pattern FLAG = Pattern.compile("(--[a-z-]+)(=|\\s+)(['\"]?)([^\\s'\"]+)");

  private final Supplier<Redactor> redactor;

  HistoryMasker(Supplier<Redactor> redactor) {
    this.redactor = redactor;
  }

  static boolean isSecretKey(String key) {
    return SECRET_KEYS.contains(key);
  }

  String mask(String line) {
    String out = line;
    Matcher set = SET_COMMAND.matcher(out);
    if (set.matches() && isSecretKey(set.group(2))) {
      out = set.group(1) + set.group(2) + set.group(3) + maskQuoted(set.group(4)) + set.group(5);
    }
    out =
        replace(
            SET_OPTION,
            out,
            m ->
                m.group(1)
                    + m.group(2)
                    + "="
                    + (isSecretKey(m.group(2)) ? Secret.mask(m.group(3)) : m.group(3)));
    out =
        replace(
            FLAG,
            out,
            m ->
                m.group(1)
                    + m.group(2)
                    + m.group(3)
                    + (SECRET_FLAGS.contains(m.group(1)) ? Secret.mask(m.group(4)) : m.group(4)));
    return redactor.get().mask(out);
  }

  private static String maskQuoted(String value) {
    boolean quoted =
        value.length() >= 2
            && (value.startsWith("\"") || value.startsWith("'"))
            && value.endsWith(value.substring(0, 1));
    String raw = quoted ? value.substring(1, value.length() - 1) : value;
    return raw.startsWith("****") ? value : Secret.mask(raw);
  }

  private interface Replacement {
    String apply(Matcher m);
  }

  private static String replace(Pattern pattern, String text, Replacement replacement) {
    Matcher m = pattern.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement.apply(m)));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
