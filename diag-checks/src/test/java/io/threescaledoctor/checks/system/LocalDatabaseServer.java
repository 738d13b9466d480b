package io.threescaledoctor.checks.system;

import io.threescaledoctor.core.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real database server (Debian's MariaDB or PostgreSQL 15) started by a test in a temporary data
 * directory on a free loopback port, as {@code nobody} when the test runs as root (PostgreSQL
 * refuses root), and stopped by its process id.
 */
public abstract class LocalDatabaseServer implements AutoCloseable {
  private static final int NOBODY = 65534;
  private static final Duration STARTUP = Duration.ofSeconds(60);

  final Path dir;
  int port;
  private Process process;

  LocalDatabaseServer(String name) throws IOException {
    dir = Files.createTempDirectory("3scale-doctor-" + name);
    if (runningAsRoot()) {
      Files.setAttribute(dir, "unix:uid", NOBODY);
      Files.setAttribute(dir, "unix:gid", NOBODY);
    }
  }

  abstract DatabaseFlavour flavour();

  /** The JDBC URL of {@code database} on this server. */
  public abstract String url(String database);

  /** A connection as the server's administrator, who may write. */
  abstract Connection administrator(String database) throws SQLException;

  /** Creates a database (PostgreSQL) or schema (MariaDB) named {@code name}. */
  public abstract void createDatabase(String name) throws SQLException;

  /** A user who may only read the tables of {@code database}. */
  public abstract void createReadOnlyUser(String database, String user, String password)
      throws SQLException;

  /** The SQL for the moment {@code months}, {@code days} and {@code hours} ago. */
  abstract String ago(int months, int days, int hours);

  /** The server's command line, for a port; the data directory is ready. */
  abstract List<String> serverCommand(int port);

  /** The file the server writes its log to, shown when it does not start. */
  abstract Path logFile();

  /** DDL with {@code {id}} (an auto-increment key) and {@code {ts}} (a timestamp) filled in. */
  abstract String ddl(String template);

  /** Runs a setup program (install-db, initdb) as the server's user; fails on non-zero exit. */
  void runAsServerUser(List<String> command, Path log) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(asServerUser(command))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command.get(0) + " did not finish within 120 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          command.get(0)
              + " exited with "
              + p.exitValue()
              + ": "
              + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  /** Starts the server on a free port, on another when the port was taken first. */
  void launch() throws Exception {
    FreePorts.tcp(
        free -> {
          launchOn(free);
          return null;
        });
  }

  private void launchOn(int free) throws IOException, InterruptedException {
    port = free;
    process =
        new ProcessBuilder(asServerUser(serverCommand(port)))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .start();
    // A test JVM that dies must not leave a database server behind.
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
    long deadline = System.nanoTime() + STARTUP.toNanos();
    SQLException refused = null;
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Connection c = administrator(null)) {
        return;
      } catch (SQLException e) {
        refused = e;
        Thread.sleep(200);
      }
    }
    stopProcess();
    throw new IOException(
        "database server did not start on port "
            + port
            + " ("
            + (refused == null ? "exited" : refused.getMessage())
            + "): "
            + log());
  }

  private String log() {
    try {
      List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Runs statements as the administrator in {@code database}. */
  void execute(String database, String... statements) throws SQLException {
    try (Connection c = administrator(database);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private List<String> asServerUser(List<String> command) {
    List<String> all = new ArrayList<>();
    if (runningAsRoot()) {
      all.addAll(
          List.of(
              "/usr/bin/setpriv",
              "--reuid=" + NOBODY,
              "--regid=" + NOBODY,
              "--clear-groups",
              "--"));
    }
    all.addAll(command);
    return all;
  }

  static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private void stopProcess() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return flavour().label();
  }

  @Override
  public void close() throws Exception {
    stopProcess();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
