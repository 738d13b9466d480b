package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.engine.CheckRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's contract with people and scripts: bad input is one line and exit 2, JSON
 * output is only JSON, secrets never show, {@code --version} and {@code checks} answer.
 */
class RunCommandTest {
  private static final String SENTINEL_TOKEN = "st-SENTINEL-c0ffee4242";
  private static final String SENTINEL_KEY = "uk-SENTINEL-beef1717";
  private static final String SENTINEL_ADMIN = "at-SENTINEL-d00d5151";
  private static final ObjectMapper STRICT_JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @TempDir Path dir;

  record Run(int exitCode, String stdout, String stderr) {}

  private static Run doctor(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = Main.execute(args, o, e, env);
    }
    return new Run(code, out.toString(), err.toString());
  }

  private static Run doctor(String... args) {
    return doctor(Map.of(), args);
  }

  private Path profile(String yaml) throws IOException {
    Path p = dir.resolve("profile.yaml");
    Files.writeString(p, yaml);
    return p;
  }

  private static void assertOneLineBadInput(Run run) {
    assertThat(run.exitCode()).as("exit code; stderr: %s", run.stderr()).isEqualTo(2);
    assertThat(run.stderr().lines().toList()).as("stderr").hasSize(1);
    assertThat(run.stderr())
        .as("no stack trace without --debug")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void missingProfileFileIsOneLineNamingTheFile() {
    Path missing = dir.resolve("nowhere.yaml");

    Run run = doctor("run", "--config", missing.toString());

    assertOneLineBadInput(run);
    assertThat(run.stderr()).contains(missing.toString());
  }

  @Test
  void invalidYamlIsOneLineNamingFileAndLine() throws IOException {
    Path p =
        profile(
            """
        gateway:
          url: http://127.0.0.1:1
        api: [unclosed
        """);

    Run run = doctor("run", "--config", p.toString(), "--format", "json");

    assertOneLineBadInput(run);
    assertThat(run.stderr()).contains(p.toString()).containsPattern(":[34]\\b");
  }

  @Test
  void unknownKeyIsOneLineNamingKeyAndLine() throws IOException {
    Path p =
        profile(
            """
        gateway:
          url: http://127.0.0.1:1
          colour: blue
        """);

    Run run = doctor("run", "--config", p.toString());

    assertOneLineBadInput(run);
    assertThat(run.stderr()).contains("colour").contains(p + ":3");
  }

  @Test
  void badUrlIsOneLineNamingTheKey() throws IOException {
    Path p =
        profile(
            """
        api:
          url: "ftp://127.0.0.1/files"
        """);

    Run run = doctor("run", "--config", p.toString());

    assertOneLineBadInput(run);
    assertThat(run.stderr()).contains("api.url").contains(p + ":2");
  }

  @Test
  void badUrlGivenAsAFlagNamesTheKey() {
    Run run = doctor("run", "--gateway", "not a url");

    assertOneLineBadInput(run);
    assertThat(run.stderr()).contains("gateway.url");
  }

  @Test
  void badUrlWithATokenInItDoesNotEchoTheToken() throws IOException {
    Path p =
        profile(
            """
        api:
          url: "http://admin:%s@127.0.0.1:99999/"
        """
                .formatted(SENTINEL_TOKEN));

    Run run = doctor("run", "--config", p.toString());

    assertOneLineBadInput(run);
    assertThat(run.stderr()).contains("api.url").doesNotContain(SENTINEL_TOKEN);
  }

  @Test
  void jsonFormatPrintsOnlyOneJsonDocument() throws IOException {
    Path p =
        profile(
            """
        api:
          url: http://127.0.0.1:%1$d
        threescale:
          backend: http://127.0.0.1:%1$d
        timeouts:
          connect: 1s
          read: 1s
          total: 10s
        """
                .formatted(closedPort()));

    Run run = doctor("run", "--config", p.toString(), "--format", "json");

    JsonNode report = STRICT_JSON.readTree(run.stdout());
    assertThat(report.path("schemaVersion").asInt()).isEqualTo(1);
    assertThat(report.path("diagnosis").path("status").asText()).isIn("FAILING", "INCONCLUSIVE");
    assertThat(run.exitCode()).isIn(1, 4);
  }

  @Test
  void secretsInTheProfileAppearInNoOutput() throws IOException {
    int closed = closedPort();
    Path p =
        profile(
            """
        vantage: client
        gateway:
          url: http://127.0.0.1:%1$d
        api:
          url: http://127.0.0.1:%1$d
        client:
          path: /hello
        threescale:
          backend: http://127.0.0.1:%1$d
          serviceId: "42"
          serviceToken: %2$s
          admin: http://%3$s@127.0.0.1:%1$d
        credentials:
          userKey: ${USER_KEY}
        timeouts:
          connect: 1s
          read: 1s
          total: 10s
        """
                .formatted(closed, SENTINEL_TOKEN, SENTINEL_ADMIN));
    Map<String, String> env = Map.of("USER_KEY", SENTINEL_KEY);

    List<Run> runs = new ArrayList<>();
    runs.add(doctor(env, "run", "--config", p.toString(), "--format", "json"));
    runs.add(doctor(env, "run", "--config", p.toString(), "--format", "text", "--verbose"));
    runs.add(doctor(env, "run", "--config", p.toString(), "--format", "json", "--debug"));
    runs.add(
        doctor(
            env, "run", "--config", p.toString(), "--user-key", SENTINEL_KEY, "--format", "text"));

    for (Run run : runs) {
      assertThat(run.exitCode()).as("stderr: %s", run.stderr()).isIn(0, 1, 4);
      for (String secret : List.of(SENTINEL_TOKEN, SENTINEL_KEY, SENTINEL_ADMIN)) {
        assertThat(run.stdout()).doesNotContain(secret);
        assertThat(run.stderr()).doesNotContain(secret);
      }
    }
    assertThat(STRICT_JSON.readTree(runs.get(0).stdout()).path("results").size())
        .as("the checks ran, so the secrets had chances to leak")
        .isPositive();
  }

  @Test
  void versionPrintsNameAndVersion() {
    Run run = doctor("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout().strip()).matches("3scale-doctor \\d+\\.\\d+\\.\\d+(-\\S+)?");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void checksListsEveryInstalledCheckId() throws IOException {
    List<String> installed = CheckRegistry.standard().all().stream().map(Check::id).toList();
    assertThat(installed)
        .as("the first set of checks the foundation issue asks for")
        .contains(
            "tcp.connect",
            "dns.resolve",
            "http.request",
            "threescale.authorize",
            "gateway.errorlog");

    Run text = doctor("checks");
    Run json = doctor("checks", "--format", "json");

    assertThat(text.exitCode()).isZero();
    assertThat(text.stdout()).contains(installed);
    assertThat(json.exitCode()).isZero();
    List<String> listed = new ArrayList<>();
    STRICT_JSON.readTree(json.stdout()).forEach(c -> listed.add(c.path("id").asText()));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(installed);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }
}
