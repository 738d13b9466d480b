package io.threescaledoctor.core.check;

import java.util.Objects;

/**
 * A key or token: provider key, service token, access token, user key, app key.
 *
 * <p>{@link #toString()} and every renderer show only {@link #masked()}; the raw value is read with
 * {@link #reveal()} only where a request needs it. Keep secrets in this type from the moment they
 * are parsed so that no log or report can print them by accident.
 */
public final class Secret {
  private static final int SHOWN_TAIL = 4;
  private static final int MIN_LENGTH_TO_SHOW_TAIL = 12;

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The raw value, for the one request that needs it. Never log or render it. */
  public String reveal() {
    return value;
  }

  /**
   * {@code ****1a2b}: enough of the tail to tell two keys apart, never enough to use one. Short
   * values show no tail at all, since four characters of an eight-character key is half of it.
   */
  public String masked() {
    return mask(value);
  }

  public static String mask(String raw) {
    if (raw.length() < MIN_LENGTH_TO_SHOW_TAIL) {
      return "****";
    }
    return "****" + raw.substring(raw.length() - SHOWN_TAIL);
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return masked();
  }
}
