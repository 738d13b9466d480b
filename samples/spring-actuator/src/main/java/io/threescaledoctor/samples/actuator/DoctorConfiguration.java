package io.threescaledoctor.samples.actuator;

import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.profile.ProfileException;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The doctor and the diagnosis that the health indicator and the endpoint share. */
@Configuration(proxyBeanMethods = false)
public class DoctorConfiguration {

  /**
   * The standard checks (and any a jar on the class path registers) against the configured profile;
   * a broken profile stops the application at start with the one-line reason.
   */
  @Bean
  Doctor doctor(DoctorProperties properties) throws ProfileException {
    Doctor.Builder builder = Doctor.builder().deadline(properties.deadline());
    if (properties.profile() != null) {
      builder.profilePath(properties.profile());
    }
    Map<String, String> overrides = properties.set() == null ? Map.of() : properties.set();
    overrides.forEach(builder::set);
    return builder.build();
  }

  @Bean
  LastDiagnosis lastDiagnosis(Doctor doctor, DoctorProperties properties) {
    return new LastDiagnosis(doctor, properties.every(), Clock.systemUTC());
  }
}
