package io.threescaledoctor.checks.net;

import java.util.Locale;

/** What became of one attempt to reach a peer, in the terms a network engineer uses. */
public enum Outcome {
  /** The connection (and the TLS handshake, when one was asked for) is up. */
  CONNECTED,
  /** The host answered the SYN with a reset: it is up, but nothing listens on the port. */
  REFUSED,
  /** No answer within a timeout: a firewall dropping packets, a dead host, or a stalled peer. */
  TIMED_OUT,
  /** The network said no route (ICMP unreachable, no route, a blackhole route). */
  UNREACHABLE,
  /** The peer reset a connection it had accepted. */
  RESET,
  /** The peer accepted, then closed the connection before it answered. */
  CLOSED,
  /** The TLS handshake failed: an alert, a peer that does not speak TLS, a rejected chain. */
  TLS_FAILED,
  /** The proxy answered {@code CONNECT} with something other than 2xx. */
  PROXY_REJECTED,
  /** Anything else, with the exception's own words. */
  ERROR;

  /** {@code timed out}, {@code TLS failed}: for sentences. */
  public String word() {
    return this == TLS_FAILED ? "TLS failed" : name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * Whether the peer's host answered at all: a refused, reset or closed connection proves the path
   * to it works, so these are never a firewall's doing (unlike a timeout or an unreachable).
   */
  public boolean hostAnswered() {
    return this == REFUSED
        || this == RESET
        || this == CLOSED
        || this == TLS_FAILED
        || this == CONNECTED;
  }
}
