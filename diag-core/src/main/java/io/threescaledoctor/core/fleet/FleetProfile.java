package io.threescaledoctor.core.fleet;

import io.threescaledoctor.core.Doctor;
import java.util.Objects;
import java.util.Optional;

/**
 * One profile as a {@link ProfileSource} loaded it: its name (a Prometheus label value and a URL
 * path segment), where it came from, and either the {@link Doctor} that runs it or the one-line
 * reason it could not be loaded.
 *
 * @param name the profile's name; for files, the file name without its extension
 * @param source where it came from (a file path), for people; may be null
 * @param doctor runs the profile; null when it could not be loaded
 * @param error why it could not be loaded, one line naming the file, line and key; null when {@code
 *     doctor} is set
 * @param version compared with {@link Object#equals} on reload: an unchanged version keeps the
 *     running doctor (for files, a digest of the file's bytes)
 */
public record FleetProfile(
    String name, String source, Doctor doctor, String error, Object version) {

  public FleetProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    if ((doctor == null) == (error == null)) {
      throw new IllegalArgumentException("a profile has either a doctor or an error: " + name);
    }
  }

  /** A profile an application built itself; reloading the same instance changes nothing. */
  public static FleetProfile of(String name, Doctor doctor) {
    return new FleetProfile(name, null, Objects.requireNonNull(doctor, "doctor"), null, doctor);
  }

  /** A profile that could not be loaded, and why. */
  public static FleetProfile broken(String name, String source, String error, Object version) {
    return new FleetProfile(name, source, null, Objects.requireNonNull(error, "error"), version);
  }

  public Optional<Doctor> doctorIfLoaded() {
    return Optional.ofNullable(doctor);
  }
}
