package io.threescaledoctor.checks.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether the doctor can open a TCP connection to a host and port from where it runs. A seam: the
 * live path probes, the offline path ({@link #OFFLINE}) never touches the network.
 */
@FunctionalInterface
public interface Reachability {
  /** Never probes: offline analyses make no network call. */
  Reachability OFFLINE = (host, port, timeout) -> Optional.of("not probed (offline)");

  /** Empty when a connection opened; otherwise why not, in words. */
  Optional<String> problem(String host, int port, Duration timeout);

  /** Whether this reachability actually probes. */
  default boolean probes() {
    return this != OFFLINE;
  }

  /** A plain TCP connect within the timeout. */
  static Reachability tcp() {
    return (host, port, timeout) -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
        return Optional.empty();
      } catch (IOException e) {
        return Optional.of(
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      }
    };
  }
}
