package io.threescaledoctor.core.profile;

import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.check.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The settings of one extension from the profile's {@code extensions} section, with typed
 * accessors; a check reads them through {@code CheckContext#settings(String)}. The doctor has
 * validated every declared setting before the run ({@link #validate}), so an accessor throws only
 * when a check reads a setting it did not declare with another kind.
 */
public final class ExtensionSettings {
  private final String extension;
  private final Map<String, Object> values;

  ExtensionSettings(String extension, Map<String, Object> values) {
    this.extension = extension;
    this.values = values;
  }

  /** The extension id these settings belong to. */
  public String extension() {
    return extension;
  }

  /** Whether the profile sets {@code name}. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The names the profile sets, in the order written. */
  public List<String> names() {
    return List.copyOf(values.keySet());
  }

  /** The value as text (a secret's raw value: keep it out of results). */
  public Optional<String> text(String name) {
    Object v = values.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Secret s) {
      return Optional.of(s.reveal());
    }
    if (v instanceof List<?> list) {
      return Optional.of(String.join(",", list.stream().map(String::valueOf).toList()));
    }
    return Optional.of(v.toString());
  }

  /** The value as a secret, masked in every output. */
  public Optional<Secret> secret(String name) {
    Object v = values.get(name);
    return v instanceof Secret s ? Optional.of(s) : text(name).map(Secret::of);
  }

  /**
   * @throws IllegalArgumentException when the value is not a URL with a scheme and a host
   */
  public Optional<URI> url(String name) {
    return text(name).map(t -> parse(name, t, Setting.Kind.URL, URI.class));
  }

  /**
   * @throws IllegalArgumentException when the value is not a duration ({@code 3s})
   */
  public Optional<Duration> duration(String name) {
    return text(name).map(t -> parse(name, t, Setting.Kind.DURATION, Duration.class));
  }

  /**
   * @throws IllegalArgumentException when the value is not a whole number
   */
  public Optional<Long> integer(String name) {
    return text(name).map(t -> parse(name, t, Setting.Kind.INTEGER, Long.class));
  }

  /**
   * @throws IllegalArgumentException when the value is neither {@code true} nor {@code false}
   */
  public Optional<Boolean> flag(String name) {
    return text(name).map(t -> parse(name, t, Setting.Kind.FLAG, Boolean.class));
  }

  /** A YAML list, or a text split at commas; empty when not set. */
  public List<String> list(String name) {
    Object v = values.get(name);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    List<String> items = new ArrayList<>();
    for (String item : text(name).orElse("").split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return List.copyOf(items);
  }

  private <T> T parse(String name, String text, Setting.Kind kind, Class<T> type) {
    try {
      return type.cast(convert(text, kind));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "extensions." + extension + "." + name + ": " + e.getMessage());
    }
  }

  /** Checks {@code text} against {@code kind}; the message fits after the key. */
  private static Object convert(String text, Setting.Kind kind) {
    return switch (kind) {
      case URL -> {
        try {
          URI uri = new URI(text);
          if (uri.getScheme() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(
                "'" + text + "' is not a URL with a scheme and a host (redis://host:6379)");
          }
          yield uri;
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException(
              "'" + text + "' is not a valid URL (" + e.getReason() + ")");
        }
      }
      case DURATION -> Durations.parse(text);
      case INTEGER -> {
        try {
          yield Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
      }
      case FLAG -> {
        String t = text.trim().toLowerCase();
        if (!t.equals("true") && !t.equals("false")) {
          throw new IllegalArgumentException("'" + text + "' is not true or false");
        }
        yield Boolean.valueOf(t);
      }
      default -> text;
    };
  }

  /**
   * Checks the profile's {@code extensions} section against the settings the installed checks
   * declare: every extension and setting must be declared by some check, and every value must be of
   * the declared kind.
   *
   * @throws ProfileException naming the key, e.g. {@code extensions.myapp.redis.url: 'x' is not a
   *     URL with a scheme and a host}
   */
  public static void validate(Profile profile, Collection<Setting> declared)
      throws ProfileException {
    Map<String, Map<String, Setting>> byExtension = new LinkedHashMap<>();
    for (Setting s : declared) {
      byExtension.computeIfAbsent(s.extension(), k -> new LinkedHashMap<>()).put(s.name(), s);
    }
    for (Map.Entry<String, Map<String, Object>> e : profile.extensions().entrySet()) {
      Map<String, Setting> known = byExtension.get(e.getKey());
      if (known == null) {
        throw new ProfileException(
            "extensions."
                + e.getKey()
                + ": no installed check reads this extension"
                + (byExtension.isEmpty()
                    ? " (no check declares extension settings)"
                    : " (extensions: " + String.join(", ", new TreeSet<>(byExtension.keySet())))
                + (byExtension.isEmpty() ? "" : ")"));
      }
      for (Map.Entry<String, Object> v : e.getValue().entrySet()) {
        String key = "extensions." + e.getKey() + "." + v.getKey();
        Setting setting = known.get(v.getKey());
        if (setting == null) {
          throw new ProfileException(
              key
                  + ": unknown setting ("
                  + e.getKey()
                  + " takes: "
                  + String.join(", ", known.keySet())
                  + ")");
        }
        if (setting.kind() != Setting.Kind.LIST && v.getValue() instanceof List<?>) {
          throw new ProfileException(key + ": a list, where one value is expected");
        }
        if (v.getValue() instanceof String text) {
          try {
            convert(text, setting.kind());
          } catch (IllegalArgumentException bad) {
            throw new ProfileException(key + ": " + bad.getMessage());
          }
        }
      }
    }
  }
}
