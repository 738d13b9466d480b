package io.threescaledoctor.checks.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Address;

/**
 * The names {@code network.resolve} pins to addresses, like curl's {@code --resolve}. Entries are
 * {@code NAME:IP}; curl's {@code NAME:PORT:IP} is accepted too (the port is ignored, since a pin
 * here applies to every port). IPv6 addresses may be written bare or in brackets.
 */
public final class ResolvePins {
  private final Map<String, InetAddress> pins;

  private ResolvePins(Map<String, InetAddress> pins) {
    this.pins = Collections.unmodifiableMap(pins);
  }

  /**
   * @throws IllegalArgumentException naming the entry, when one is not {@code NAME:IP}
   */
  public static ResolvePins parse(List<String> entries) {
    Map<String, InetAddress> pins = new LinkedHashMap<>();
    for (String entry : entries) {
      String e = entry.trim();
      int colon = e.indexOf(':');
      if (colon <= 0 || colon == e.length() - 1) {
        throw new IllegalArgumentException(
            "network.resolve '" + entry + "': expected NAME:IP, e.g. api.example.com:10.0.0.5");
      }
      String name = e.substring(0, colon);
      String rest = e.substring(colon + 1);
      int second = rest.indexOf(':');
      if (second > 0 && rest.substring(0, second).chars().allMatch(Character::isDigit)) {
        rest = rest.substring(second + 1);
      }
      pins.put(
          name.toLowerCase(Locale.ROOT),
          literal(rest)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "network.resolve '"
                              + entry
                              + "': '"
                              + e.substring(colon + 1)
                              + "' is not an IP address")));
    }
    return new ResolvePins(pins);
  }

  /** The address {@code name} is pinned to, if it is. */
  public Optional<InetAddress> lookup(String name) {
    return Optional.ofNullable(pins.get(stripDot(name).toLowerCase(Locale.ROOT)));
  }

  public boolean isEmpty() {
    return pins.isEmpty();
  }

  /** Every pin, as {@code name -> address}. */
  public Map<String, InetAddress> all() {
    return pins;
  }

  /**
   * Parses an IPv4 or IPv6 literal without any DNS query (an {@code InetAddress.getByName} on a
   * name would resolve it, which is exactly what a pin must not do).
   */
  public static Optional<InetAddress> literal(String text) {
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    try {
      return Optional.of(Address.getByAddress(t));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String stripDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }
}
