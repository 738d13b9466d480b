package io.threescaledoctor.checks.tls;

import io.threescaledoctor.core.testing.Component;
import io.threescaledoctor.core.testing.ExternalProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real GnuTLS server ({@code gnutls-serv}) offering only the versions its priority string allows.
 * gnutls-serv cannot be told which address to bind, and binds every interface; so it runs in a
 * network namespace of its own ({@code unshare --net}) that holds nothing but a loopback interface,
 * and whatever talks to it enters that namespace ({@link #inItsNetwork}). Stopped by PID; the
 * namespace goes with it.
 */
public final class GnutlsServer implements AutoCloseable {
  /** Any port: the namespace is private, nothing else can hold it. */
  public static final int PORT = 4433;

  private final ExternalProcess process;

  private GnutlsServer(ExternalProcess process) {
    this.process = process;
  }

  /**
   * Serves {@code cert}/{@code key} with {@code priority} (e.g. {@code
   * NORMAL:-VERS-ALL:+VERS-TLS1.0:+VERS-TLS1.1}).
   */
  public static GnutlsServer start(Path cert, Path key, String priority)
      throws IOException, InterruptedException {
    Component.GNUTLS_SERV.require();
    // unshare runs sh in the new namespace and sh execs gnutls-serv: one PID all along.
    String script =
        "ip link set lo up && exec gnutls-serv --http --port "
            + PORT
            + " --x509certfile '"
            + cert
            + "' --x509keyfile '"
            + key
            + "' --priority '"
            + priority
            + "'";
    ExternalProcess p =
        ExternalProcess.start(
            List.of("unshare", "--net", "sh", "-c", script),
            line -> line.contains("listening on IPv4"),
            Duration.ofSeconds(5));
    return new GnutlsServer(p);
  }

  /** {@code command} run inside the server's network namespace, where 127.0.0.1:PORT is it. */
  public List<String> inItsNetwork(List<String> command) {
    List<String> all =
        new ArrayList<>(List.of("nsenter", "--net=/proc/" + process.pid() + "/ns/net"));
    all.addAll(command);
    return all;
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
