package io.threescaledoctor.cli;

import io.threescaledoctor.core.profile.Durations;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --since}: how far back pod logs are read, for the verbs that read them ({@code cluster},
 * {@code run --cluster}); {@code lint-cr} reads the cluster without logs and does not take it.
 */
public final class LogWindow {
  @Option(
      names = "--since",
      paramLabel = "DURATION",
      defaultValue = "1h",
      description = "Pod logs of the last DURATION are analysed (default ${DEFAULT-VALUE}).")
  String since;

  Duration since() {
    try {
      return Durations.parse(since);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--since " + e.getMessage());
    }
  }
}
