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
 * <p>A check of your own may read settings of its own ({@link #settings()}, from the profile's
 * {@code extensions} section), report on an application dependency beside the chain ({@link
 * #dependency()}), and name causes from a catalog its jar ships ({@link #causes()}). An instance
 * given to {@code Doctor.Builder#addCheck} replaces a registered check of the same id, so a check
 * that needs constructor arguments can still be registered for the command line.
 *
 * <p>Exceptions: anything {@link #run} throws becomes an {@link Status#ERROR} result ("the check
 * could not run"), never a FAIL. A check that reaches its target and finds it broken returns FAIL
 * with evidence instead of throwing.
 */
public interface Check {

  /**
   * Stable id, {@code area.aspect} in lower case: {@code tcp.connect}, {@code gateway.errorlog}.
   * Lower-case words, digits and dashes joined by at least one dot ({@code myapp.redis-ping}); the
   * registry rejects any other.
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

  /**
   * The settings this check reads from the profile's {@code extensions} section. The doctor
   * validates the profile against every installed check's settings before a run (unknown or
   * malformed ones are a {@code ProfileException}), masks the secret ones everywhere, and plans
   * this check as SKIP, naming the key, while a {@link Setting#asRequired() required} one is
   * missing.
   */
  default List<Setting> settings() {
    return List.of();
  }

  /**
   * The application dependency this check reports on, outside the 3scale chain (a database, a
   * Redis): its results are shown beside the chain, next to {@link #hop()}, and never count in a
   * hop's verdict. Empty (the default) for checks of the chain itself.
   */
  default Optional<Dependency> dependency() {
    return Optional.empty();
  }

  /**
   * The known-issue ids this check's results may name as {@link CheckResult#cause()}. {@code
   * Doctor.Builder#build()} rejects an id no catalog defines (the standard ones, or a {@code
   * META-INF/threescale-doctor/known-issues.yaml} on the class path), so a typo is found before a
   * report lacks its remedy. Optional for checks whose causes come from data (log catalogs).
   */
  default Set<String> causes() {
    return Set.of();
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
