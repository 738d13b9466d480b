package io.threescaledoctor.checks.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListeningSocketsTest {
  @TempDir Path dir;

  @Test
  void readsListeningSocketsOfBothFamiliesInTheKernelsByteOrder() throws Exception {
    Path net = Files.createDirectories(dir.resolve("net"));
    Files.writeString(
        net.resolve("tcp"),
        """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0
           1: 0100007F:B8E6 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0 20 4 0 10 -1
           2: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0 100 0 0 10 0
        """);
    Files.writeString(
        net.resolve("tcp6"),
        """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000001000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4545 1 0 100 0 0 10 0
        """);

    ListeningSockets s = ListeningSockets.read(dir);

    assertThat(s.all())
        .extracting(ListeningSockets.Listener::label)
        .containsExactly("127.0.0.1:8080", "0.0.0.0:80", "[::1]:443");
    ListeningSockets.Listener any = s.onPort(80).get(0);
    assertThat(any.accepts(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(s.onPort(8080).get(0).accepts(InetAddress.getByName("10.0.0.1"))).isFalse();
    assertThat(s.owners(any)).as("no /proc/PID here holds the inode").isEmpty();
  }

  @Test
  void findsTheProcessHoldingARealListeningSocket() throws Exception {
    try (java.net.ServerSocket server =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ListeningSockets s = ListeningSockets.read(Path.of("/proc"));

      ListeningSockets.Listener mine = s.onPort(server.getLocalPort()).get(0);

      assertThat(s.owners(mine)).contains(ProcessHandle.current().pid());
    }
  }
}
