package io.threescaledoctor.core.issue;

import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.profile.Profile;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Advice that speaks about this setup. A remedy in a known-issue catalog may name the profile's
 * endpoints with placeholders, and is rendered against the profile of the run, so "allow the
 * connection to {@code {backend.address}}" reads "allow the connection to backend.internal:3000"
 * rather than a default port the setup does not use.
 *
 * <ul>
 *   <li>{@code {ENDPOINT.PART}}: ENDPOINT is {@code api}, {@code gateway}, {@code backend}, {@code
 *       admin} or {@code management} (APIcast's management API); PART is {@code url} ({@code
 *       scheme://host:port}, never a token), {@code host}, {@code port}, {@code scheme} or {@code
 *       address} ({@code host:port}). {@code {dns.resolvers}} is the profile's resolvers as nginx's
 *       {@code resolver} directive lists them, {@code {dns.resolver}} the first one.
 *   <li>{@code [TEXT|OTHER]}: TEXT when the profile has a value for every placeholder in it, else
 *       OTHER, which holds no placeholder ({@code |OTHER} may be left out: nothing is printed). The
 *       first {@code |} in brackets splits them; outside brackets {@code |} is plain text.
 *   <li>A placeholder outside brackets whose value the profile lacks reads as a phrase ("the 3scale
 *       backend's port"), so no advice ever names a value the profile does not have.
 * </ul>
 */
public final class RemedyTemplate {
  private static final List<String> OWNERS =
      List.of("api", "gateway", "backend", "admin", "management", "dns");
  private static final List<String> PARTS = List.of("url", "host", "port", "scheme", "address");

  private RemedyTemplate() {}

  /** {@code template} with every placeholder and group resolved against {@code profile}. */
  public static String render(String template, Profile profile) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '[') {
        int close = template.indexOf(']', i);
        String group = template.substring(i + 1, close);
        int bar = group.indexOf('|');
        String text = bar < 0 ? group : group.substring(0, bar);
        String other = bar < 0 ? "" : group.substring(bar + 1);
        out.append(
            placeholders(text).stream().allMatch(p -> value(p, profile).isPresent())
                ? substitute(text, profile)
                : other);
        i = close + 1;
      } else {
        int next = template.indexOf('[', i);
        int end = next < 0 ? template.length() : next;
        out.append(substitute(template.substring(i, end), profile));
        i = end;
      }
    }
    return out.toString();
  }

  /**
   * Checks {@code template}'s syntax and names; the catalog calls it when it loads, so a typo in a
   * placeholder fails at once rather than printing braces to a customer.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void validate(String template) {
    int depth = 0;
    int groupStart = -1;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '[') {
        depth++;
        groupStart = i;
      } else if (c == ']') {
        depth--;
        String group = template.substring(groupStart + 1, i);
        int bar = group.indexOf('|');
        if (bar >= 0 && !placeholders(group.substring(bar)).isEmpty()) {
          throw new IllegalArgumentException(
              "the text after | reads when values are missing, so it takes no placeholder");
        }
      }
      if (depth < 0 || depth > 1) {
        throw new IllegalArgumentException("unbalanced or nested [ ] at character " + (i + 1));
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("a [ has no ]");
    }
    if (template.chars().filter(ch -> ch == '{').count()
        != template.chars().filter(ch -> ch == '}').count()) {
      throw new IllegalArgumentException("unbalanced { }");
    }
    for (String p : placeholders(template)) {
      String[] parts = p.split("\\.", 2);
      boolean known =
          parts.length == 2
              && (parts[0].equals("dns")
                  ? parts[1].equals("resolvers") || parts[1].equals("resolver")
                  : OWNERS.contains(parts[0]) && PARTS.contains(parts[1]));
      if (!known) {
        throw new IllegalArgumentException("unknown placeholder {" + p + "}");
      }
    }
  }

  private static String substitute(String text, Profile profile) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('{', i);
      if (open < 0) {
        out.append(text, i, text.length());
        break;
      }
      int close = text.indexOf('}', open);
      out.append(text, i, open);
      String name = text.substring(open + 1, close);
      out.append(value(name, profile).orElseGet(() -> phrase(name)));
      i = close + 1;
    }
    return out.toString();
  }

  private static List<String> placeholders(String text) {
    List<String> names = new ArrayList<>();
    for (int open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
      int close = text.indexOf('}', open);
      if (close > open) {
        names.add(text.substring(open + 1, close));
      }
    }
    return names;
  }

  private static Optional<String> value(String name, Profile profile) {
    String[] parts = name.split("\\.", 2);
    if (parts[0].equals("dns")) {
      List<String> resolvers = profile.dns().resolversOrEmpty();
      if (resolvers.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          parts[1].equals("resolver") ? resolvers.get(0) : String.join(" ", resolvers));
    }
    return url(parts[0], profile)
        .filter(u -> u.getHost() != null)
        .map(
            u -> {
              String host = u.getHost();
              String scheme = u.getScheme().toLowerCase(Locale.ROOT);
              int port = u.getPort() > 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
              String hostPort = host + ":" + port;
              return switch (parts[1]) {
                case "url" -> scheme + "://" + hostPort;
                case "host" -> host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                case "port" -> Integer.toString(port);
                case "scheme" -> scheme.toUpperCase(Locale.ROOT);
                default -> hostPort;
              };
            });
  }

  private static Optional<URI> url(String owner, Profile profile) {
    try {
      return switch (owner) {
        case "api" -> profile.endpointUrl(Endpoint.API);
        case "gateway" -> profile.endpointUrl(Endpoint.GATEWAY);
        case "backend" -> profile.endpointUrl(Endpoint.BACKEND);
        case "admin" -> profile.endpointUrl(Endpoint.ADMIN);
        default -> {
          String management = profile.gateway().management();
          yield management == null || management.isBlank()
              ? Optional.empty()
              : Optional.of(URI.create(management));
        }
      };
    } catch (IllegalArgumentException notAUrl) {
      // The profile loader rejects bad URLs; advice never fails because of one.
      return Optional.empty();
    }
  }

  /** What a placeholder reads as when the profile has no value for it. */
  private static String phrase(String name) {
    String[] parts = name.split("\\.", 2);
    if (parts[0].equals("dns")) {
      return parts[1].equals("resolver")
          ? "the gateway's resolver"
          : "resolvers reachable from the gateway host";
    }
    String owner =
        switch (parts[0]) {
          case "api" -> "the API's";
          case "gateway" -> "the gateway's";
          case "backend" -> "the 3scale backend's";
          case "admin" -> "the admin portal's";
          default -> "APIcast's management API's";
        };
    String part =
        switch (parts[1]) {
          case "url" -> "URL";
          case "address" -> "host and port";
          default -> parts[1];
        };
    return owner + " " + part;
  }
}
