package io.threescaledoctor.core.fleet;

import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.time.Duration;
import java.util.Optional;

/**
 * One finished run of a profile.
 *
 * @param profile the profile's name
 * @param diagnosis what the run found
 * @param previous the profile's last full diagnosis before this run, or null
 * @param scheduled true for a run the schedule started, false for an on-demand one ({@link
 *     Scheduler#runNow})
 * @param lag how much later than its slot a scheduled run started (waiting for a free run); zero
 *     for on-demand runs
 * @param full whether the whole checklist ran (an on-demand run may select some checks): only full
 *     runs become the profile's last diagnosis
 */
public record CompletedRun(
    String profile,
    Diagnosis diagnosis,
    Diagnosis previous,
    boolean scheduled,
    Duration lag,
    boolean full) {

  public Optional<Diagnosis> previousIfAny() {
    return Optional.ofNullable(previous);
  }
}
