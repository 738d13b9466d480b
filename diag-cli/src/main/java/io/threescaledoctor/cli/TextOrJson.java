package io.threescaledoctor.cli;

import picocli.CommandLine.Option;

/**
 * {@code -f/--format text|json}, for the commands that print a listing or findings rather than a
 * report (those take {@link OutputOptions}).
 */
public final class TextOrJson {
  @Option(
      names = {"-f", "--format"},
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Output format (default ${DEFAULT-VALUE}); json is for scripts.")
  String format;

  /** Rejects any format but text or json, as bad input. */
  public void validate() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new BadInputException("--format " + format + ": use text or json");
    }
  }

  /** Whether JSON was asked for (after {@link #validate}). */
  public boolean json() {
    validate();
    return format.equals("json");
  }
}
