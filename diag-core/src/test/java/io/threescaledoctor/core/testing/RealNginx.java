package io.threescaledoctor.core.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one real nginx (Debian's package) the tests start: a configuration written into a temp
 * directory that also holds its pid file, logs and temp files, a free loopback port (see {@link
 * FreePorts}), and a stop by PID that never leaves a worker behind. The http block's body is the
 * caller's; {@code PORT} in it becomes the listening port. {@link NginxGateway} builds the guide's
 * 3scale gateway on top.
 */
public final class RealNginx implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(10);

  private final Path dir;
  private final int port;
  private final Process process;

  private RealNginx(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  public static boolean installed() {
    return Component.NGINX.installed();
  }

  /** Starts nginx with {@code http} as its http block and {@code info}-level error logging. */
  public static RealNginx start(Path dir, String http) throws IOException, InterruptedException {
    return start(dir, "info", http);
  }

  /**
   * Writes the configuration into {@code dir} and starts nginx; returns once it accepts on its
   * port. Skips the test where nginx is not installed (see {@link Component}); a port taken before
   * nginx binds it is retried on another ({@link FreePorts}).
   */
  public static RealNginx start(Path dir, String errorLogLevel, String http)
      throws IOException, InterruptedException {
    Path binary = Component.NGINX.require();
    try {
      return FreePorts.tcp(port -> startOn(binary, port, dir, errorLogLevel, http));
    } catch (IOException | InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static RealNginx startOn(
      Path binary, int port, Path dir, String errorLogLevel, String http)
      throws IOException, InterruptedException {
    Files.writeString(
        dir.resolve("nginx.conf"),
        config(dir, errorLogLevel, http.replace("PORT", Integer.toString(port))));
    Path console = dir.resolve("nginx.console");
    Process p =
        new ProcessBuilder(
                binary.toString(),
                "-p",
                dir.toString(),
                "-c",
                "nginx.conf",
                "-e",
                dir.resolve("error.log").toString(),
                "-g",
                "daemon off;")
            .redirectErrorStream(true)
            .redirectOutput(console.toFile())
            .start();
    RealNginx nginx = new RealNginx(dir, port, p);
    try {
      nginx.awaitListening(console);
      return nginx;
    } catch (IOException e) {
      nginx.close();
      throw e;
    }
  }

  private static String config(Path dir, String errorLogLevel, String http) {
    // Run as root, nginx's workers become "nobody", which cannot enter a private temp dir to
    // reopen logs or write temp files; as anyone else the directive would only add a warning.
    String user = "root".equals(System.getProperty("user.name")) ? "user root;" : "";
    return """
        %1$s
        worker_processes 1;
        error_log %2$s/error.log %3$s;
        pid %2$s/nginx.pid;

        events {
          worker_connections 64;
        }

        http {
          access_log %2$s/access.log;
          client_body_temp_path %2$s/client_body;
          proxy_temp_path %2$s/proxy;
          fastcgi_temp_path %2$s/fastcgi;
          uwsgi_temp_path %2$s/uwsgi;
          scgi_temp_path %2$s/scgi;

        %4$s
        }
        """
        .formatted(user, dir, errorLogLevel, http);
  }

  private void awaitListening(Path console) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "nginx exited with " + process.exitValue() + ": " + Files.readString(console));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(10);
      }
    }
    throw new IOException(
        "nginx did not listen on "
            + port
            + " within "
            + STARTUP
            + ": "
            + Files.readString(console));
  }

  public int port() {
    return port;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public long pid() {
    return process.pid();
  }

  public Path dir() {
    return dir;
  }

  public Path errorLog() {
    return dir.resolve("error.log");
  }

  public Path accessLog() {
    return dir.resolve("access.log");
  }

  public Path conf() {
    return dir.resolve("nginx.conf");
  }

  /** GETs {@code path} through nginx and returns the status. */
  public int get(String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url().resolve(path).toURL().openConnection();
    c.setConnectTimeout(2000);
    c.setReadTimeout(5000);
    try {
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }

  /**
   * Asks nginx to reopen its log files, as logrotate does after moving them away, and waits until
   * no nginx process still writes to {@code movedAway}.
   */
  public void reopenLogs(Path movedAway) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                Component.NGINX.require().toString(),
                "-p",
                dir.toString(),
                "-c",
                "nginx.conf",
                "-s",
                "reopen")
            .redirectErrorStream(true)
            .start();
    if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(
          "nginx -s reopen failed: "
              + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    // The master passes the signal on to its worker; only /proc shows when the worker has done it.
    // Standard streams are left out: a worker keeps its stderr on the old file, but writes its
    // log entries to the error_log descriptor.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (stillWritesTo(movedAway)) {
      if (System.nanoTime() > deadline) {
        throw new IOException("nginx still writes to " + movedAway + " after reopening its logs");
      }
      Thread.sleep(10);
    }
  }

  private boolean stillWritesTo(Path file) throws IOException {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    for (ProcessHandle h : all) {
      Path fds = Path.of("/proc", Long.toString(h.pid()), "fd");
      try (var links = Files.list(fds)) {
        for (Path fd : (Iterable<Path>) links::iterator) {
          try {
            if (Integer.parseInt(fd.getFileName().toString()) > 2
                && Files.readSymbolicLink(fd).equals(file)) {
              return true;
            }
          } catch (IOException closedMeanwhile) {
            // the descriptor went away between listing and reading: not ours any more
          }
        }
      } catch (NoSuchFileException exited) {
        // a process that exited writes nothing
      }
    }
    return false;
  }

  /** Stops nginx: TERM to the master (fast shutdown), then KILL to it and its workers. */
  @Override
  public void close() {
    List<ProcessHandle> workers = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    // A worker whose master was killed keeps serving; never leave one behind.
    workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
