/**
 * TLS checks: the handshake (protocol, cipher, SNI, ALPN), the presented certificate chain, and
 * which protocol versions a peer accepts (SSLv3 by a hand-built ClientHello), plus {@link
 * io.threescaledoctor.checks.tls.TrustMaterial}: the JDK's CAs and the {@code tls.caFile} bundle.
 */
package io.threescaledoctor.checks.tls;
