package io.threescaledoctor.checks.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The nginx (or OpenResty/APIcast) processes on this host, read from {@code /proc} without running
 * {@code ps}: masters and workers by their titles ({@code nginx: master process ...}), each with
 * its command line, parent and start time.
 */
public final class NginxProcesses {
  /** Kernel clock ticks per second for {@code /proc/PID/stat} times; Linux fixes it at 100. */
  static final long USER_HZ = 100;

  private NginxProcesses() {}

  /** One process. */
  public record Proc(long pid, long ppid, String cmdline, Instant started) {
    public boolean master() {
      return cmdline.startsWith("nginx: master process");
    }

    public boolean worker() {
      return cmdline.startsWith("nginx: worker process");
    }

    /** {@code nginx}, {@code java}, {@code docker-proxy}: the program, for sentences. */
    public String program() {
      if (cmdline.startsWith("nginx: ")) {
        return "nginx";
      }
      String first = cmdline.split(" ", 2)[0];
      return first.substring(first.lastIndexOf('/') + 1);
    }
  }

  /** Every nginx master and worker under {@code proc} (normally {@code /proc}). */
  public static List<Proc> list(Path proc) throws IOException {
    long bootTime = bootTime(proc);
    List<Proc> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs =
        Files.newDirectoryStream(
            proc, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path dir : dirs) {
        read(dir, bootTime).filter(p -> p.master() || p.worker()).ifPresent(out::add);
      }
    }
    out.sort((a, b) -> Long.compare(a.pid(), b.pid()));
    return out;
  }

  /** Process {@code pid}, nginx or not; empty when it is gone or unreadable. */
  public static Optional<Proc> process(Path proc, long pid) throws IOException {
    return read(proc.resolve(Long.toString(pid)), bootTime(proc), false);
  }

  /** Whether process {@code pid} has {@code file} open (nginx keeps its logs open). */
  public static boolean holdsFile(Path proc, long pid, Path file) {
    Path wanted = file.toAbsolutePath().normalize();
    try (DirectoryStream<Path> fds =
        Files.newDirectoryStream(proc.resolve(Long.toString(pid)).resolve("fd"))) {
      for (Path fd : fds) {
        try {
          if (Files.readSymbolicLink(fd).equals(wanted)) {
            return true;
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor went away between listing and reading
        }
      }
    } catch (IOException | SecurityException notVisible) {
      return false;
    }
    return false;
  }

  private static Optional<Proc> read(Path dir, long bootTime) {
    return read(dir, bootTime, true);
  }

  /** A process that ends while being read is simply left out. */
  private static Optional<Proc> read(Path dir, long bootTime, boolean nginxOnly) {
    try {
      byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
      String cmdline = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
      if (nginxOnly && !cmdline.startsWith("nginx: ")) {
        return Optional.empty();
      }
      if (cmdline.isEmpty()) {
        cmdline = "[" + Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).trim() + "]";
      }
      String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
      // Fields after the command name, which may itself hold spaces and parentheses.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      long ppid = Long.parseLong(f[1]);
      long startTicks = Long.parseLong(f[19]);
      Instant started = Instant.ofEpochMilli(bootTime * 1000 + startTicks * 1000 / USER_HZ);
      return Optional.of(
          new Proc(Long.parseLong(dir.getFileName().toString()), ppid, cmdline, started));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  private static long bootTime(Path proc) throws IOException {
    for (String line : Files.readAllLines(proc.resolve("stat"), StandardCharsets.UTF_8)) {
      if (line.startsWith("btime ")) {
        return Long.parseLong(line.substring(6).trim());
      }
    }
    throw new IOException(proc.resolve("stat") + " has no btime line");
  }
}
