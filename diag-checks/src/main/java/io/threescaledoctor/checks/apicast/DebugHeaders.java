package io.threescaledoctor.checks.apicast;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * APIcast's answer headers to a request carrying {@code X-3scale-debug} with the service's token
 * (3scale/APIcast gateway/src/apicast/proxy.lua, output_debug_headers): the matched rule patterns
 * joined with ", ", the credentials and usage it sends to 3scale as query strings, its host name,
 * and the service's id and system name.
 *
 * @param present whether APIcast sent them at all (it does only when the token matches)
 */
public record DebugHeaders(
    boolean present,
    List<String> matchedRules,
    Map<String, String> credentials,
    Map<String, Long> usage,
    String hostname,
    String serviceId,
    String serviceName) {

  public static final String REQUEST_HEADER = "X-3scale-debug";

  /** Reads the headers through {@code header}, which returns null for an absent header. */
  public static DebugHeaders read(Function<String, String> header) {
    String rules = header.apply("X-3scale-matched-rules");
    String credentials = header.apply("X-3scale-credentials");
    String usage = header.apply("X-3scale-usage");
    boolean present = rules != null || credentials != null || usage != null;
    List<String> matched = new ArrayList<>();
    if (rules != null) {
      for (String r : rules.split(",\\s*")) {
        if (!r.isBlank()) {
          matched.add(r.trim());
        }
      }
    }
    Map<String, Long> metrics = new LinkedHashMap<>();
    query(usage)
        .forEach(
            (k, v) -> {
              if (k.startsWith("usage[") && k.endsWith("]")) {
                metrics.put(k.substring(6, k.length() - 1), parseLong(v));
              }
            });
    return new DebugHeaders(
        present,
        List.copyOf(matched),
        query(credentials),
        metrics,
        header.apply("X-3scale-hostname"),
        header.apply("X-3scale-service-id"),
        header.apply("X-3scale-service-name"));
  }

  public Optional<String> service() {
    if (serviceId == null && serviceName == null) {
      return Optional.empty();
    }
    return Optional.of(
        (serviceId == null ? "?" : serviceId)
            + (serviceName == null ? "" : " (" + serviceName + ")"));
  }

  private static Map<String, String> query(String q) {
    Map<String, String> out = new LinkedHashMap<>();
    if (q == null || q.isBlank()) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.put(k, v);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
