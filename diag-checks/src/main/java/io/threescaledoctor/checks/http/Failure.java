package io.threescaledoctor.checks.http;

import io.threescaledoctor.checks.net.Outcome;
import io.threescaledoctor.checks.net.Phase;

/**
 * Why an HTTP exchange got no complete response. The message is fit to show and, for timeouts,
 * names the timeout that fired and its profile key, e.g. {@code no response within the read timeout
 * of 5s (timeouts.read)}.
 *
 * @param outcome the net layer's outcome behind it
 * @param phase where the exchange failed
 * @param atProxy whether the proxy, not the target, failed
 * @param issue the known issue the failure already proves (a rejected certificate's {@code
 *     tls-self-signed}, {@code tls-expired}...), or null when only the kind is known
 */
public record Failure(
    Kind kind, String message, Outcome outcome, Phase phase, boolean atProxy, String issue) {

  /** A failure whose known issue follows from its kind and where it happened. */
  public Failure(Kind kind, String message, Outcome outcome, Phase phase, boolean atProxy) {
    this(kind, message, outcome, phase, atProxy, null);
  }

  /** A failure known only by its kind (tests and fakes). */
  public Failure(Kind kind, String message) {
    this(kind, message, outcomeOf(kind), phaseOf(kind), kind == Kind.PROXY);
  }

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
    /** The peer reset the connection mid-exchange. */
    RESET,
    /** The peer accepted the connection, then closed it without an answer. */
    CLOSED,
    /** The TLS handshake failed: protocol, cipher or alert. */
    TLS,
    /**
     * The client rejected the certificate the peer presented (self-signed, expired, untrusted
     * issuer, another host's name); {@link #issue()} says which.
     */
    CERTIFICATE,
    /** The peer spoke, but not HTTP (or broke HTTP's framing). */
    PROTOCOL,
    /** The proxy refused, failed or rejected the connection. */
    PROXY,
    /** Anything else, with the exception's message. */
    OTHER
  }

  /** Whether a timeout fired. */
  public boolean timedOut() {
    return outcome == Outcome.TIMED_OUT;
  }

  private static Outcome outcomeOf(Kind kind) {
    return switch (kind) {
      case REFUSED -> Outcome.REFUSED;
      case CONNECT_TIMEOUT, READ_TIMEOUT -> Outcome.TIMED_OUT;
      case NO_ROUTE -> Outcome.UNREACHABLE;
      case RESET -> Outcome.RESET;
      case CLOSED -> Outcome.CLOSED;
      case TLS, CERTIFICATE -> Outcome.TLS_FAILED;
      case PROXY -> Outcome.PROXY_REJECTED;
      case UNKNOWN_HOST, PROTOCOL, OTHER -> Outcome.ERROR;
    };
  }

  private static Phase phaseOf(Kind kind) {
    return switch (kind) {
      case REFUSED, CONNECT_TIMEOUT, NO_ROUTE, UNKNOWN_HOST -> Phase.CONNECT;
      case TLS, CERTIFICATE -> Phase.TLS;
      case PROXY -> Phase.PROXY;
      default -> Phase.EXCHANGE;
    };
  }
}
