package io.threescaledoctor.core.check;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One setting a check of your own reads from the profile's {@code extensions} section, declared by
 * {@link Check#settings()} so that the doctor can validate the profile before anything runs (an
 * unknown or malformed setting is a {@code ProfileException} naming it), mask the secret ones in
 * every output, skip a check whose required setting is missing, and list them in {@code
 * 3scale-doctor checks}.
 *
 * <p>In YAML the settings of one extension sit under its id; on the command line {@code --set
 * extensions.ID.NAME=VALUE} sets one (the last dot separates the name):
 *
 * <pre>{@code
 * extensions:
 *   myapp.redis:
 *     url: redis://10.0.0.7:6379
 *     password: ${REDIS_PASSWORD}
 *     timeout: 2s
 * }</pre>
 *
 * <pre>{@code
 * static final Setting URL = Setting.url("myapp.redis", "url", "where the session store listens").asRequired();
 * static final Setting PASSWORD = Setting.secret("myapp.redis", "password", "AUTH password");
 * public List<Setting> settings() { return List.of(URL, PASSWORD); }
 * ...
 * URI url = context.settings(URL.extension()).url("url").orElseThrow();
 * }</pre>
 *
 * @param extension the extension id, lower-case words joined by dots or dashes ({@code
 *     myapp.redis}); several checks of one extension share its settings
 * @param name the setting's name within the extension, camelCase ({@code url}, {@code readTimeout})
 * @param kind what the value must be
 * @param required whether a check that declares it cannot run without it (it is then SKIP, naming
 *     the key, as for a missing core key)
 * @param description one line for {@code 3scale-doctor checks}
 */
public record Setting(
    String extension, String name, Kind kind, boolean required, String description) {
  private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");
  private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

  /** What a setting's value must be; the profile is checked against it before a run. */
  public enum Kind {
    /** Any text. */
    TEXT,
    /** A URL with a scheme and a host ({@code redis://host:6379}, {@code https://...}). */
    URL,
    /** A password, key or token: shown only masked ({@code ****1a2b}) in every output. */
    SECRET,
    /** {@code 500ms}, {@code 3s}, {@code 2m}, as the profile's timeouts. */
    DURATION,
    /** A whole number. */
    INTEGER,
    /** {@code true} or {@code false}. */
    FLAG,
    /** A YAML list, or items separated by commas (as {@code --set} gives them). */
    LIST
  }

  public Setting {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    if (extension == null || !EXTENSION.matcher(extension).matches()) {
      throw new IllegalArgumentException(
          "extension id '"
              + extension
              + "' must be lower-case words or digits joined by dots or dashes, e.g. myapp.redis");
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "setting name '" + name + "' must be camelCase letters and digits, e.g. readTimeout");
    }
  }

  /** Whether {@code id} may name an extension. */
  public static boolean isExtensionId(String id) {
    return id != null && EXTENSION.matcher(id).matches();
  }

  /** Whether {@code name} may name a setting. */
  public static boolean isSettingName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public static Setting text(String extension, String name, String description) {
    return new Setting(extension, name, Kind.TEXT, false, description);
  }

  public static Setting url(String extension, String name, String description) {
    return new Setting(extension, name, Kind.URL, false, description);
  }

  public static Setting secret(String extension, String name, String description) {
    return new Setting(extension, name, Kind.SECRET, false, description);
  }

  public static Setting duration(String extension, String name, String description) {
    return new Setting(extension, name, Kind.DURATION, false, description);
  }

  public static Setting integer(String extension, String name, String description) {
    return new Setting(extension, name, Kind.INTEGER, false, description);
  }

  public static Setting flag(String extension, String name, String description) {
    return new Setting(extension, name, Kind.FLAG, false, description);
  }

  public static Setting list(String extension, String name, String description) {
    return new Setting(extension, name, Kind.LIST, false, description);
  }

  /** This setting, required: a check that declares it is SKIP while the profile lacks it. */
  public Setting asRequired() {
    return new Setting(extension, name, kind, true, description);
  }

  /** The dotted profile key, as {@code --set} and error messages name it. */
  public String key() {
    return "extensions." + extension + "." + name;
  }
}
