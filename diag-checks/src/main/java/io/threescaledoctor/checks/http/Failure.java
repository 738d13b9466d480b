package io.threescaledoctor.checks.http;

/**
 * Why an HTTP exchange got no complete response. The message is fit to show and, for timeouts,
 * names the timeout that fired and its profile key, e.g. {@code no response within the read timeout
 * of 5s (timeouts.read)}.
 */
public record Failure(Kind kind, String message) {

  /** What went wrong, coarse enough for a check to map to a known issue. */
  public enum Kind {
    /** Nothing listens: the peer answered the SYN with a reset. */
    REFUSED,
    /** No answer to the connection attempt within {@code timeouts.connect}. */
    CONNECT_TIMEOUT,
    /**
     * Connected, but the TLS handshake, response head or body stalled past {@code timeouts.read}.
     */
    READ_TIMEOUT,
    /** The name does not resolve. */
    UNKNOWN_HOST,
    /** The network has no route to the address (ICMP unreachable). */
    NO_ROUTE,
    /** The peer reset or closed the connection mid-exchange. */
    RESET,
    /** The TLS handshake failed: untrusted chain, hostname mismatch, protocol or alert. */
    TLS,
    /** The peer spoke, but not HTTP (or broke HTTP's framing). */
    PROTOCOL,
    /** Anything else, with the exception's message. */
    OTHER
  }
}
