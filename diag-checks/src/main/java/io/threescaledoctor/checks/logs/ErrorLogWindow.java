package io.threescaledoctor.checks.logs;

import java.time.Duration;
import java.time.Instant;

/**
 * How old a finding may be and still fail today's run. A log keeps errors from days ago; those
 * explain nothing about now, so only findings last seen within {@link #DEFAULT_RECENT} (by the
 * log's own timestamps, against the run's clock) are FAIL; older ones are WARN.
 */
public final class ErrorLogWindow {
  public static final Duration DEFAULT_RECENT = Duration.ofHours(1);

  private ErrorLogWindow() {}

  /** Whether a finding last seen at {@code lastSeen} is recent at {@code now}. */
  public static boolean isRecent(Instant lastSeen, Instant now, Duration recent) {
    return !lastSeen.isBefore(now.minus(recent));
  }
}
