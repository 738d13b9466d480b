package io.threescaledoctor.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threescaledoctor.cli.BadInputException;
import io.threescaledoctor.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code serve} refuses before it starts: one line naming the problem, exit code 2. */
class ServeCommandTest {
  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome serve(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
    return new Outcome(code, out.toString(), err.toString());
  }

  private static void assertBadInput(Outcome o, String message) {
    assertThat(o.code()).as(o.err()).isEqualTo(2);
    assertThat(o.err()).contains(message).doesNotContain("\tat ");
    assertThat(o.out()).isEmpty();
  }

  @Test
  void aProfilePathThatDoesNotExistIsBadInput() {
    assertBadInput(
        serve("-c", dir.resolve("nope").toString()), "nope: no such profile file or directory");
  }

  @Test
  void withoutProfilesThereIsNothingToServe() {
    assertBadInput(serve(), "Missing required option: '--config=PATH'");
  }

  @Test
  void aJitterOverHalfAnIntervalIsBadInput() {
    assertBadInput(serve("-c", dir.toString(), "--jitter", "0.9"), "--jitter must be between");
  }

  @Test
  void aZeroIntervalIsBadInput() {
    assertBadInput(
        serve("-c", dir.toString(), "--interval", "0s"),
        "--interval: '0s' is not a positive duration");
  }

  @Test
  void anAddressInUseIsBadInput() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertBadInput(
          serve("-c", dir.toString(), "--listen", "127.0.0.1:" + taken.getLocalPort()),
          "cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void aSetWithoutAValueIsBadInput() throws Exception {
    Files.writeString(dir.resolve("p.yaml"), "api: {url: http://127.0.0.1:9}\n");
    assertBadInput(serve("-c", dir.toString(), "--set", "timeouts.total"), "--set wants KEY=VALUE");
  }

  @Test
  void listenTakesHostAndPortAnyInterfaceOrIpv6() {
    assertThat(ServeCommand.address("127.0.0.1:9781"))
        .isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9781));
    assertThat(ServeCommand.address(":9781").getAddress().isAnyLocalAddress()).isTrue();
    assertThat(ServeCommand.address("[::1]:0").getAddress().getHostAddress())
        .isEqualTo("0:0:0:0:0:0:0:1");
    assertThatThrownBy(() -> ServeCommand.address("9781"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("[HOST]:PORT");
    assertThatThrownBy(() -> ServeCommand.address("127.0.0.1:70000"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("out of range");
  }
}
