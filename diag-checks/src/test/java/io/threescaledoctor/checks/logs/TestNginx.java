package io.threescaledoctor.checks.logs;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx on 127.0.0.1, started from a configuration written into a temp dir (its logs and
 * temp files stay there) and stopped by PID. {@code http} holds the body of the http block; {@code
 * PORT} in it is replaced by the listening port.
 */
public final class TestNginx implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Process process;
  private final Path prefix;
  private final int port;

  private TestNginx(Process process, Path prefix, int port) {
    this.process = process;
    this.prefix = prefix;
    this.port = port;
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  public static TestNginx start(Path prefix, String http) throws IOException, InterruptedException {
    int port = freePort();
    String conf =
        """
        daemon off;
        master_process on;
        worker_processes 1;
        user root;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log info;
        events { worker_connections 64; }
        http {
          access_log %1$s/access.log;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          %2$s
        }
        """
            .formatted(prefix, http.replace("PORT", Integer.toString(port)));
    Path file = prefix.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "-p",
                prefix.toString(),
                "-c",
                file.toString(),
                "-e",
                prefix.resolve("error.log").toString())
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("stdout.txt").toFile())
            .start();
    TestNginx nginx = new TestNginx(p, prefix, port);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IOException("nginx exited: " + Files.readString(prefix.resolve("stdout.txt")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return nginx;
      } catch (IOException notYet) {
        Thread.sleep(30);
      }
    }
    nginx.close();
    throw new IOException("nginx did not listen on " + port + " within 5 s");
  }

  /** A port nothing listens on (bound once, then released). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Path errorLog() {
    return prefix.resolve("error.log");
  }

  public Path accessLog() {
    return prefix.resolve("access.log");
  }

  public Path conf() {
    return prefix.resolve("nginx.conf");
  }

  /** GETs {@code path} through nginx and returns the status. */
  public int get(String path) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
    c.setConnectTimeout(2000);
    c.setReadTimeout(5000);
    try {
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
