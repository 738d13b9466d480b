package io.threescaledoctor.checks.threescale;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mapping rule of a service, matched the way APIcast matches it (3scale/APIcast
 * gateway/src/apicast/mapping_rule.lua): the pattern is a prefix of the path unless it ends in
 * {@code $}; {@code {name}} stands for one path segment; query parameters named in the pattern must
 * be present (with the literal value, or any value for {@code {name}}); {@code ANY} matches every
 * method.
 *
 * @param position the rule's order; APIcast stops after a matching rule marked {@code last}
 */
public record MappingRule(
    String httpMethod, String pattern, String metric, int delta, boolean last, int position) {

  private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+?\\}");
  private static final String SEGMENT = "[\\w\\-.~%!$&'()*+,;=@:]+";

  /** Whether APIcast would count this rule for {@code method} on {@code pathAndQuery}. */
  public boolean matches(String method, String pathAndQuery) {
    if (!"ANY".equalsIgnoreCase(httpMethod) && !httpMethod.equalsIgnoreCase(method)) {
      return false;
    }
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    Map<String, String> args = query(q < 0 ? "" : pathAndQuery.substring(q + 1));
    if (!pathRegex().matcher(path).lookingAt()) {
      return false;
    }
    for (Map.Entry<String, String> expected : query(patternQuery()).entrySet()) {
      String actual = args.get(expected.getKey());
      boolean variable = VARIABLE.matcher(expected.getValue()).matches();
      if (actual == null || (!variable && !actual.equals(expected.getValue()))) {
        return false;
      }
    }
    return true;
  }

  /** A request this rule matches, to test whether another rule matches it too. */
  public String sampleRequestPath() {
    String path = pattern.replaceAll("/{2,}", "/");
    int q = path.indexOf('?');
    String query = q < 0 ? "" : path.substring(q + 1);
    path = q < 0 ? path : path.substring(0, q);
    if (path.endsWith("$")) {
      path = path.substring(0, path.length() - 1);
    }
    path = VARIABLE.matcher(path).replaceAll("x");
    query = VARIABLE.matcher(query).replaceAll("x");
    return query.isEmpty() ? path : path + "?" + query;
  }

  /** {@code GET /v1/words/{word}.json -> hits +1}. */
  public String describe() {
    return httpMethod + " " + pattern + " -> " + metric + " +" + delta + (last ? " (last)" : "");
  }

  private Pattern pathRegex() {
    String path = pattern.replaceAll("/{2,}", "/").replaceAll("\\?.*", "");
    boolean anchored = path.endsWith("$");
    if (anchored) {
      path = path.substring(0, path.length() - 1);
    }
    StringBuilder regex = new StringBuilder("^");
    Matcher m = VARIABLE.matcher(path);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(path.substring(at, m.start()))).append(SEGMENT);
      at = m.end();
    }
    regex.append(Pattern.quote(path.substring(at)));
    if (anchored) {
      regex.append('$');
    }
    return Pattern.compile(regex.toString());
  }

  private String patternQuery() {
    int q = pattern.indexOf('?');
    return q < 0 ? "" : pattern.substring(q + 1);
  }

  private static Map<String, String> query(String query) {
    Map<String, String> args = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return args;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      if (!name.isEmpty()) {
        args.put(name, value);
      }
    }
    return args;
  }
}
