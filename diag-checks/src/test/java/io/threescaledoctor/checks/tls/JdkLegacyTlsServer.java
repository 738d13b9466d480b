package io.threescaledoctor.checks.tls;

import io.threescaledoctor.core.testing.ExternalProcess;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The JDK's own TLS server with SSLv3 (and TLS 1.0) switched back on, the way an old Java service
 * still runs: {@code jdk.tls.disabledAlgorithms} no longer lists them. That setting is
 * process-wide, so the server runs in a JVM of its own, forked by {@link #start}; the test JVM's
 * TLS stays as the JDK ships it.
 */
public final class JdkLegacyTlsServer implements AutoCloseable {
  /** The JDK's list without SSLv3, TLSv1 and TLSv1.1 (and without the curve and DH floors). */
  static final String LEGACY_DISABLED_ALGORITHMS = "RC4, DES, MD5withRSA, anon, NULL";

  private static final String READY = "LISTENING ";

  private final ExternalProcess process;
  private final int port;

  private JdkLegacyTlsServer(ExternalProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Forks a JVM serving TLS on 127.0.0.1 with {@code keyStore} (PKCS12, RSA: SSLv3 has no EC
   * suites), speaking only {@code protocols} (JSSE names: SSLv3, TLSv1, TLSv1.2...).
   */
  public static JdkLegacyTlsServer start(Path keyStore, String password, String... protocols)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(TestClassPath.get());
    cmd.add(JdkLegacyTlsServer.class.getName());
    cmd.add(keyStore.toString());
    cmd.add(password);
    cmd.add(String.join(",", protocols));
    ExternalProcess p =
        ExternalProcess.start(cmd, line -> line.startsWith(READY), Duration.ofSeconds(20));
    String out = p.output();
    int at = out.indexOf(READY);
    int port =
        Integer.parseInt(
            out.substring(at + READY.length()).lines().findFirst().orElseThrow().trim());
    return new JdkLegacyTlsServer(p, port);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }

  /** The forked server: {@code KEYSTORE PASSWORD PROTOCOLS}. Exits when its stdin closes. */
  public static void main(String[] args) throws Exception {
    // Before any TLS class reads it: the server's constraints are fixed on first use.
    Security.setProperty("jdk.tls.disabledAlgorithms", LEGACY_DISABLED_ALGORITHMS);
    char[] password = args[1].toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(args[0])) {
      ks.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, password);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket server =
        (SSLServerSocket)
            ctx.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    server.setEnabledProtocols(args[2].split(","));
    Thread parentWatch =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // nothing is sent on stdin; EOF means the test JVM is gone
                }
              } catch (IOException ignored) {
                // same as EOF
              }
              System.exit(0);
            });
    parentWatch.setDaemon(true);
    parentWatch.start();
    System.out.println(READY + server.getLocalPort());
    System.out.flush();
    while (true) {
      SSLSocket s = (SSLSocket) server.accept();
      Thread t = new Thread(() -> answer(s));
      t.setDaemon(true);
      t.start();
    }
  }

  private static void answer(SSLSocket s) {
    try (s) {
      s.setSoTimeout(5000);
      s.startHandshake();
      OutputStream out = s.getOutputStream();
      out.write(
          ("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n"
                  + s.getSession().getProtocol()
                  + "\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException refusedOrGone) {
      // a refused protocol ends in an alert; the peer decides the rest
    }
  }
}
