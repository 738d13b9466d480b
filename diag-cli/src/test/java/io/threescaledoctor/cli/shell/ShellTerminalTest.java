package io.threescaledoctor.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.testing.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell driven key by key through JLine's virtual terminal. */
class ShellTerminalTest {
  private static final String SENTINEL = "SENTINEL-user-key-7f3a9c";
  private static final String PROMPT_END = "> ";

  @TempDir Path dir;

  @Test
  void secretTypedInSetIsMaskedInTheHistoryFileAndInShow() throws Exception {
    Path history = dir.resolve("nested/history");
    try (TerminalFixture t = new TerminalFixture(ShellFixture.session(), history, "xterm")) {
      t.await(PROMPT_END, 1);
      t.type("set credentials.userKey " + SENTINEL + "\r");
      t.type(
          "run --only api --user-key "
              + SENTINEL
              + "x --set credentials.appKey="
              + SENTINEL
              + "y\r");
      t.type("show credentials.userKey\r");
      t.await("(set in this session)", 1);
      t.type("exit\r");
      assertThat(t.awaitExit()).isZero();

      String file = Files.readString(history);
      assertThat(file)
          .contains("set credentials.userKey ****3a9c")
          .contains("--user-key ****a9cx")
          .contains("credentials.appKey=****a9cy")
          .doesNotContain(SENTINEL);
      String afterShow = t.screen().substring(t.screen().lastIndexOf("show credentials"));
      assertThat(afterShow).contains("credentials.userKey = ****3a9c").doesNotContain(SENTINEL);
    }
  }

  @Test
  void aSecretKeySetWithoutValueIsAskedForWithoutEcho() throws Exception {
    Path history = dir.resolve("history");
    Session session = ShellFixture.session();
    try (TerminalFixture t = new TerminalFixture(session, history, "xterm")) {
      t.await(PROMPT_END, 1);
      t.type("set threescale.serviceToken\r");
      t.await("(typing hidden): ", 1);
      t.type(SENTINEL + "\r");
      t.await("threescale.serviceToken = ****3a9c", 1);
      t.type("exit\r");
      assertThat(t.awaitExit()).isZero();

      assertThat(session.profile().threescale().serviceToken().reveal()).isEqualTo(SENTINEL);
      assertThat(t.screen()).doesNotContain(SENTINEL);
      assertThat(Files.readString(history))
          .contains("set threescale.serviceToken")
          .doesNotContain(SENTINEL);
    }
  }

  @Test
  void tabCompletesAProfileKeyAndTheCompletedLineRuns() throws Exception {
    try (TerminalFixture t = new TerminalFixture(ShellFixture.session(), null, "xterm")) {
      t.await(PROMPT_END, 1);
      t.type("show credentials.userK\t");
      t.await("credentials.userKey ", 1);
      t.type("\r");
      assertThat(t.await("(not set)", 1)).contains("credentials.userKey = (not set)");
      t.type("\u0004");
      assertThat(t.awaitExit()).isZero();
    }
  }

  @Test
  void ctrlCDuringACheckAgainstASilentPeerReturnsToThePromptWithinASecond() throws Exception {
    try (SilentPeer peer = new SilentPeer()) {
      Session session = silentSession(peer);
      try (TerminalFixture t = new TerminalFixture(session, null, "xterm")) {
        int prompts = TerminalFixture.count(t.await(PROMPT_END, 1), PROMPT_END);
        t.type("run\r");
        assertThat(peer.accepted.await(10, TimeUnit.SECONDS))
            .as("the check reached the peer")
            .isTrue();
        long pressed = System.nanoTime();
        t.type("\u0003");
        t.await("Cancelled (Ctrl-C)", 1);
        t.await(PROMPT_END, prompts + 1);
        long millis = (System.nanoTime() - pressed) / 1_000_000;

        assertThat(millis).as("from Ctrl-C to the prompt").isLessThan(1000);
        assertThat(t.screen()).contains("cancelled").doesNotContain("Exception");
        assertThat(session.lastRun()).isPresent();
        t.type("exit\r");
        assertThat(t.awaitExit()).isZero();
      }
    }
  }

