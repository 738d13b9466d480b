package io.threescaledoctor.checks.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.tls.TrustMaterial;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.testing.Component;
import io.threescaledoctor.core.testing.FreePorts;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

  /** A port that refuses connections for the whole test: nothing else can take it. */
  private FreePorts.RefusingPort refusing;

  @BeforeEach
  void holdARefusingPort() throws IOException {
    refusing = FreePorts.refusing();
  }

  @AfterEach
  void releaseIt() throws IOException {
    refusing.close();
  }

  private int closedPort() {
    return refusing.port();
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
   * close. Needs root and iproute2 (see {@link Component} for what happens without them).
   */
  private static final class Namespace implements AutoCloseable {
    private final String name;

    private Namespace(String name) {
      this.name = name;
    }

    static Namespace create() throws Exception {
      Component.IP.require();
      Component.requireThat(
          "root".equals(System.getProperty("user.name")), "network namespaces need root");
      String name = "doctor-" + UUID.randomUUID().toString().substring(0, 8);
      Result added = run("ip", "netns", "add", name);
      Component.requireThat(
          added.exit == 0, "cannot create a network namespace (ip netns add): " + added.output);
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

  // ---- the words of each exception, phase by phase: what real sockets above cannot all produce

  private static final CheckContext.Timeouts BUDGETS =
      new CheckContext.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));

  private static String classified(Throwable e, Phase phase) {
    Classifier.Classified c = Classifier.classify(e, phase, BUDGETS);
    return c.outcome() + ": " + c.detail();
  }

  @Test
  void aTimeoutSaysWhichBudgetRanOutInEachPhase() {
    SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");

    assertThat(classified(timeout, Phase.CONNECT))
        .isEqualTo(
            "TIMED_OUT: did not accept the connection within the connect timeout of 2s"
                + " (timeouts.connect)");
    assertThat(classified(timeout, Phase.PROXY))
        .isEqualTo(
            "TIMED_OUT: did not answer CONNECT within the read timeout of 5s (timeouts.read)");
    assertThat(classified(timeout, Phase.TLS))
        .isEqualTo(
            "TIMED_OUT: did not answer the TLS handshake within the read timeout of 5s"
                + " (timeouts.read)");
    assertThat(classified(timeout, Phase.EXCHANGE))
        .isEqualTo("TIMED_OUT: sent no response within the read timeout of 5s (timeouts.read)");
  }

  @Test
  void aTimeoutIsFoundUnderWrappersAndInTheWordsOfOtherExceptions() {
    assertThat(classified(new IOException("wrapped", new SocketTimeoutException()), Phase.TLS))
        .startsWith("TIMED_OUT");
    assertThat(classified(new InterruptedIOException("Connect timed out"), Phase.CONNECT))
        .startsWith("TIMED_OUT");
    assertThat(classified(new InterruptedIOException("timeout waiting"), Phase.EXCHANGE))
        .startsWith("TIMED_OUT");
    assertThat(classified(new ConnectException("Connection timed out"), Phase.CONNECT))
        .startsWith("TIMED_OUT");
    assertThat(classified(new InterruptedIOException("interrupted"), Phase.EXCHANGE))
        .isEqualTo("ERROR: InterruptedIOException: interrupted");
    assertThat(classified(new IOException("timed out"), Phase.EXCHANGE))
        .as("only a socket's own timeout exceptions count")
        .isEqualTo("ERROR: IOException: timed out");
  }

  @Test
  void anUnreachableNetworkIsNamedByTheExceptionOrItsWords() {
    assertThat(classified(new NoRouteToHostException(null), Phase.CONNECT))
        .isEqualTo("UNREACHABLE: is unreachable: NoRouteToHostException");
    for (String words :
        List.of("No route to host", "Network is unreachable", "Host is unreachable")) {
      assertThat(classified(new SocketException(words), Phase.EXCHANGE))
          .isEqualTo("UNREACHABLE: is unreachable: " + words);
    }
    assertThat(classified(new SocketException("Invalid argument"), Phase.CONNECT))
        .isEqualTo(
            "UNREACHABLE: is unreachable: the route to it discards traffic (Invalid argument)");
    assertThat(classified(new SocketException("Invalid argument"), Phase.EXCHANGE))
        .as("EINVAL means a blackhole route only when connecting")
        .isEqualTo("ERROR: SocketException: Invalid argument");
  }

  @Test
  void onlyAConnectExceptionThatSaysRefusedIsARefusal() {
    assertThat(classified(new ConnectException("Connection refused"), Phase.CONNECT))
        .isEqualTo(
            "REFUSED: refused the connection (the host is up, but nothing listens on that port)");
    assertThat(classified(new SocketException("Connection refused"), Phase.EXCHANGE))
        .isEqualTo("ERROR: SocketException: Connection refused");
    assertThat(classified(new ConnectException("Permission denied"), Phase.CONNECT))
        .isEqualTo("ERROR: cannot connect: Permission denied");
    assertThat(classified(new ConnectException("Permission denied"), Phase.EXCHANGE))
        .isEqualTo("ERROR: ConnectException: Permission denied");
  }

  @Test
  void aResetSaysWhetherItCameDuringTheHandshake() {
    assertThat(classified(new SocketException("Connection reset"), Phase.EXCHANGE))
        .isEqualTo("RESET: reset the connection");
    assertThat(classified(new SocketException("Broken pipe"), Phase.TLS))
        .isEqualTo("RESET: reset the connection during the TLS handshake");
  }

  @Test
  void aClosedConnectionSaysWhatWasLeftUnanswered() {
    EOFException eof = new EOFException();

    assertThat(classified(eof, Phase.TLS))
        .isEqualTo("CLOSED: closed the connection during the TLS handshake");
    assertThat(classified(eof, Phase.PROXY))
        .isEqualTo("CLOSED: closed the connection instead of answering CONNECT");
    assertThat(classified(eof, Phase.EXCHANGE))
        .isEqualTo("CLOSED: accepted the connection, then closed it without an answer");
    for (Throwable closed :
        List.of(
            new NoHttpResponseException("no response"),
            new ConnectionClosedException("closed"),
            new SSLHandshakeException("Remote host terminated the handshake"),
            new IOException("wrapped", new EOFException()),
            new SSLException("peer shut down incorrectly"),
            new IOException("Connection closed by peer"))) {
      assertThat(classified(closed, Phase.EXCHANGE)).as("%s", closed).startsWith("CLOSED");
    }
    assertThat(classified(new SSLHandshakeException("Received fatal alert"), Phase.TLS))
        .isEqualTo("TLS_FAILED: TLS handshake failed: Received fatal alert");
  }

  @Test
  void aPlainTextPortAndAnyOtherFailureInTheHandshakeAreTlsFailures() {
    assertThat(classified(new SSLException("Unsupported or unrecognized SSL message"), Phase.TLS))
        .startsWith("TLS_FAILED: answered the TLS handshake with something that is not TLS");
    assertThat(
            classified(new SSLException("Unsupported or unrecognized SSL message"), Phase.EXCHANGE))
        .isEqualTo("TLS_FAILED: TLS handshake failed: Unsupported or unrecognized SSL message");
    assertThat(classified(new IOException("odd"), Phase.TLS))
        .isEqualTo("TLS_FAILED: TLS handshake failed: odd");
  }

  @Test
  void readsTheWordsOfTheFirst2000CharactersOfTheCauseChainOnly() {
    String filler = "x".repeat(2000 - "IOException: ".length() - " | ".length());
    IOException exactly2000 = new IOException(filler, new SocketException("Connection reset"));
    IOException lessThan2000 =
        new IOException(filler.substring(1), new SocketException("Connection reset"));

    assertThat(classified(exactly2000, Phase.EXCHANGE)).startsWith("ERROR: IOException: xxx");
    assertThat(classified(lessThan2000, Phase.EXCHANGE)).isEqualTo("RESET: reset the connection");
  }

  @Test
  void theFirstMessageIsTheFirstInTheCauseChainThatSaysAnything() {
    assertThat(Classifier.firstMessage(new IOException(" ", new IOException("deep"))))
        .isEqualTo("deep");
    assertThat(Classifier.firstMessage(new IOException((String) null))).isEqualTo("IOException");
  }
}
