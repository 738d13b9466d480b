package io.threescaledoctor.core.fleet;

import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A profile as the scheduler holds it at one moment: its last full run, its counters and whether
 * its source loads. Snapshots are immutable; ask the scheduler again for a newer one.
 *
 * @param name the profile's name
 * @param source where it came from (a file path), or null
 * @param doctor what runs it: the last version of the profile that loaded, or null if none ever did
 * @param loadError why the last load failed, or null when it succeeded
 * @param lastDiagnosis the last full run's diagnosis, or null before the first
 * @param lastRunDuration how long that run took, or null
 * @param lastRunLag how late that run started against its slot (zero for on-demand runs), or null
 * @param runs full runs finished
 * @param skippedRuns scheduled runs left out because the previous one was still running
 * @param failedRuns runs that threw (bugs) instead of returning a diagnosis
 * @param running whether a run of this profile is running or waiting to run now
 * @param nextRunAt when the next scheduled run is due, or null when none is scheduled
 */
public record ProfileState(
    String name,
    String source,
    Doctor doctor,
    String loadError,
    Diagnosis lastDiagnosis,
    Duration lastRunDuration,
    Duration lastRunLag,
    long runs,
    long skippedRuns,
    long failedRuns,
    boolean running,
    Instant nextRunAt) {

  /** Whether the profile's source loaded the last time it was read. */
  public boolean valid() {
    return loadError == null;
  }

  public Optional<Diagnosis> lastDiagnosisIfAny() {
    return Optional.ofNullable(lastDiagnosis);
  }

  public Optional<String> loadErrorIfAny() {
    return Optional.ofNullable(loadError);
  }

  public Optional<Doctor> doctorIfAny() {
    return Optional.ofNullable(doctor);
  }

  public Optional<Instant> nextRunAtIfAny() {
    return Optional.ofNullable(nextRunAt);
  }
}