  @Test
  void ctrlCDuringAWalkStopsItAndSaysWhereToResume() throws Exception {
    try (SilentPeer peer = new SilentPeer()) {
      Session session = silentSession(peer);
      try (TerminalFixture t = new TerminalFixture(session, null, "xterm")) {
        t.await(PROMPT_END, 1);
        t.type("walk --from client-gateway\r");
        assertThat(peer.accepted.await(10, TimeUnit.SECONDS)).isTrue();
        long pressed = System.nanoTime();
        t.type("\u0003");
        t.await("Resume with 'walk --from client-gateway'", 1);
        long millis = (System.nanoTime() - pressed) / 1_000_000;

        assertThat(millis).as("from Ctrl-C to the walk stopping").isLessThan(1000);
        t.type("exit\r");
        assertThat(t.awaitExit()).isZero();
      }
    }
  }

  private static Session silentSession(SilentPeer peer) throws Exception {
    Session session = ShellFixture.session(new ProbeReadCheck());
    session.set("gateway.url", "http://127.0.0.1:" + peer.port());
    session.set("timeouts.read", "30s");
    session.set("timeouts.check", "40s");
    session.set("timeouts.total", "60s");
    return session;
  }

  /** A peer that accepts connections and never says a word. */
  private static final class SilentPeer implements AutoCloseable {
    final CountDownLatch accepted = new CountDownLatch(1);
    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    SilentPeer() throws Exception {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(server.accept());
                    accepted.countDown();
                  }
                } catch (Exception closed) {
                  // The test is over.
                }
              },
              "silent-peer");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      server.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void promptShowsTheMaskedTargetAndTheWorstStatusOfTheLatestResults() throws Exception {
    // Held bound without listening: refuses at once, and nothing else can take it meanwhile.
    try (FreePorts.RefusingPort refusedPort = FreePorts.refusing()) {
      int refused = refusedPort.port();
      try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
          TerminalFixture t =
              new TerminalFixture(ShellFixture.session(new ProbeConnectCheck()), null, "dumb")) {
        t.await("doctor (no target)> ", 1);
        t.type("set gateway.url http://" + SENTINEL + "@127.0.0.1:" + refused + "\r");
        String target = "doctor http://****3a9c@127.0.0.1:" + refused;
        t.await(target + "> ", 1);
        t.type("run\r");
        t.await(target + " FAIL> ", 1);
        t.type("set gateway.url http://127.0.0.1:" + open.getLocalPort() + "\r");
        t.type("run\r");
        t.await("doctor http://127.0.0.1:" + open.getLocalPort() + " PASS> ", 1);
        t.type("exit\r");
        assertThat(t.awaitExit()).isZero();
        assertThat(TerminalFixture.count(t.screen(), SENTINEL))
            .as("only the echo of the line as typed shows the secret")
            .isEqualTo(1);
      }
    }
  }

  @Test
  void anUnusableHistoryFileIsOneLineAndTheShellGoesOn() throws Exception {
    Path binary = dir.resolve("binary-history");
    Files.write(binary, new byte[] {'o', 'k', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
    for (Path history : new Path[] {dir, binary}) {
      try (TerminalFixture t = new TerminalFixture(ShellFixture.session(), history, "dumb")) {
        t.await(PROMPT_END, 1);
        t.type("show\r");
        t.await("vantage = client", 1);
        t.type("\u0004");
        assertThat(t.awaitExit()).isZero();
        assertThat(t.screen())
            .contains("3scale-doctor: history off: ")
            .doesNotContain("Exception", "WARNING", "internal error");
      }
    }
  }

  @Test
  void worksOnADumbTerminalAndCtrlDLeaves() throws Exception {
    try (TerminalFixture t = new TerminalFixture(ShellFixture.session(), null, "dumb")) {
      t.await(PROMPT_END, 1);
      t.type("set gateway.url https://gw.example.com\r");
      t.await("doctor https://gw.example.com> ", 1);
      t.type("nonsense\r");
      t.await("unknown command 'nonsense'", 1);
      t.type("\u0004");
      assertThat(t.awaitExit()).isZero();
      assertThat(t.screen()).doesNotContain("\u001b");
    }
  }
}
