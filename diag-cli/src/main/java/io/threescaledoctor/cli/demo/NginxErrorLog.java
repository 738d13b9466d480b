package io.threescaledoctor.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes error-log lines in nginx's format, as the gateway stand-in's nginx would. */
final class NginxErrorLog {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Path file;
  private final Clock clock;
  private final long pid = ProcessHandle.current().pid();

  NginxErrorLog(Path file, Clock clock) throws IOException {
    this.file = file;
    this.clock = clock;
    Files.writeString(file, "", StandardCharsets.UTF_8);
    notice("nginx/1.22.1 (3scale-doctor demo gateway)");
    notice("start worker processes");
  }

  Path file() {
    return file;
  }

  void notice(String message) {
    write(TIME.format(clock.instant()) + " [notice] " + pid + "#" + pid + ": " + message);
  }

  /**
   * One {@code [error]} line for connection {@code connection}; {@code context} is what nginx
   * appends (client, server, request, upstream, host).
   */
  void error(long connection, String message, String context) {
    write(
        TIME.format(clock.instant())
            + " [error] "
            + pid
            + "#"
            + pid
            + ": *"
            + connection
            + " "
            + message
            + ", "
            + context);
  }

  /** As {@link #error}, at level {@code warn} (APIcast's Lua modules log there). */
  void warn(long connection, String message, String context) {
    write(
        TIME.format(clock.instant())
            + " [warn] "
            + pid
            + "#"
            + pid
            + ": *"
            + connection
            + " "
            + message
            + ", "
            + context);
  }

  private synchronized void write(String line) {
    try {
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
