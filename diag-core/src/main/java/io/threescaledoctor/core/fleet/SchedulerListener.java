package io.threescaledoctor.core.fleet;

/**
 * What a {@link Scheduler} does, for metrics and logs. Methods are called from the scheduler's
 * threads, possibly concurrently: implementations must be thread-safe, quick, and must not throw.
 */
public interface SchedulerListener {

  /** A run finished (cancelled runs at shutdown are not reported). */
  default void runFinished(CompletedRun run) {}

  /**
   * A scheduled run of {@code profile} was left out because its previous run (or an on-demand one)
   * was still running or waiting to run.
   */
  default void runSkipped(String profile) {}

  /** A run threw instead of returning a diagnosis: a bug in a check or in the doctor. */
  default void runFailed(String profile, RuntimeException error) {}

  /** The profiles were (re)loaded. */
  default void reloaded(ReloadReport report) {}
}
