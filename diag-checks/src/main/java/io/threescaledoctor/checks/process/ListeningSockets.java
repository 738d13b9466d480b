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

  private final Path proc;
  private final List<Listener> listeners;
  private final Map<Long, Set<Long>> pidsByInode = new HashMap<>();

  private ListeningSockets(Path proc, List<Listener> listeners) {
    this.proc = proc;
    this.listeners = List.copyOf(listeners);
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

  /** Reads the listening sockets; their owners are looked up when asked for. */
  public static ListeningSockets read(Path proc) throws IOException {
    List<Listener> all = new ArrayList<>();
    all.addAll(parse(proc.resolve("net/tcp")));
    all.addAll(parse(proc.resolve("net/tcp6")));
    return new ListeningSockets(proc, all);
  }

  public List<Listener> all() {
    return listeners;
  }

  /** The sockets listening on {@code port}, on any address. */
  public List<Listener> onPort(int port) {
    return listeners.stream().filter(l -> l.port() == port).toList();
  }

  /**
   * The processes (pids) that hold {@code listener}; empty when none is visible to this user. Every
   * process's descriptors are read once, on the first call.
   */
  public synchronized Set<Long> owners(Listener listener) {
    if (pidsByInode.isEmpty() && !listeners.isEmpty()) {
      Set<Long> inodes = new HashSet<>();
      listeners.forEach(l -> inodes.add(l.inode()));
      scan(allPids(proc), inodes);
    }
    return pidsByInode.getOrDefault(listener.inode(), Set.of());
  }

  /** The sockets any of {@code pids} listens on, reading only those processes' descriptors. */
  public List<Listener> heldBy(Set<Long> pids) {
    Set<Long> held = new HashSet<>();
    for (long pid : pids) {
      held.addAll(socketInodes(proc.resolve(Long.toString(pid))));
    }
    return listeners.stream().filter(l -> held.contains(l.inode())).toList();
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

  private void scan(List<Path> processes, Set<Long> inodes) {
    for (Path dir : processes) {
      long pid = Long.parseLong(dir.getFileName().toString());
      for (long inode : socketInodes(dir)) {
        if (inodes.contains(inode)) {
          pidsByInode.computeIfAbsent(inode, k -> new HashSet<>()).add(pid);
        }
      }
    }
  }

  private static List<Path> allPids(Path proc) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs =
        Files.newDirectoryStream(
            proc, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      dirs.forEach(out::add);
    } catch (IOException unreadable) {
      // no process is visible: no owner is either
    }
    return out;
  }

  /** The inodes of the sockets process {@code dir} holds; empty for another user's process. */
  private static Set<Long> socketInodes(Path dir) {
    Set<Long> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor went away between listing and reading
        }
      }
    } catch (IOException | SecurityException notOurs) {
      // another user's process, or one that exited while being read
    }
    return inodes;
  }
}
