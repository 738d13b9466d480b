package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command, nested ones too, teaches its use with --help and exit 0. */
class HelpTest {

  @Test
  void everyCommandAnswersHelp() {
    CommandLine root =
        Main.newCommandLine(
            new CliEnvironment(
                Map.of(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
    List<List<String>> paths = new ArrayList<>();
    collect(root, new ArrayList<>(), paths);
    assertThat(paths).hasSizeGreaterThan(10);

    for (List<String> path : paths) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      List<String> args = new ArrayList<>(path);
      args.add("--help");

      int code =
          Main.execute(
              args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of());

      assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
      assertThat(out.toString()).as(String.join(" ", args)).startsWith("Usage: 3scale-doctor");
    }
  }

  @Test
  void theRootHelpTeachesHowPluginsJoin() {
    CliRun r = CliRun.of("--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains("THREESCALE_DOCTOR_CLASSPATH=myapp-checks.jar 3scale-doctor checks")
        .contains("3scale-doctor run --plugin-path DIR -c profile.yaml")
        .contains("java -cp 3scale-doctor.jar:myapp-checks.jar io.threescaledoctor.cli.Main")
        .contains("extensions.ID.NAME");
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!sub.getCommandSpec().name().equals(name)) {
                return; // an alias of a command collected under its own name
              }
              List<String> next = new ArrayList<>(path);
              next.add(name);
              into.add(next);
              collect(sub, next, into);
            });
  }
}
