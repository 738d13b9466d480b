/**
 * The one network layer every probe dials through: a {@link
 * io.threescaledoctor.checks.net.HostPort} as URLs and people write it, the {@link
 * io.threescaledoctor.checks.net.HttpProxy} an endpoint is reached through (parsed once from the
 * profile), a {@link io.threescaledoctor.checks.net.Dialer} that opens TCP directly or through the
 * proxy's {@code CONNECT} and upgrades to TLS, with the context's timeouts, and returns a typed
 * {@link io.threescaledoctor.checks.net.Dial}; and the one {@link
 * io.threescaledoctor.checks.net.Classifier} that turns an exception into an {@link
 * io.threescaledoctor.checks.net.Outcome}. {@code tcp.connect}, the TLS checks and the HTTP probe
 * all stand on it, so "refused", "timed out" or "closed without an answer" mean the same thing in
 * every check.
 */
package io.threescaledoctor.checks.net;
