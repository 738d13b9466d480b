package io.threescaledoctor.checks.process;

import io.threescaledoctor.checks.net.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TCP sockets listening on this host and the processes that hold them, read from {@code
 * /proc/net/tcp}, {@code /proc/net/tcp6} (state {@code 0A}, with the socket's inode) and the {@code
 * socket:[INODE]} links under {@code /proc/PID/fd}: what {@code ss -ltnp} shows, without running
 * it. Only processes whose descriptors this user may read are found (all of them as root).
 */
public final class ListeningSockets {
  private static final String LISTEN = "0A";

  private final List<Listener> listeners;
  private final Map<Long, Set<Long>> pidsByInode;

  private ListeningSockets(List<Listener> listeners, Map<Long, Set<Long>> pidsByInode) {
    this.listeners = List.copyOf(listeners);
    this.pidsByInode = pidsByInode;
  }

  /** One listening socket: {@code 0.0.0.0} and {@code ::} mean every address of the host. */
  public record Listener(InetAddress address, int port, long inode) {
    public boolean wildcard() {
      return address.isAnyLocalAddress();
    }

    /** Whether a connection to {@code target} on {@link #port()} reaches this socket. */
    public boolean accepts(InetAddress target) {
      if (wildcard()) {
        // A :: socket takes IPv4 too unless it is v6-only, which /proc does not say.
        return address.getAddress().length == 16 || target.getAddress().length == 4;
      }
      return address.equals(target);
    }

    public String label() {
      return HostPort.label(address, port);
    }
  }

  /** Reads the listening sockets and, for each, the processes holding it. */
  public static ListeningSockets read(Path proc) throws IOException {
    List<Listener> all = new ArrayList<>();
    all.addAll(parse(proc.resolve("net/tcp")));
    all.addAll(parse(proc.resolve("net/tcp6")));
    Set<Long> inodes = new HashSet<>();
    all.forEach(l -> inodes.add(l.inode()));
    return new ListeningSockets(all, owners(proc, inodes));
  }

  public List<Listener> all() {
    return listeners;
  }

  /** The sockets listening on {@code port}, on any address. */
  public List<Listener> onPort(int port) {
    return listeners.stream().filter(l -> l.port() == port).toList();
  }

  /** The processes (pids) that hold {@code listener}; empty when none is visible to this user. */
  public Set<Long> owners(Listener listener) {
    return pidsByInode.getOrDefault(listener.inode(), Set.of());
  }

  /** The sockets any of {@code pids} listens on. */
  public List<Listener> heldBy(Set<Long> pids) {
    return listeners.stream().filter(l -> owners(l).stream().anyMatch(pids::contains)).toList();
  }

  static List<Listener> parse(Path table) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException noIpv6) {
      return List.of();
    }
    List<Listener> out = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || !LISTEN.equals(f[3])) {
        continue;
      }
      int colon = f[1].indexOf(':');
      try {
        InetAddress address = address(f[1].substring(0, colon));
        int port = Integer.parseInt(f[1].substring(colon + 1), 16);
        out.add(new Listener(address, port, Long.parseLong(f[9])));
      } catch (RuntimeException | UnknownHostException malformed) {
        // A line this parser does not understand says nothing about the gateway.
      }
    }
    return out;
  }

  /** The kernel prints each 32-bit word of the address in host (little-endian) byte order. */
  static InetAddress address(String hex) throws UnknownHostException {
    byte[] b = new byte[hex.length() / 2];
    for (int word = 0; word < b.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = (word * 4 + (3 - i)) * 2;
        b[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    return InetAddress.getByAddress(b);
  }

  private static Map<Long, Set<Long>> owners(Path proc, Set<Long> inodes) throws IOException {
    Map<Long, Set<Long>> byInode = new HashMap<>();
    try (DirectoryStream<Path> dirs =
        Files.newDirectoryStream(
            proc, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path dir : dirs) {
        long pid = Long.parseLong(dir.getFileName().toString());
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
          for (Path fd : fds) {
            String target;
            try {
              target = Files.readSymbolicLink(fd).toString();
            } catch (IOException closedMeanwhile) {
              continue;
            }
            if (target.startsWith("socket:[")) {
              long inode = Long.parseLong(target.substring(8, target.length() - 1));
              if (inodes.contains(inode)) {
                byInode.computeIfAbsent(inode, k -> new HashSet<>()).add(pid);
              }
            }
          }
        } catch (IOException | SecurityException notOurs) {
          // Another user's process, or one that exited while being read.
        }
      }
    }
    return byInode;
  }
}
