package io.threescaledoctor.samples.actuator;

import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The doctor's latest diagnosis, run again only when older than {@code every}: health probes come
 * every few seconds, and each run calls 3scale.
 */
public final class LastDiagnosis {
  private final Doctor doctor;
  private final Duration every;
  private final Clock clock;
  private Diagnosis last;
  private Instant lastAt;

  public LastDiagnosis(Doctor doctor, Duration every, Clock clock) {
    this.doctor = doctor;
    this.every = every;
    this.clock = clock;
  }

  /** A diagnosis no older than {@code every}; runs the doctor when there is none. */
  public synchronized Diagnosis current() {
    Instant now = clock.instant();
    if (last == null || !now.isBefore(lastAt.plus(every))) {
      last = doctor.run();
      lastAt = now;
    }
    return last;
  }

  /** The last diagnosis, without running the doctor. */
  public synchronized Optional<Diagnosis> last() {
    return Optional.ofNullable(last);
  }
}
