package io.threescaledoctor.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void aRefusingPortRefusesAndNobodyElseCanTakeItWhileHeld() throws Exception {
    int port;
    try (FreePorts.RefusingPort refusing = FreePorts.refusing()) {
      port = refusing.port();
      assertThat(refusing.address()).isEqualTo("127.0.0.1:" + port);
      try (Socket s = new Socket()) {
        assertThatThrownBy(() -> s.connect(new InetSocketAddress("127.0.0.1", port), 1000))
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("refused");
      }
      assertThatThrownBy(() -> new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1")))
          .isInstanceOf(BindException.class);
    }
    try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(free.getLocalPort()).as("released when closed").isEqualTo(port);
    }
  }

  @Test
  void aProgramThatFindsItsPortTakenIsStartedAgainOnAnother() throws Exception {
    List<Integer> tried = new ArrayList<>();

    String started =
        FreePorts.tcp(
            port -> {
              tried.add(port);
              if (tried.size() < 3) {
                throw new IOException(
                    "nginx: [emerg] bind() to 127.0.0.1:"
                        + port
                        + " failed (98: Address already in use)");
              }
              return "listening on " + port;
            });

    assertThat(tried).hasSize(3).doesNotHaveDuplicates();
    assertThat(started).isEqualTo("listening on " + tried.get(2));
  }

  @Test
  void anyOtherFailureIsReportedAtOnceAndEndlessClashesGiveUp() {
    List<Integer> tried = new ArrayList<>();
    assertThatThrownBy(
            () ->
                FreePorts.tcp(
                    port -> {
                      tried.add(port);
                      throw new IllegalStateException("openssl did not start: no such file");
                    }))
        .hasMessage("openssl did not start: no such file");
    assertThat(tried).hasSize(1);

    assertThatThrownBy(
            () ->
                FreePorts.tcp(
                    port -> {
                      throw new IllegalStateException(
                          "redis did not start", new BindException("Address already in use"));
                    }))
        .hasMessageContaining("no free port after " + FreePorts.ATTEMPTS + " attempts")
        .hasRootCauseInstanceOf(BindException.class);
  }

  @Test
  void severalPortsAreDistinctAndAPortForUdpAndTcpIsFreeForBoth() throws Exception {
    int[] three = FreePorts.tcp(3, ports -> ports);
    assertThat(three).doesNotHaveDuplicates().hasSize(3);

    int both = FreePorts.udpAndTcp(port -> port);
    try (DatagramSocket udp = new DatagramSocket(both, LOOPBACK);
        ServerSocket tcp = new ServerSocket(both, 1, LOOPBACK)) {
      assertThat(udp.getLocalPort()).isEqualTo(tcp.getLocalPort());
    }
  }

  @Test
  void recognisesEachProgramsWayOfSayingThePortIsTaken() {
    assertThat(FreePorts.portWasTaken(new BindException())).isTrue();
    assertThat(
            FreePorts.portWasTaken(
                new IllegalStateException(
                    "prometheus: listen tcp 127.0.0.1:9: bind: address already in use")))
        .isTrue();
    assertThat(FreePorts.portWasTaken(new IOException("x", new IOException("EADDRINUSE"))))
        .isTrue();
    assertThat(FreePorts.portWasTaken(new IOException("permission denied"))).isFalse();
  }

  @Test
  void aRefusingUdpPortAnswersPortUnreachableAndIsHeld() throws Exception {
    try (FreePorts.RefusingPort refusing = FreePorts.refusingUdp();
        DatagramSocket client = new DatagramSocket()) {
      client.setSoTimeout(2000);
      client.connect(new InetSocketAddress("127.0.0.1", refusing.port()));
      client.send(new java.net.DatagramPacket(new byte[] {1}, 1));
      assertThatThrownBy(() -> client.receive(new java.net.DatagramPacket(new byte[16], 16)))
          .isInstanceOf(java.net.PortUnreachableException.class);
      assertThatThrownBy(() -> new DatagramSocket(refusing.port(), LOOPBACK))
          .isInstanceOf(java.net.SocketException.class);
    }
  }
}
