package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.testing.FreePorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Quiet and verbose are the same everywhere: every verb whose exit code says whether something
 * failed (its exit code list has a 1) takes {@code -q/--quiet} and {@code -v/--verbose} from the
 * one {@link Verbosity} mixin, and quiet prints one line with the exit code a full run gives. The
 * walk covers verbs added later without naming them.
 */
class VerbosityConventionTest {

  @Test
  void everyVerbThatJudgesTakesQuietAndVerboseFromTheSharedMixin() {
    List<String> judging = new ArrayList<>();
    walk(root(), "", judging);

    assertThat(judging)
        .as("verbs whose exit code says whether something failed")
        .contains("run", "demo", "dns", "connect", "tls", "logs", "nginx-conf", "cert save");
  }

  private static void walk(CommandLine cl, String path, List<String> judging) {
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              CommandSpec spec = sub.getCommandSpec();
              if (!spec.name().equals(name)) {
                return;
              }
              String here = path.isEmpty() ? name : path + " " + name;
              if (spec.usageMessage().exitCodeList().keySet().stream()
                  .anyMatch(k -> k.trim().equals("1"))) {
                judging.add(here);
                for (String option : List.of("-q", "--quiet", "-v", "--verbose")) {
                  assertThat(spec.findOption(option)).as(here + " " + option).isNotNull();
                }
                assertThat(hasVerbosityMixin(spec))
                    .as(here + " takes -q/-v from the Verbosity mixin")
                    .isTrue();
              }
              walk(sub, here, judging);
            });
  }

  private static boolean hasVerbosityMixin(CommandSpec spec) {
    return spec.mixins().values().stream()
        .anyMatch(m -> m.userObject() instanceof Verbosity || hasVerbosityMixin(m));
  }

  /**
   * Held bound without listening for the whole class (argument sources run after {@code
   * BeforeAll}): it refuses at once, and no other process can take it meanwhile.
   */
  private static FreePorts.RefusingPort refusing;

  @BeforeAll
  static void holdARefusingPort() throws IOException {
    refusing = FreePorts.refusing();
  }

  @AfterAll
  static void releaseIt() throws IOException {
    refusing.close();
  }

  static Stream<Arguments> quietRuns() throws IOException {
    int closed = closedPort();
    Path conf = Files.createTempFile("nginx", ".conf");
    Files.writeString(
        conf,
        """
        events {}
        http {
          server {
            listen 8080;
            location / { set $api api.internal; proxy_pass http://$api; }
          }
        }
        """);
    conf.toFile().deleteOnExit();
    String log = Path.of("../samples/logs/upstream-timeout.log").toString();
    return Stream.of(
        Arguments.of(List.of("connect", "127.0.0.1", String.valueOf(closed))),
        Arguments.of(List.of("tls", "127.0.0.1:" + closed)),
        Arguments.of(List.of("dns", "localhost")),
        Arguments.of(List.of("run", "--api", "http://127.0.0.1:" + closed)),
        Arguments.of(List.of("demo", "--fault", "limits")),
        Arguments.of(List.of("cert", "save", "127.0.0.1:" + closed)),
        Arguments.of(List.of("nginx-conf", conf.toString())),
        Arguments.of(List.of("logs", log)),
        Arguments.of(List.of("logs", log, "--recent", "1000000h")));
  }

  @ParameterizedTest
  @MethodSource("quietRuns")
  void quietPrintsOneLineAndKeepsTheExitCode(List<String> args) {
    CliRun full = CliRun.of(args.toArray(String[]::new));
    List<String> quietArgs = new ArrayList<>(args);
    quietArgs.add("-q");
    CliRun quiet = CliRun.of(quietArgs.toArray(String[]::new));

    assertThat(quiet.exit()).as(quiet.err()).isEqualTo(full.exit()).isNotEqualTo(2);
    assertThat(quiet.out().lines().toList()).as(quiet.out()).hasSize(1);
    assertThat(full.out().lines().count()).isGreaterThan(1);
    String verdict = quiet.out().strip();
    assertThat(verdict.startsWith("FAIL")).as(verdict).isEqualTo(full.exit() == 1);
  }

  @Test
  void verboseShowsWhatTheNormalReportFoldsAway(@TempDir Path dir) throws IOException {
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(
        conf,
        "events {}\nhttp { server { listen 80; location / { set $a b.internal;"
            + " proxy_pass http://$a; } } }\n");

    String normal = CliRun.of("nginx-conf", conf.toString()).out();
    String verbose = CliRun.of("nginx-conf", conf.toString(), "-v", "--resolver", "10.9.9.9").out();

    assertThat(normal).doesNotContain("->");
    // The remedy speaks about this setup: the resolver the profile names.
    assertThat(verbose).contains("-> Add a resolver directive (resolver 10.9.9.9;)");
  }

  @Test
  void quietWithAnOutputFileStillWritesTheWholeReport(@TempDir Path dir) throws IOException {
    Path report = dir.resolve("connect.json");
    CliRun run =
        CliRun.of(
            "connect",
            "127.0.0.1",
            String.valueOf(closedPort()),
            "-q",
            "--format",
            "json",
            "--output",
            report.toString());

    assertThat(run.out().lines().toList()).hasSize(1);
    assertThat(Files.readString(report)).contains("\"schemaVersion\"");
  }

  private static int closedPort() {
    return refusing.port();
  }

  private static CommandLine root() {
    return Main.newCommandLine(
        new CliEnvironment(
            Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
  }
}
