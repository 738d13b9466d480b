package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.testing.Component;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class HelpCommandTest {

  @Test
  void showsTheUsageOfACommandAndOfASubcommand() {
    CliRun run = CliRun.of("help", "run");
    CliRun nested = CliRun.of("help", "remote", "add");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("Usage: 3scale-doctor run");
    assertThat(nested.out()).startsWith("Usage: 3scale-doctor remote add");
  }

  @Test
  void anUnknownCommandIsOneLineWithASuggestion() {
    CliRun run = CliRun.of("help", "rnu");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .containsExactly("3scale-doctor: help rnu: no such command (did you mean run?)");
  }

  @Test
  void theManualPageCoversEveryCommandAndOption() {
    CliRun run = CliRun.of("help", "--man");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith(".\\\"").contains(".TH 3SCALE-DOCTOR 1");
    List<String> paths = new ArrayList<>();
    collect(root(), "", paths);
    assertThat(paths).contains("run", "remote add", "cert save", "help", "completion");
    for (String path : paths) {
      assertThat(run.out()).contains(".SS \"" + ManPage.escape(path) + "\"");
    }
    for (OptionSpec o : root().getSubcommands().get("run").getCommandSpec().options()) {
      assertThat(run.out()).contains(ManPage.escape(String.join(", ", o.names())));
    }
  }

  @Test
  void groffReadsTheManualPageWithoutAWarning(@TempDir Path dir) throws Exception {
    String groff = Component.GROFF.require().toString();
    Path page = dir.resolve("3scale-doctor.1");
    Files.writeString(page, CliRun.of("help", "--man").out());

    Process check =
        new ProcessBuilder(groff, "-man", "-Tutf8", "-ww", "-z", page.toString())
            .redirectErrorStream(true)
            .start();
    String warnings = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(warnings).isEmpty();
    assertThat(check.exitValue()).isZero();

    Process render =
        new ProcessBuilder(groff, "-man", "-Tutf8", "-P-cbou", page.toString()).start();
    String text = new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(render.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(text)
        .contains("3scale-doctor - find where a 3scale API integration breaks")
        .contains("3scale-doctor run --config profile.yaml")
        .contains("EXIT STATUS");
  }

  private static void collect(CommandLine cl, String prefix, List<String> into) {
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (sub.getCommandSpec().name().equals(name)) {
                String path = prefix.isEmpty() ? name : prefix + " " + name;
                into.add(path);
                collect(sub, path, into);
              }
            });
  }

  private static CommandLine root() {
    return Main.newCommandLine(
        new CliEnvironment(
            Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
  }
}
