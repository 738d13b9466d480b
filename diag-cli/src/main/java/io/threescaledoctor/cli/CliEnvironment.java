package io.threescaledoctor.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * What a command may read from outside its arguments: environment variables and the output
 * streams. Tests and the shell hand in their own.
 */
public record CliEnvironment(Map<String, String> variables, PrintWriter out, PrintWriter err) {

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
