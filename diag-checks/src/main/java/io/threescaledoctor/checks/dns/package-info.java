/**
 * DNS checks with dnsjava: {@code dns.resolve} (A, AAAA, CNAME chain with TTLs, through the system
 * resolver or the profile's resolvers) and {@code dns.bypass} (is it DNS or reachability?), plus
 * {@link io.threescaledoctor.checks.dns.ResolvePins} for {@code network.resolve}.
 */
package io.threescaledoctor.checks.dns;
