package io.threescaledoctor.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell with piped input: each line a command, outputs in order, the last exit code. */
class ShellScriptTest {
  private static final String SENTINEL = "SENTINEL-user-key-7f3a9c";

  @TempDir Path dir;

  @Test
  void setThenRunUsesTheNewValue() throws Exception {
    try (ServerSocket first = listener();
        ServerSocket second = listener()) {
      ShellFixture.Result r =
          ShellFixture.script(
              ShellFixture.session(new ProbeConnectCheck()),
              "set gateway.url http://127.0.0.1:" + first.getLocalPort(),
              "run --verbose",
              "set gateway.url http://127.0.0.1:" + second.getLocalPort(),
              "run --verbose");

      assertThat(r.err()).isEmpty();
      String out = r.out();
      int firstRun = out.indexOf("127.0.0.1:" + first.getLocalPort(), out.indexOf("PASS"));
      assertThat(firstRun).as("the first run probed the first server").isPositive();
      assertThat(out.indexOf("connected to 127.0.0.1:" + second.getLocalPort()))
          .as("the second run probed the server set in between")
          .isGreaterThan(firstRun);
      assertThat(r.session().runs()).hasSize(2);
      assertThat(r.exitCode()).isZero();
    }
  }

  @Test
  void showWarnsThatAVeryShortSecretIsWeakAndMasksItWithoutManglingText() throws Exception {
    ShellFixture.Result r =
        ShellFixture.script(
            ShellFixture.session(new ProbeConnectCheck()),
            "set credentials.userKey k",
            "set gateway.url http://blocked.example.test",
            "show");

    assertThat(r.out())
        .contains("gateway.url")
        .contains("http://blocked.example.test")
        .contains("credentials.userKey = ****")
        .contains("warning: credentials.userKey is shorter than 8 characters");
  }

  @Test
  void pipedCommandsPrintTheirOutputsInOrderAndExitWithTheLastCode() throws Exception {
    int refused;
    try (ServerSocket s = listener()) {
      refused = s.getLocalPort();
    }
    ShellFixture.Result r =
        ShellFixture.script(
            ShellFixture.session(new ProbeConnectCheck()),
            "# a comment line is skipped",
            "set api.url http://127.0.0.1:" + refused,
            "show api.url",
            "run",
            "findings");

    assertThat(r.out())
        .containsSubsequence(
            "api.url = http://127.0.0.1:" + refused,
            "api.url",
            "http://127.0.0.1:" + refused,
            "FAIL",
            "api.probe.connect",
            "FAIL  api.probe.connect [api]",
            "cause:  api-unreachable");
    assertThat(r.exitCode()).as("findings ran last and succeeded").isZero();

    ShellFixture.Result failing =
        ShellFixture.script(
            ShellFixture.session(new ProbeConnectCheck()),
            "set api.url http://127.0.0.1:" + refused,
            "run");
    assertThat(failing.exitCode())
        .as("run found a FAIL: exit 1, as on the command line")
        .isEqualTo(1);
  }

  @Test
  void unknownCommandIsOneLineWithASuggestionAndExitTwo() {
    ShellFixture.Result r = ShellFixture.script(ShellFixture.session(), "rnu --only api");

    assertThat(r.err().strip())
        .isEqualTo(
            "3scale-doctor: unknown command 'rnu' (did you mean run?). Type 'help' for"
                + " the list.");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void badValuesAreRefusedWithoutAStackTraceAndTheSessionKeepsItsValue() {
    ShellFixture.Result r =
        ShellFixture.script(
            ShellFixture.session(),
            "set gateway.url https://good.example.com",
            "set gateway.url not-a-url",
            "set gateway.urll https://x.example.com",
            "run --frmat json",
            "show gateway.url");

    assertThat(r.err())
        .contains("gateway.url: 'not-a-url' is not an http:// or https:// URL")
        .contains("unknown profile key 'gateway.urll' (did you mean gateway.url?")
        .contains("--frmat")
        .doesNotContain("Exception", "\tat ");
    assertThat(r.out()).contains("gateway.url = https://good.example.com");
  }

  @Test
  void secretsAreMaskedInShowAndTheReportAndNeverPrinted() throws Exception {
    Path report = dir.resolve("ticket.md");
    ShellFixture.Result r =
        ShellFixture.script(
            ShellFixture.session(),
            "set credentials.userKey " + SENTINEL,
            "set threescale.admin https://" + SENTINEL + "@tenant-admin.example.com",
            "show",
            "report save " + report);

    assertThat(r.out())
        .contains("credentials.userKey = ****3a9c")
        .contains("https://****3a9c@tenant-admin.example.com")
        .doesNotContain(SENTINEL);
    assertThat(Files.readString(report))
        .contains("credentials.userKey")
        .contains("****3a9c")
        .doesNotContain(SENTINEL);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void setReadsEnvironmentVariablesSoTheSecretIsNeverTyped() {
    Session session = ShellFixture.session(Map.of("USER_KEY", SENTINEL));
    ShellFixture.Result r =
        ShellFixture.script(
            session, "set credentials.userKey ${USER_KEY}", "set credentials.appKey ${NOT_SET}");

    assertThat(session.profile().credentials().userKey().reveal()).isEqualTo(SENTINEL);
    assertThat(r.out()).contains("credentials.userKey = ****3a9c").doesNotContain(SENTINEL);
    assertThat(r.err().strip()).isEqualTo("3scale-doctor: environment variable NOT_SET is not set");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void exitEndsTheScriptWithItsCode() {
    ShellFixture.Result r =
        ShellFixture.script(ShellFixture.session(), "show", "exit 3", "show --no-such-option");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void theShellVerbReadsPipedInputWhenStartedFromTheCommandLine() throws Exception {
    Path profile = dir.resolve("profile.yaml");
    Files.writeString(profile, "gateway:\n  url: https://gw.example.com\n");
    InputStream stdin = System.in;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try {
      System.setIn(
          new ByteArrayInputStream(
              "show gateway.url\nhelp\nset vantage elsewhere\n".getBytes(StandardCharsets.UTF_8)));
      code =
          Main.execute(
              new String[] {"shell", "--config", profile.toString()},
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              Map.of());
    } finally {
      System.setIn(stdin);
    }

    assertThat(out.toString())
        .contains("gateway.url = https://gw.example.com")
        .contains("walk")
        .contains("report")
        .doesNotContain("shell  ");
    assertThat(err.toString()).contains("vantage").contains("elsewhere");
    assertThat(code).as("the last line was bad input").isEqualTo(2);
  }

  private static ServerSocket listener() throws Exception {
    return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }
}
