package io.threescaledoctor.checks.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What one TLS handshake showed: the negotiated parameters and the chain exactly as the peer
 * presented it (leaf first), whether or not it is trusted. {@code tls.handshake} hands it to {@code
 * tls.certificate} as facts.
 *
 * @param serverName the SNI name sent, or null when none was (an IP address target)
 * @param alpn the protocol the server chose, or null when it chose none
 */
public record TlsSession(
    String host,
    int port,
    String serverName,
    String protocol,
    String cipherSuite,
    String alpn,
    long handshakeMillis,
    List<X509Certificate> chain) {
  public TlsSession {
    chain = List.copyOf(chain);
  }
}
