package io.threescaledoctor.core.fleet;

import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.profile.ProfileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a {@link Scheduler} gets its profiles, at start and on every reload: {@link ProfileFiles}
 * for a directory of profile files, {@link #of(Map)} for doctors an application built.
 */
@FunctionalInterface
public interface ProfileSource {

  /**
   * Every profile, loaded or not; a profile that cannot be loaded is a {@link FleetProfile#broken}
   * entry, so that the others still run.
   *
   * @throws ProfileException when the source itself cannot be read (a directory that vanished); the
   *     scheduler then keeps what it runs
   */
  List<FleetProfile> load() throws ProfileException;

  /** A fixed set of named doctors. */
  static ProfileSource of(Map<String, Doctor> doctors) {
    List<FleetProfile> profiles = new ArrayList<>();
    doctors.forEach((name, doctor) -> profiles.add(FleetProfile.of(name, doctor)));
    List<FleetProfile> fixed = List.copyOf(profiles);
    return () -> fixed;
  }
}
