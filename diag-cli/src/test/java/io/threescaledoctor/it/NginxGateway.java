package io.threescaledoctor.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian nginx playing the guide's self-managed gateway: every request is authorized with
 * {@code auth_request} against the 3scale backend's {@code /transactions/authorize.xml}, then
 * proxied to the API. Everything nginx writes (config, pid, logs, temp files) lives in one temp
 * directory; it listens on a free loopback port and is stopped by PID.
 */
final class NginxGateway implements AutoCloseable {
  static final Path NGINX = Path.of("/usr/sbin/nginx");
  private static final Duration STARTUP = Duration.ofSeconds(10);

  private final Setup setup;
  private final Path dir;
  private final int port;
  private final Process process;

  private NginxGateway(Setup setup, Path dir, int port, Process process) {
    this.setup = setup;
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Where the credentials are read from, as the service's "credentials location" says. */
  enum CredentialsFrom {
    QUERY,
    HEADER
  }

  /**
   * One gateway configuration; the knobs are the scenarios' traps.
   *
   * @param apiUpstream host:port of the API in {@code proxy_pass}
   * @param apiHostInVariable proxy_pass through a variable; with a host name and no {@code
   *     resolver}, nginx cannot resolve it at request time
   * @param backendUpstream host:port of the 3scale backend
   * @param underscoresInHeaders {@code null} leaves the directive out (nginx's default: off)
   */
  record Setup(
      String apiUpstream,
      boolean apiHostInVariable,
      String backendUpstream,
      String serviceId,
      String serviceToken,
      CredentialsFrom credentialsFrom,
      Boolean underscoresInHeaders,
      Duration proxyReadTimeout,
      String errorLogLevel) {

    static Setup of(
        String apiUpstream, String backendUpstream, String serviceId, String serviceToken) {
      return new Setup(
          apiUpstream,
          false,
          backendUpstream,
          serviceId,
          serviceToken,
          CredentialsFrom.QUERY,
          null,
          Duration.ofSeconds(5),
          "warn");
    }

    Setup withApiHostInVariable() {
      return new Setup(
          apiUpstream,
          true,
          backendUpstream,
          serviceId,
          serviceToken,
          credentialsFrom,
          underscoresInHeaders,
          proxyReadTimeout,
          errorLogLevel);
    }

    Setup withCredentialsFrom(CredentialsFrom from) {
      return new Setup(
          apiUpstream,
          apiHostInVariable,
          backendUpstream,
          serviceId,
          serviceToken,
          from,
          underscoresInHeaders,
          proxyReadTimeout,
          errorLogLevel);
    }

    Setup withUnderscoresInHeaders(boolean on) {
      return new Setup(
          apiUpstream,
          apiHostInVariable,
          backendUpstream,
          serviceId,
          serviceToken,
          credentialsFrom,
          on,
          proxyReadTimeout,
          errorLogLevel);
    }

    Setup withProxyReadTimeout(Duration timeout) {
      return new Setup(
          apiUpstream,
          apiHostInVariable,
          backendUpstream,
          serviceId,
          serviceToken,
          credentialsFrom,
          underscoresInHeaders,
          timeout,
          errorLogLevel);
    }

    /** {@code info} shows the "client sent invalid header line" of a dropped header. */
    Setup withErrorLogLevel(String level) {
      return new Setup(
          apiUpstream,
          apiHostInVariable,
          backendUpstream,
          serviceId,
          serviceToken,
          credentialsFrom,
          underscoresInHeaders,
          proxyReadTimeout,
          level);
    }
  }

  static boolean installed() {
    return Files.isExecutable(NGINX);
  }

  /** Writes the configuration into {@code dir} and starts nginx; returns once it accepts. */
  static NginxGateway start(Path dir, Setup setup) throws IOException, InterruptedException {
    IOException last = null;
    // A port found free can be taken before nginx binds it; another one is cheap.
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Files.writeString(dir.resolve("nginx.conf"), config(dir, port, setup));
      Path console = dir.resolve("nginx.console");
      Process p =
          new ProcessBuilder(
                  NGINX.toString(), "-p", dir.toString(), "-c", "nginx.conf", "-g", "daemon off;")
              .redirectErrorStream(true)
              .redirectOutput(console.toFile())
              .start();
      NginxGateway gateway = new NginxGateway(setup, dir, port, p);
      try {
        gateway.awaitListening(console);
        return gateway;
      } catch (IOException e) {
        gateway.close();
        last = e;
        if (!Files.readString(console).contains("Address already in use")) {
          throw e;
        }
      }
    }
    throw last;
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

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  private static String config(Path dir, int port, Setup s) {
    String apiPass =
        s.apiHostInVariable()
            ? "set $api_upstream " + s.apiUpstream() + ";\n      proxy_pass http://$api_upstream;"
            : "proxy_pass http://" + s.apiUpstream() + ";";
    String credential =
        s.credentialsFrom() == CredentialsFrom.QUERY ? "$arg_user_key" : "$http_user_key";
    String underscores =
        s.underscoresInHeaders() == null
            ? ""
            : "underscores_in_headers " + (s.underscoresInHeaders() ? "on" : "off") + ";";
    long readSeconds = Math.max(1, s.proxyReadTimeout().toSeconds());
    // Subrequests share the parent's variables, so the key captured by "set" in the public
    // location is what the internal authorization location forwards to 3scale.
    // Run as root, nginx's workers become "nobody", which cannot enter a private temp dir to
    // reopen logs or write temp files; as anyone else the directive would only add a warning.
    String user = "root".equals(System.getProperty("user.name")) ? "user root;" : "";
    return """
        %11$s
        worker_processes 1;
        error_log %1$s/error.log %2$s;
        pid %1$s/nginx.pid;

        events {
          worker_connections 64;
        }

        http {
          access_log %1$s/access.log;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;

          server {
            listen 127.0.0.1:%3$d;
            server_name localhost;
            %4$s

            location = /threescale_authorize {
              internal;
              proxy_pass http://%5$s/transactions/authorize.xml?service_token=%6$s&service_id=%7$s&user_key=$user_key;
              proxy_pass_request_body off;
              proxy_set_header Content-Length "";
              proxy_connect_timeout 1s;
              proxy_read_timeout %8$ds;
            }

            location / {
              set $user_key %9$s;
              auth_request /threescale_authorize;
              proxy_connect_timeout 1s;
              proxy_read_timeout %8$ds;
              %10$s
            }
          }
        }
        """
        .formatted(
            dir,
            s.errorLogLevel(),
            port,
            underscores,
            s.backendUpstream(),
            s.serviceToken(),
            s.serviceId(),
            readSeconds,
            credential,
            apiPass,
            user);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  Path dir() {
    return dir;
  }

  Path errorLog() {
    return dir.resolve("error.log");
  }

  Path accessLog() {
    return dir.resolve("access.log");
  }

  Path nginxConf() {
    return dir.resolve("nginx.conf");
  }

  Setup setup() {
    return setup;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Asks nginx to reopen its log files, as logrotate does after moving them away, and waits until
   * no nginx process still writes to {@code movedAway}.
   */
  void reopenLogs(Path movedAway) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                NGINX.toString(), "-p", dir.toString(), "-c", "nginx.conf", "-s", "reopen")
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
      } catch (java.nio.file.NoSuchFileException exited) {
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
