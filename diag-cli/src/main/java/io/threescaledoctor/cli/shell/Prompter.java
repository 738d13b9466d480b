package io.threescaledoctor.cli.shell;

import java.util.Optional;

/** Asks the engineer one question; empty when they pressed Ctrl-C or Ctrl-D, or input ended. */
interface Prompter {
  Optional<String> ask(String question);

  /** As {@link #ask}, without showing what is typed: for a key or token. */
  Optional<String> askHidden(String question);
}
