package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.core.testing.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ConnectCommandTest {

  @Test
  void connectsToAListeningPort() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      CliRun run =
          CliRun.of(
              "connect", "127.0.0.1", String.valueOf(server.getLocalPort()), "--format", "json");

      assertThat(run.exit()).as(run.err()).isEqualTo(0);
      JsonNode results = new ObjectMapper().readTree(run.out()).path("results");
      assertThat(results.get(1).path("id").asText()).isEqualTo("api.tcp.connect");
      assertThat(
              results
                  .get(1)
                  .path("evidence")
                  .path("connect@127.0.0.1:" + server.getLocalPort())
                  .asText())
          .startsWith("connected in");
    }
  }

  @Test
  void aRefusedPortExitsOneAndSaysSo() throws Exception {
    // Held bound without listening: refuses at once, and nothing else can take it meanwhile.
    try (FreePorts.RefusingPort portPort = FreePorts.refusing()) {
      int port = portPort.port();
      CliRun run = CliRun.of("connect", "127.0.0.1", String.valueOf(port));

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out())
          .contains("FAIL tcp.connect")
          .contains("FAIL  connect 127.0.0.1 " + port + ": ")
          .contains("refused the connection")
          .doesNotContain("Does the API answer")
          .doesNotContain("not tested")
          .doesNotContain("api-unreachable");
    }
  }

  @Test
  void honoursResolvePins() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      CliRun run =
          CliRun.of(
              "connect",
              "pinned.test",
              String.valueOf(server.getLocalPort()),
              "--resolve",
              "pinned.test:127.0.0.1");

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
      assertThat(run.out()).contains("pinned");
    }
  }

  @Test
  void aBadPortIsOneLineAndExitTwo() {
    CliRun run = CliRun.of("connect", "127.0.0.1", "http");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).contains("port 'http'");
  }
}
