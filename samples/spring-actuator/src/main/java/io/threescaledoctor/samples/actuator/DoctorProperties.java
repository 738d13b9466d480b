package io.threescaledoctor.samples.actuator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code threescale-doctor.*}: where the profile is, overrides of its keys, and how often the
 * doctor may run.
 *
 * @param profile the profile YAML file ({@code ${VAR}} read from the environment)
 * @param set profile keys to override, as {@code --set} does: {@code
 *     threescale-doctor.set[timeouts.read]=10s}
 * @param every how long a diagnosis answers health probes before the doctor runs again, so that
 *     probes cannot flood 3scale
 * @param deadline the longest one run may take
 */
@ConfigurationProperties("threescale-doctor")
public record DoctorProperties(
    Path profile,
    Map<String, String> set,
    @DefaultValue("30s") Duration every,
    @DefaultValue("20s") Duration deadline) {}
