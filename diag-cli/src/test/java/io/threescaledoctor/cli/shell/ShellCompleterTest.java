package io.threescaledoctor.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What TAB offers at each place in a line. */
class ShellCompleterTest {
  @TempDir Path dir;

  private Terminal terminal;
  private LineReader reader;
  private ShellCompleter completer;
  private final Parser parser = new DefaultParser();

  @BeforeEach
  void setUp() throws Exception {
    terminal =
        TerminalBuilder.builder()
            .system(false)
            .provider("exec")
            .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())
            .type("dumb")
            .build();
    Session session = ShellFixture.session(new ProbeConnectCheck(), new ProbeReadCheck());
    session.set("gateway.url", "http://127.0.0.1:1");
    DoctorShell shell = DoctorShell.interactive(terminal, session, Map.of(), null);
    completer = new ShellCompleter(shell.commands(), session, () -> false);
    reader = LineReaderBuilder.builder().terminal(terminal).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    terminal.close();
  }

  private List<String> complete(String line) {
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(
        reader, parser.parse(line, line.length(), Parser.ParseContext.COMPLETE), candidates);
    return candidates.stream().map(Candidate::value).toList();
  }

  @Test
  void offersCommandsAtTheStartOfTheLine() {
    assertThat(complete(""))
        .contains("run", "checks", "set", "walk", "report", "help", "exit")
        .doesNotContain("shell");
  }

  @Test
  void offersCheckIdsHopsAndEndpointsForOnlyAndSkip() {
    assertThat(complete("run --only "))
        .contains(
            "probe.connect",
            "probe.read",
            "gateway.probe.connect",
            "gateway.probe.read",
            "client-gateway",
            "3scale",
            "api");
    assertThat(complete("run --skip gat")).contains("gateway.probe.connect", "gateway");
  }

  @Test
  void offersProfileKeysForSetUnsetShowAndTheSetOption() {
    assertThat(complete("set cre")).contains("credentials.userKey", "gateway.url", "timeouts.read");
    assertThat(complete("set credentials.userKey "))
        .as("no key where the value goes")
        .doesNotContain("credentials.userKey");
    assertThat(complete("unset ")).contains("credentials.userKey");
    assertThat(complete("show ")).contains("gateway.url");
    assertThat(complete("run --set ")).contains("timeouts.read=");
  }

  @Test
  void offersAllowedValuesOrTheCurrentValueAfterSetKey() {
    assertThat(complete("set vantage ")).containsExactly("client", "gateway");
    assertThat(complete("set credentials.in ")).containsExactly("query", "header");
    assertThat(complete("set tls.insecure ")).containsExactly("true", "false");
    assertThat(complete("set gateway.url ")).containsExactly("http://127.0.0.1:1");
  }

  @Test
  void offersOptionsOfTheTypedCommand() {
    assertThat(complete("run --"))
        .contains("--only", "--skip", "--format", "--config", "--user-key");
    assertThat(complete("walk -")).contains("--from");
  }

  @Test
  void offersHopsKnownIssuesFormatsAndSubcommands() {
    assertThat(complete("walk --from "))
        .containsExactly(
            "api",
            "gateway-api",
            "gateway",
            "gateway-3scale",
            "3scale",
            "client-gateway",
            "client");
    assertThat(complete("run --format ")).contains("text", "json");
    assertThat(complete("report ")).contains("save", "show");
    assertThat(complete("help ")).contains("run", "walk");
    assertThat(complete("explain ")).contains("limits-exceeded", "tls-expired", "user_key_invalid");
  }

  @Test
  void offersFilesForPaths() throws Exception {
    Files.writeString(dir.resolve("profile-a.yaml"), "");
    Files.writeString(dir.resolve("profile-b.yaml"), "");
    String prefix = dir.toString() + "/prof";
    assertThat(complete("use " + prefix))
        .anyMatch(v -> v.endsWith("profile-a.yaml"))
        .anyMatch(v -> v.endsWith("profile-b.yaml"));
    assertThat(complete("run --config " + prefix)).anyMatch(v -> v.endsWith("profile-a.yaml"));
    assertThat(complete("report save " + prefix)).anyMatch(v -> v.endsWith("profile-b.yaml"));
  }
}
