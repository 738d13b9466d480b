package io.threescaledoctor.checks.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the time of one exchange went, phase by phase, in milliseconds; {@code -1} means the phase
 * did not happen or could not be measured, and such a phase is left out of {@link #toEvidence()}
 * rather than shown as a made-up number.
 *
 * <ul>
 *   <li>{@code dnsMillis}: the name lookup, timed around the probe's {@code DnsResolver} (absent
 *       for an IP literal, which needs no lookup; a pinned name takes about 0 ms).
 *   <li>{@code connectMillis}: the TCP connect of the attempt that succeeded, timed around {@code
 *       Socket.connect} on the socket the probe hands to HttpClient (to the proxy, when one is
 *       used).
 *   <li>{@code tlsMillis}: the TLS handshake, timed around the {@code TlsSocketStrategy} upgrade.
 *   <li>{@code firstByteMillis}: from the request head written to the response head read, reported
 *       by HttpCore's {@code Http1StreamListener}: the server's think time (plus any request body
 *       upload), what browsers call waiting time.
 *   <li>{@code totalMillis}: from the start of the exchange to the end of the body read (or the
 *       failure).
 * </ul>
 */
public record HttpTimings(
    long dnsMillis, long connectMillis, long tlsMillis, long firstByteMillis, long totalMillis) {

  /** The measured phases under the keys the report's waterfall reads, in phase order. */
  public Map<String, Object> toEvidence() {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "dnsMillis", dnsMillis);
    put(m, "connectMillis", connectMillis);
    put(m, "tlsMillis", tlsMillis);
    put(m, "firstByteMillis", firstByteMillis);
    put(m, "totalMillis", totalMillis);
    return m;
  }

  private static void put(Map<String, Object> m, String key, long value) {
    if (value >= 0) {
      m.put(key, value);
    }
  }
}
