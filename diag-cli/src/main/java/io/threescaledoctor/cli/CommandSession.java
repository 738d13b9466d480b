package io.threescaledoctor.cli;

import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.Cancellation;
import io.threescaledoctor.core.engine.CheckRegistry;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the interactive shell shares with the commands typed into it: the session's profile (a file
 * plus keys set with {@code set}), a cancellation the engineer triggers with Ctrl-C, and a place to
 * keep each run's outcome for {@code last}, {@code findings} and {@code report save}. Outside the
 * shell there is no session and commands behave as on the command line.
 */
public interface CommandSession {

  /** The profile file the session loaded with {@code --config} or {@code use}, or null. */
  Path profileFile();

  /**
   * Keys set in the session, applied over the file before a command's own flags. A null value
   * removes the key the file sets.
   */
  Map<String, String> profileOverrides();

  /** Cancelled when the engineer presses Ctrl-C while the current command runs. */
  Cancellation cancellation();

  /** The checks the session runs: the installed ones, plus any the embedding shell adds. */
  default CheckRegistry checks() {
    return CheckRegistry.standard();
  }

  /** Keeps the outcome of a run the current command made. */
  void record(Diagnosis diagnosis);
}
