package io.threescaledoctor.checks.net;

/** Where in a connection's life something went wrong; decides which timeout fired. */
public enum Phase {
  /** Opening TCP to the peer, or to the proxy ({@code timeouts.connect}). */
  CONNECT,
  /** Asking the proxy to {@code CONNECT} ({@code timeouts.read}). */
  PROXY,
  /** The TLS handshake ({@code timeouts.read}). */
  TLS,
  /** Sending the request and reading the answer ({@code timeouts.read}). */
  EXCHANGE;

  /** The profile key of the timeout that bounds this phase. */
  public String timeoutKey() {
    return this == CONNECT ? "timeouts.connect" : "timeouts.read";
  }
}
