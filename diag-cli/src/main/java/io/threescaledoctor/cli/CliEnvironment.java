package io.threescaledoctor.cli;

import io.threescaledoctor.core.engine.Cancellation;
import io.threescaledoctor.core.engine.CheckRegistry;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * What a command may read from outside its arguments: environment variables and the output streams.
 * Tests and the shell hand in their own; inside the shell, {@code session} carries the shell's
 * profile and collects results (it is null on the plain command line).
 */
public record CliEnvironment(
    Map<String, String> variables, PrintWriter out, PrintWriter err, CommandSession session) {

  public CliEnvironment(Map<String, String> variables, PrintWriter out, PrintWriter err) {
    this(variables, out, err, null);
  }

  /** The shell session the command runs in, if it runs inside the shell. */
  public Optional<CommandSession> sessionIfAny() {
    return Optional.ofNullable(session);
  }

  /** The checks a command may run: the session's inside the shell, otherwise the installed ones. */
  public CheckRegistry checks() {
    return session == null ? CheckRegistry.standard() : session.checks();
  }

  /**
   * A cancellation for an engine run: the shell's Ctrl-C inside the shell, otherwise a fresh one.
   */
  public Cancellation cancellation() {
    return session == null ? new Cancellation() : session.cancellation();
  }

  public String variable(String name) {
    return variables.get(name);
  }

  /** Whether to colour: a console, no NO_COLOR, no --no-color. */
  public boolean color(CommandLine cl) {
    if (variables.containsKey("NO_COLOR") || globalFlag(cl, "--no-color")) {
      return false;
    }
    String term = variables.get("TERM");
    return forcedColor() || (System.console() != null && term != null && !term.equals("dumb"));
  }

  private boolean forcedColor() {
    return "always".equals(variables.get("THREESCALE_DOCTOR_COLOR"));
  }

  public boolean debug(CommandLine cl) {
    return globalFlag(cl, "--debug");
  }

  private static boolean globalFlag(CommandLine cl, String name) {
    for (CommandLine c = cl; c != null; c = c.getParent()) {
      CommandLine.Model.OptionSpec o = c.getCommandSpec().findOption(name);
      if (o != null && Boolean.TRUE.equals(o.getValue())) {
        return true;
      }
    }
    return false;
  }
}
