package io.threescaledoctor.cli.shell;

import io.threescaledoctor.core.check.Status;

/** ANSI styling of the shell's own output, or none on a dumb terminal, in a pipe or NO_COLOR. */
final class Style {
  private static final String RESET = "\u001b[0m";

  private final boolean color;

  Style(boolean color) {
    this.color = color;
  }

  boolean color() {
    return color;
  }

  String bold(String text) {
    return paint("\u001b[1m", text);
  }

  String dim(String text) {
    return paint("\u001b[2m", text);
  }

  /** The status name padded to five columns and coloured by severity. */
  String status(Status status) {
    String name = String.format("%-5s", status.name());
    return switch (status) {
      case PASS -> paint("\u001b[32m", name);
      case WARN -> paint("\u001b[33m", name);
      case FAIL -> paint("\u001b[1;31m", name);
      case ERROR -> paint("\u001b[35m", name);
      case SKIP -> paint("\u001b[2m", name);
    };
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }
}
