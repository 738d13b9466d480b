package io.threescaledoctor.core.check;

import io.threescaledoctor.core.profile.Profile;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One diagnostic step: it looks at one thing and returns a {@link CheckResult}.
 *
 * <p>Implementations are stateless and thread-safe: the engine runs independent checks concurrently
 * and may run one check several times, once per {@link Endpoint} it applies to. They never print,
 * never call another check, and reach the world only through the {@link CheckContext} (timeouts,
 * profile, clock, redactor) or a constructor seam a test can replace.
 *
 * <p>Register an implementation with one line in {@code
 * META-INF/services/io.threescaledoctor.core.check.Check}; it then appears in {@code checks},
 * {@code run} and the shell. A minimal check:
 *
 * <pre>{@code
 * public final class GatewayHealthCheck implements Check {
 *   public String id() { return "gateway.health"; }
 *   public Hop hop() { return Hop.GATEWAY; }
 *   public String description() { return "The gateway's /health answers 200"; }
 *   public Optional<String> missingInput(Profile p) {
 *     return p.gateway().url() == null ? Optional.of("gateway.url") : Optional.empty();
 *   }
 *   public CheckResult run(CheckContext context) throws Exception {
 *     ... // probe, using context.timeouts()
 *     return CheckResult.pass("gateway answered 200").withEvidence("status", 200);
 *   }
 * }
 * }</pre>
 *
 * <p>Exceptions: anything {@link #run} throws becomes an {@link Status#ERROR} result ("the check
 * could not run"), never a FAIL. A check that reaches its target and finds it broken returns FAIL
 * with evidence instead of throwing.
 */
public interface Check {

  /**
   * Stable id, {@code area.aspect} in lower case: {@code tcp.connect}, {@code gateway.errorlog}.
   */
  String id();

  /** The hop a result of this check belongs to, for checks not bound to an endpoint. */
  Hop hop();

  /** One line: what this check verifies, for {@code 3scale-doctor checks}. */
  String description();

  /**
   * The endpoints this check probes. Empty (the default) runs the check once; otherwise it runs
   * once per endpoint the profile names, as {@code <endpoint>.<id>}, e.g. {@code api.tcp.connect}.
   */
  default Set<Endpoint> endpoints() {
    return Set.of();
  }

  /** The hop a run against {@code endpoint} belongs to: by default the endpoint's own. */
  default Hop hop(Endpoint endpoint) {
    return endpoint.hop();
  }

  /**
   * Ids of checks that must PASS (or WARN) before this one is worth running; if one does not, this
   * check is SKIP with the reason. For an endpoint check, an id names the same endpoint's run of
   * that check. The engine pulls these in when a user selects this check alone.
   */
  default List<String> dependsOn() {
    return List.of();
  }

  /**
   * Ids of checks this one runs after, whatever their outcome (e.g. read the log after probing).
   */
  default List<String> runsAfter() {
    return List.of();
  }

  /**
   * The profile key this check needs and the profile lacks, if any; the engine then reports SKIP
   * naming the key instead of running the check.
   */
  default Optional<String> missingInput(Profile profile) {
    return Optional.empty();
  }

  /** As {@link #missingInput(Profile)}, for a run against one endpoint. */
  default Optional<String> missingInput(Profile profile, Endpoint endpoint) {
    return profile.endpointUrl(endpoint).isPresent()
        ? missingInput(profile)
        : Optional.of(Profile.endpointKey(endpoint));
  }

  /** Whether the results come from reaching the target or from reading the gateway's logs. */
  default Tested tested() {
    return Tested.DIRECT;
  }

  /**
   * Runs the check. Every wait must take its budget from {@link CheckContext#timeouts()}: the
   * engine's per-check deadline is a backstop, and a blocking socket ignores interrupts.
   */
  CheckResult run(CheckContext context) throws Exception;
}
