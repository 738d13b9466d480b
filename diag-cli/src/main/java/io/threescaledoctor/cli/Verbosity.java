package io.threescaledoctor.cli;

import picocli.CommandLine.Option;

/**
 * {@code -q/--quiet} and {@code -v/--verbose}, the same on every verb that prints a verdict (a verb
 * whose exit code says whether something failed). Quiet prints the verdict in one line and leaves
 * the exit code as it is; verbose shows what a normal report leaves out. Quiet wins when both are
 * given. {@code VerbosityConventionTest} holds every such verb, new ones too, to this.
 */
public final class Verbosity {
  @Option(
      names = {"-q", "--quiet"},
      description =
          "Print only the one-line verdict (the exit code is the same; a report asked for with"
              + " --output is still written).")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show more: the evidence of passing checks and everything a report folds away.")
  boolean verbose;

  public boolean quiet() {
    return quiet;
  }

  /** Verbose, unless quiet was asked for too. */
  public boolean verbose() {
    return verbose && !quiet;
  }
}
