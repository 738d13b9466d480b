package io.threescaledoctor.checks.logs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to its current addresses: the one way the log analysis may reach the
 * network, given only when asked ({@code logs --dns-lookup}, or a live {@code run}); a seam so
 * tests can record the lookups.
 */
@FunctionalInterface
public interface HostResolver {
  List<InetAddress> resolve(String host) throws UnknownHostException;
}
