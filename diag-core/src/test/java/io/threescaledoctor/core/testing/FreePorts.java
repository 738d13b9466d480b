package io.threescaledoctor.core.testing;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;

/**
 * Loopback ports for the servers the tests start, safe while other sessions run tests on the same
 * machine. A server the test runs in its own JVM binds port 0 and says which port it got; a program
 * the test starts (nginx, dnsmasq, openssl s_server, redis, prometheus, a database) must be told a
 * port, which another process can take between the moment it was found free and the moment the
 * program binds it: {@link #tcp(Start)} and its siblings start the program again on other ports
 * when it could not bind ("Address already in use"). A test that needs a port nothing answers on
 * takes a {@link #refusing()} one, which no other process can take while the test holds it.
 */
public final class FreePorts {
  /** How many times a program is started on fresh ports before its clash is reported. */
  static final int ATTEMPTS = 5;

  private static final InetAddress LOOPBACK = loopback();

  private FreePorts() {}

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Starts a program on the port it is given, or fails saying why (its output, its exit). */
  @FunctionalInterface
  public interface Start<T> {
    T on(int port) throws Exception;
  }

  /** Starts a program on the ports it is given. */
  @FunctionalInterface
  public interface StartOnPorts<T> {
    T on(int[] ports) throws Exception;
  }

  /**
   * Starts a program on a loopback TCP port that was free a moment ago, and again on another when
   * the program could not bind it.
   */
  public static <T> T tcp(Start<T> start) throws Exception {
    return tcp(1, ports -> start.on(ports[0]));
  }

  /** As {@link #tcp(Start)}, for a program that listens on {@code count} ports. */
  public static <T> T tcp(int count, StartOnPorts<T> start) throws Exception {
    return retrying(
        () -> {
          int[] ports = new int[count];
          // Held together until all are chosen, so the same port is never handed out twice.
          ServerSocket[] held = new ServerSocket[count];
          try {
            for (int i = 0; i < count; i++) {
              held[i] = new ServerSocket(0, 1, LOOPBACK);
              ports[i] = held[i].getLocalPort();
            }
          } finally {
            for (ServerSocket s : held) {
              if (s != null) {
                s.close();
              }
            }
          }
          return ports;
        },
        start);
  }

  /**
   * As {@link #tcp(Start)}, for a program that binds the same port number for UDP and TCP (a DNS
   * server).
   */
  public static <T> T udpAndTcp(Start<T> start) throws Exception {
    return retrying(
        () -> {
          while (true) {
            try (DatagramSocket udp = new DatagramSocket(0, LOOPBACK);
                ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, LOOPBACK)) {
              return new int[] {tcp.getLocalPort()};
            } catch (BindException takenForTcp) {
              // that number is free for UDP only: take another
            }
          }
        },
        ports -> start.on(ports[0]));
  }

  private interface Pick {
    int[] ports() throws IOException;
  }

  private static <T> T retrying(Pick pick, StartOnPorts<T> start) throws Exception {
    Exception clash = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return start.on(pick.ports());
      } catch (Exception e) {
        if (!portWasTaken(e)) {
          throw e;
        }
        clash = e;
      }
    }
    throw new IllegalStateException(
        "no free port after " + ATTEMPTS + " attempts, each taken before the program bound it",
        clash);
  }

  /** Whether {@code e} (or what caused it) says the port was taken. */
  static boolean portWasTaken(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof BindException
          || message.contains("address already in use")
          || message.contains("eaddrinuse")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A loopback TCP port that refuses connections for as long as the returned handle is open: a
   * socket is bound to it but never listens, so the kernel answers every connection with a reset
   * (ECONNREFUSED) and no other process can bind it meanwhile.
   */
  public static RefusingPort refusing() throws IOException {
    Socket bound = new Socket();
    bound.setReuseAddress(false);
    bound.bind(new InetSocketAddress(LOOPBACK, 0));
    return new RefusingPort(bound, bound.getLocalPort());
  }

  /**
   * The same for UDP: a socket bound to the port and connected elsewhere takes no datagram from
   * anyone else, so the kernel answers them with ICMP port unreachable, as for a port nothing
   * holds, while no other process can bind it.
   */
  public static RefusingPort refusingUdp() throws IOException {
    DatagramSocket bound = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    bound.connect(new InetSocketAddress(LOOPBACK, DISCARD_PORT));
    return new RefusingPort(bound, bound.getLocalPort());
  }

  /** Where a {@link #refusingUdp()} socket is connected: the discard port, never answered. */
  private static final int DISCARD_PORT = 9;

  /** A port held and never served; see {@link #refusing()} and {@link #refusingUdp()}. */
  public static final class RefusingPort implements AutoCloseable {
    private final Closeable holder;
    private final int port;

    private RefusingPort(Closeable holder, int port) {
      this.holder = holder;
      this.port = port;
    }

    public int port() {
      return port;
    }

    /** {@code 127.0.0.1:PORT}. */
    public String address() {
      return LOOPBACK.getHostAddress() + ":" + port;
    }

    @Override
    public void close() throws IOException {
      holder.close();
    }
  }
}
