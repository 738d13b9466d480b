package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.testing.Component;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The completion scripts, run by the real shells: each partial command line is handed to the
 * script's completion function the way bash (or zsh's bashcompinit) calls it, and the candidates it
 * leaves in COMPREPLY are compared with what an engineer expects on TAB.
 */
class CompletionScriptTest {
  private static final Path BASH = Path.of("/bin/bash");

  @TempDir static Path dir;

  @BeforeAll
  static void programAndRemotes() throws Exception {
    // The scripts ask the program itself for live values (remote names): put one on PATH.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path program = bin.resolve("3scale-doctor");
    Files.writeString(
        program,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' io.threescaledoctor.cli.Main \"$@\"\n");
    program.toFile().setExecutable(true);
    Files.writeString(dir.resolve("profile.yaml"), "gateway:\n  url: http://127.0.0.1:1\n");
    Map<String, String> env = Map.of("THREESCALE_CLI_CONFIG", remotes().toString());
    assertThat(CliRun.of(env, "remote", "add", "prod", "https://tok@prod-admin.test").exit())
        .isZero();
    assertThat(CliRun.of(env, "remote", "add", "staging", "https://tok@st-admin.test").exit())
        .isZero();
  }

  private static Path remotes() {
    return dir.resolve("3scalerc.yaml");
  }

  @Test
  void bashCompletesVerbsOptionsAndTheirValues() throws Exception {
    Map<String, List<String>> offered =
        complete(
            BASH,
            "bash",
            "3scale-doctor ru",
            "3scale-doctor run --fo",
            "3scale-doctor run --format ",
            "3scale-doctor run --format=j",
            "3scale-doctor run --set timeouts.r",
            "3scale-doctor run --set timeouts.read=3s --on",
            "3scale-doctor run --only api.tc",
            "3scale-doctor explain limits-",
            "3scale-doctor explain user_key_",
            "3scale-doctor demo --fault api-",
            "3scale-doctor remote ",
            "3scale-doctor remote remove ",
            "3scale-doctor run --admin st",
            "3scale-doctor run -c prof",
            "3scale-doctor tls host:443 --serv",
            "3scale-doctor cert save host --o",
            "3scale-doctor completion ");

    assertThat(offered.get("3scale-doctor ru")).containsExactly("run");
    assertThat(offered.get("3scale-doctor run --fo")).containsExactly("--format");
    assertThat(offered.get("3scale-doctor run --format "))
        .containsExactly("text", "json", "markdown", "html", "junit");
    assertThat(offered.get("3scale-doctor run --format=j")).containsExactly("json", "junit");
    assertThat(offered.get("3scale-doctor run --set timeouts.r")).containsExactly("timeouts.read=");
    assertThat(offered.get("3scale-doctor run --set timeouts.read=3s --on"))
        .containsExactly("--only");
    assertThat(offered.get("3scale-doctor run --only api.tc")).containsExactly("api.tcp.connect");
    assertThat(offered.get("3scale-doctor explain limits-"))
        .containsExactly("limits-exceeded", "limits-near");
    assertThat(offered.get("3scale-doctor explain user_key_")).containsExactly("user_key_invalid");
    assertThat(offered.get("3scale-doctor demo --fault api-"))
        .containsExactlyInAnyOrder("api-down", "api-slow", "api-error");
    assertThat(offered.get("3scale-doctor remote "))
        .containsExactlyInAnyOrder("list", "add", "remove", "rename");
    assertThat(offered.get("3scale-doctor remote remove ")).containsExactly("prod", "staging");
    assertThat(offered.get("3scale-doctor run --admin st")).containsExactly("staging");
    assertThat(offered.get("3scale-doctor run -c prof")).containsExactly("profile.yaml");
    assertThat(offered.get("3scale-doctor tls host:443 --serv"))
        .contains("--servername")
        .allMatch(o -> o.startsWith("--serv"));
    assertThat(offered.get("3scale-doctor cert save host --o"))
        .containsExactly("--out", "--output");
    assertThat(offered.get("3scale-doctor completion ")).containsExactly("bash", "zsh");
  }

  @Test
  void everyVerbOfTheModelCompletesWithoutBeingNamedAnywhere() throws Exception {
    CommandLine root =
        Main.newCommandLine(
            new CliEnvironment(
                Map.of(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
    List<String> verbs = new ArrayList<>();
    root.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (sub.getCommandSpec().name().equals(name)) {
                verbs.add(name);
              }
            });

    assertThat(complete(BASH, "bash", "3scale-doctor ").get("3scale-doctor "))
        .containsExactlyInAnyOrderElementsOf(verbs);
  }

  @Test
  void zshCompletesThroughBashcompinit() throws Exception {
    Path zsh = Component.ZSH.require();
    Map<String, List<String>> offered =
        complete(
            zsh,
            "zsh",
            "3scale-doctor ru",
            "3scale-doctor run --format ",
            "3scale-doctor run --set timeouts.r",
            "3scale-doctor explain limits-",
            "3scale-doctor remote remove ");

    assertThat(offered.get("3scale-doctor ru")).containsExactly("run");
    assertThat(offered.get("3scale-doctor run --format "))
        .containsExactly("text", "json", "markdown", "html", "junit");
    assertThat(offered.get("3scale-doctor run --set timeouts.r")).containsExactly("timeouts.read=");
    assertThat(offered.get("3scale-doctor explain limits-"))
        .containsExactly("limits-exceeded", "limits-near");
    assertThat(offered.get("3scale-doctor remote remove ")).containsExactly("prod", "staging");
  }

  @Test
  void anUnknownShellIsBadInput() {
    CliRun run = CliRun.of("completion", "fish");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("completion fish: use bash or zsh");
  }

  /**
   * Loads the script into {@code shell} and completes each line at its end; returns what each line
   * was offered. Bash splits words at {@code =} and {@code :} before it calls the function, and so
   * does this.
   */
  private static Map<String, List<String>> complete(Path shell, String name, String... lines)
      throws IOException, InterruptedException {
    CliRun script = CliRun.of("completion", name);
    assertThat(script.exit()).as(script.err()).isZero();
    Path file = dir.resolve("completion." + name);
    Files.writeString(file, script.out());
    StringBuilder driver = new StringBuilder();
    driver.append("source '").append(file).append("'\n");
    if (name.equals("bash")) {
      driver.append(
          """
          try() {
            local line="$1" split
            split="$(printf '%s' "$line" | sed 's/\\([=:]\\)/ \\1 /g')"
            read -ra COMP_WORDS <<< "$split"
            [[ "$line" == *" " || "$line" == *"=" || "$line" == *":" ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE="$line"; COMP_POINT=${#line}
            _3scale_doctor
            printf '%s\\t%s\\n' "$line" "${COMPREPLY[*]}"
          }
          """);
    } else {
      // As zsh's _bash_complete does: compgen -F runs the function; zsh then keeps the
      // candidates that start with the word typed.
      driver.append(
          """
          try() {
            local line="$1"
            local -a COMP_WORDS found
            COMP_WORDS=(${=line})
            [[ "$line" == *" " ]] && COMP_WORDS+=("")
            local COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            local word="${COMP_WORDS[-1]}"
            found=( ${(f)"$(compgen -F _3scale_doctor -- "$word")"} )
            found=( ${(M)found:#${word}*} )
            printf '%s\\t%s\\n' "$line" "${found[*]}"
          }
          """);
    }
    for (String line : lines) {
      driver.append("try '").append(line).append("'\n");
    }
    ProcessBuilder pb =
        new ProcessBuilder(shell.toString(), name.equals("bash") ? "--norc" : "-f", "-s")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment()
        .put(
            "PATH",
            dir.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("THREESCALE_CLI_CONFIG", remotes().toString());
    pb.environment().put("HOME", dir.toString());
    Process p = pb.start();
    p.getOutputStream().write(driver.toString().getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(name + " did not finish: " + output);
    }
    Map<String, List<String>> offered = new LinkedHashMap<>();
    for (String row : output.split("\n")) {
      int tab = row.indexOf('\t');
      if (tab >= 0) {
        String reply = row.substring(tab + 1).strip();
        offered.put(
            row.substring(0, tab), reply.isEmpty() ? List.of() : Arrays.asList(reply.split(" ")));
      }
    }
    assertThat(offered.keySet()).as(output).containsExactlyInAnyOrder(lines);
    return offered;
  }
}
