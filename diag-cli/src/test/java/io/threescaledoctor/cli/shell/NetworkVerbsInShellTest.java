package io.threescaledoctor.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.dns.FakeDnsServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The network verbs work inside the shell, and one run leaves nothing behind for the next. */
class NetworkVerbsInShellTest {

  @Test
  void connectTwiceProbesEachTarget() throws Exception {
    try (ServerSocket first = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
        ServerSocket second = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      ShellFixture.Result r =
          ShellFixture.script(
              ShellFixture.session(),
              "connect 127.0.0.1 " + first.getLocalPort(),
              "connect 127.0.0.1 " + second.getLocalPort());

      assertThat(r.err()).isEmpty();
      assertThat(r.out())
          .containsSubsequence(
              "connected to 127.0.0.1:" + first.getLocalPort(),
              "connected to 127.0.0.1:" + second.getLocalPort());
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void aResolverNamedInOneRunIsNotUsedInTheNext() throws Exception {
    try (FakeDnsServer failing = FakeDnsServer.servfail()) {
      ShellFixture.Result r =
          ShellFixture.script(
              ShellFixture.session(), "dns localhost @" + failing.resolver(), "dns localhost");

      assertThat(r.out()).containsSubsequence("SERVFAIL", "resolves from the hosts file");
      assertThat(r.exitCode()).as("the last run, through the system resolver, passed").isZero();
    }
  }
}
