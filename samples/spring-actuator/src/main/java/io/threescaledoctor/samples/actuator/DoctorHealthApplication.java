package io.threescaledoctor.samples.actuator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A Spring Boot application whose health includes its 3scale-managed API, as 3scale-doctor sees it:
 * {@code /actuator/health} has a {@code threescaleDoctor} component (UP, DOWN or UNKNOWN, with the
 * verdict of each hop), and {@code /actuator/threescaledoctor} serves the last full report.
 *
 * <pre>
 * java -jar samples-spring-actuator-0.1.0.jar --threescale-doctor.profile=profile.yaml
 * </pre>
 */
@SpringBootApplication
@EnableConfigurationProperties(DoctorProperties.class)
public class DoctorHealthApplication {
  public static void main(String[] args) {
    SpringApplication.run(DoctorHealthApplication.class, args);
  }
}
