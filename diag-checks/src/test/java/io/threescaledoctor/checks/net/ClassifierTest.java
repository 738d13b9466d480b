package io.threescaledoctor.checks.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.threescaledoctor.checks.tls.TrustMaterial;
import io.threescaledoctor.core.check.CheckContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The classifier on real sockets: each outcome a support engineer must tell apart, produced the way
 * the network produces it. Routes that drop or refuse traffic are set up inside a network namespace
 * the test creates (and deletes), never on the host.
 */
class ClassifierTest {
  private static final CheckContext.Timeouts TIMEOUTS =
      new CheckContext.Timeouts(Duration.ofMillis(700), Duration.ofMillis(700));
  private final Dialer dialer = new Dialer(TIMEOUTS, null);

  private static InetSocketAddress loopback(int port) throws IOException {
    return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Test
  void aPortNothingListensOnIsRefusedTheHostAnswered() throws Exception {
    Dial d = dialer.connect(loopback(closedPort()));

    assertThat(d.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(d.outcome().hostAnswered()).isTrue();
    assertThat(d.detail()).contains("nothing listens on that port");
  }

  @Test
  void aPeerThatAcceptsAndClosesIsClosedNotUnreachable() throws Exception {
    try (ScriptedPeer peer = new ScriptedPeer(ScriptedPeer.Script.CLOSE);
        Dial plain = dialer.connect(loopback(peer.port()))) {
      assertThat(plain.outcome()).isEqualTo(Outcome.CONNECTED);

      Dial tls = tlsOver(plain, peer.port());

      assertThat(tls.outcome()).isIn(Outcome.CLOSED, Outcome.RESET);
      assertThat(tls.failedIn()).contains(Phase.TLS);
      assertThat(tls.outcome().hostAnswered()).isTrue();
    }
  }

  @Test
  void aPeerThatResetsAConnectionInUseIsReset() throws Exception {
    try (ScriptedPeer peer = new ScriptedPeer(ScriptedPeer.Script.RESET);
        Dial plain = dialer.connect(loopback(peer.port()))) {
      plain.socket().getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
      Thread.sleep(100);
      IOException seen = null;
      try {
        plain.socket().getOutputStream().write(new byte[8192]);
        plain.socket().getInputStream().read();
      } catch (IOException e) {
        seen = e;
      }

      assertThat(seen).as("the reset reaches the client").isNotNull();
      Classifier.Classified c = Classifier.classify(seen, Phase.EXCHANGE, TIMEOUTS);
      assertThat(c.outcome()).isEqualTo(Outcome.RESET);
      assertThat(c.detail()).isEqualTo("reset the connection");
    }
  }

  @Test
  void tlsAgainstAPlainTextPortSaysThePortSpeaksPlainText() throws Exception {
    try (ScriptedPeer peer = new ScriptedPeer(ScriptedPeer.Script.PLAIN_HTTP);
        Dial plain = dialer.connect(loopback(peer.port()))) {
      Dial tls = tlsOver(plain, peer.port());

      assertThat(tls.outcome()).isEqualTo(Outcome.TLS_FAILED);
      assertThat(tls.detail()).contains("not TLS").contains("plain text");
    }
  }

  @Test
  void aSilentPeerCostsTheReadTimeoutAndSaysWhichOne() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        Dial plain = dialer.connect(loopback(silent.getLocalPort()))) {
      Dial tls = tlsOver(plain, silent.getLocalPort());

      assertThat(tls.outcome()).isEqualTo(Outcome.TIMED_OUT);
      assertThat(tls.detail())
          .isEqualTo(
              "did not answer the TLS handshake within the read timeout of 700ms (timeouts.read)");
    }
  }

  @Test
  void aBlackHoledAddressTimesOutOnConnectInsideANamespace() throws Exception {
    try (Namespace ns = Namespace.create()) {
      ns.ip("route", "add", "10.77.1.0/24", "dev", "lo");

      String said = ns.dial("10.77.1.9", 80, 600);

      assertThat(said)
          .isEqualTo(
              "TIMED_OUT did not accept the connection within the connect timeout of 600ms"
                  + " (timeouts.connect)");
    }
  }

  @Test
  void anUnreachableNetworkIsUnreachableInsideANamespace() throws Exception {
    try (Namespace ns = Namespace.create()) {
      ns.ip("route", "add", "unreachable", "10.78.0.0/24");

      String said = ns.dial("10.78.0.9", 80, 600);

      assertThat(said).startsWith("UNREACHABLE is unreachable: ").contains("No route to host");
    }
  }

  private Dial tlsOver(Dial plain, int port) {
    return dialer.tls(
        plain,
        TrustMaterial.acceptingAnything(),
        new HostPort("127.0.0.1", port),
        null,
        false,
        List.of());
  }

  /**
   * A network namespace of this test's own ({@code ip netns add}), with its loopback up, deleted on
   * close. Needs root and iproute2; the test is skipped without them.
   */
  private static final class Namespace implements AutoCloseable {
    private final String name;

    private Namespace(String name) {
      this.name = name;
    }

    static Namespace create() throws Exception {
      assumeTrue(
          "root".equals(System.getProperty("user.name"))
              && (Files.isExecutable(Path.of("/usr/sbin/ip"))
                  || Files.isExecutable(Path.of("/sbin/ip"))),
          "network namespaces need root and iproute2");
      String name = "doctor-" + UUID.randomUUID().toString().substring(0, 8);
      assumeTrue(run("ip", "netns", "add", name).exit == 0, "cannot create a network namespace");
      Namespace ns = new Namespace(name);
      ns.ip("link", "set", "lo", "up");
      return ns;
    }

    void ip(String... args) throws Exception {
      List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name, "ip"));
      cmd.addAll(List.of(args));
      Result r = run(cmd.toArray(String[]::new));
      assertThat(r.exit).as(String.join(" ", cmd) + ": " + r.output).isZero();
    }

    /** Runs {@link DialProbe} in a JVM inside the namespace and returns what it printed. */
    String dial(String address, int port, int timeoutMillis) throws Exception {
      String java = ProcessHandle.current().info().command().orElse("java");
      Result r =
          run(
              "ip",
              "netns",
              "exec",
              name,
              java,
              "-cp",
              System.getProperty("java.class.path"),
              DialProbe.class.getName(),
              address,
              Integer.toString(port),
              Integer.toString(timeoutMillis));
      assertThat(r.exit).as(r.output).isZero();
      return r.output.strip();
    }

    @Override
    public void close() throws Exception {
      run("ip", "netns", "delete", name);
    }

    private record Result(int exit, String output) {}

    private static Result run(String... cmd) throws Exception {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + " did not finish");
      }
      return new Result(p.exitValue(), out);
    }
  }
}
