package io.threescaledoctor.cli.shell;

import io.threescaledoctor.cli.CliEnvironment;
import io.threescaledoctor.cli.DoctorSubcommand;
import io.threescaledoctor.cli.EnvironmentAware;
import io.threescaledoctor.cli.ProfileOptions;
import io.threescaledoctor.core.engine.CheckRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code 3scale-doctor shell}: the interactive troubleshooting shell. */
@Command(
    name = "shell",
    sortOptions = false,
    description = {
      "Interactive troubleshooting shell: every command, over a session profile you edit with"
          + " 'set', a guided 'walk' through the guide's checklist, and 'report save' for a"
          + " ticket.",
      "",
      "With input piped in, runs each line as a command and exits with the last one's code:",
      "  printf 'set gateway.url https://api.example.com\\nrun\\n' | 3scale-doctor shell",
      "",
      "History: ~/.3scale-doctor/history (secrets masked); THREESCALE_DOCTOR_HISTORY or"
          + " -Dthreescale.doctor.history=FILE moves it, an empty value turns it off."
    })
public final class ShellCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  /** System property that moves the history file; an empty value turns history off. */
  public static final String HISTORY_PROPERTY = "threescale.doctor.history";

  /** Environment variable that moves the history file, when the property is not set. */
  public static final String HISTORY_VARIABLE = "THREESCALE_DOCTOR_HISTORY";

  @Mixin ProfileOptions profileOptions;

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    Session session = new Session(env::variable, Clock.systemUTC(), CheckRegistry.standard());
    session.start(profileOptions.configFile(), profileOptions.overrides());
    if (System.console() == null) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      return DoctorShell.script(in, env.out(), env.err(), session, env.variables()).run();
    }
    try (Terminal terminal = TerminalBuilder.builder().name("3scale-doctor").system(true).build()) {
      return DoctorShell.interactive(terminal, session, env.variables(), historyFile(env)).run();
    } catch (IOException e) {
      env.err().println("3scale-doctor: cannot open the terminal: " + e.getMessage());
      return io.threescaledoctor.core.report.ExitCode.INTERNAL_ERROR;
    }
  }

  /** Where the history goes: the property, the variable, or ~/.3scale-doctor/history; or none. */
  static Path historyFile(CliEnvironment env) {
    String configured = System.getProperty(HISTORY_PROPERTY);
    if (configured == null) {
      configured = env.variable(HISTORY_VARIABLE);
    }
    if (configured != null) {
      return configured.isBlank() ? null : Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".3scale-doctor", "history");
  }
}
