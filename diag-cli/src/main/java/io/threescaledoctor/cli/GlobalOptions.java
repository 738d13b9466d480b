package io.threescaledoctor.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, before or after its name. */
public final class GlobalOptions {
  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Show stack traces of internal errors.")
  boolean debug;

  @Option(
      names = "--no-color",
      scope = ScopeType.INHERIT,
      description = "Never colour the output (NO_COLOR in the environment does the same).")
  boolean noColor;
}
