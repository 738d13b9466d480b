package io.threescaledoctor.core.check;

import io.threescaledoctor.core.profile.ExtensionSettings;
import io.threescaledoctor.core.profile.Profile;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything a check may use to reach the world: the profile, the endpoint it runs against, its
 * time budget, a clock, the redactor, and the results of the checks it depends on. One context is
 * made per check run; it is safe to read from the check's thread.
 */
public interface CheckContext {

  Profile profile();

  /** The endpoint this run probes, for checks that declare {@link Check#endpoints()}. */
  Optional<Endpoint> endpoint();

  /**
   * The base URL of {@link #endpoint()}.
   *
   * @throws IllegalStateException when the check is not bound to an endpoint
   */
  default URI target() {
    Endpoint e = endpoint().orElseThrow(() -> new IllegalStateException("check has no endpoint"));
    return profile()
        .endpointUrl(e)
        .orElseThrow(() -> new IllegalStateException(Profile.endpointKey(e) + " is not set"));
  }

  /**
   * The settings of {@code extension} from the profile's {@code extensions} section (see {@link
   * Setting}), with typed accessors; empty settings when the profile has none.
   */
  default ExtensionSettings settings(String extension) {
    return profile().extension(extension);
  }

  /** Connect and read budgets for each network operation. */
  Timeouts timeouts();

  Clock clock();

  /** Masks every secret of the run; checks pass URLs and log excerpts through it. */
  Redactor redactor();

  /** The result of a check this one depends on or runs after, by base id (same endpoint first). */
  Optional<CheckResult> resultOf(String checkId);

  /** True once the run was cancelled (Ctrl-C in the shell, the deadline); long loops stop. */
  boolean cancelled();

  /** Budgets for one check's network operations. */
  record Timeouts(Duration connect, Duration read) {
    public int connectMillis() {
      return (int) Math.min(Integer.MAX_VALUE, connect.toMillis());
    }

    public int readMillis() {
      return (int) Math.min(Integer.MAX_VALUE, read.toMillis());
    }
  }
}
