package io.threescaledoctor.checks.http;

import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.profile.ProfileLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CheckContext} for unit tests: a profile built from {@code key=value} overrides, an
 * optional endpoint, short timeouts, and results of prerequisite checks handed in by the test.
 */
public final class FakeCheckContext implements CheckContext {
  private final Profile profile;
  private final Endpoint endpoint;
  private final Map<String, CheckResult> results;

  private FakeCheckContext(Profile profile, Endpoint endpoint, Map<String, CheckResult> results) {
    this.profile = profile;
    this.endpoint = endpoint;
    this.results = results;
  }

  /** A context whose profile has exactly these keys, e.g. {@code "timeouts.read", "300ms"}. */
  public static FakeCheckContext of(String... keyValues) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("timeouts.connect", "500ms");
    overrides.put("timeouts.read", "500ms");
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      overrides.put(keyValues[i], keyValues[i + 1]);
    }
    try {
      return new FakeCheckContext(
          new ProfileLoader(name -> null).fromOverrides(overrides), null, new HashMap<>());
    } catch (ProfileException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** This context, bound to {@code e} (its URL comes from the profile). */
  public FakeCheckContext on(Endpoint e) {
    return new FakeCheckContext(profile, e, results);
  }

  /** This context, with {@code result} as what check {@code id} returned. */
  public FakeCheckContext withResult(String id, CheckResult result) {
    Map<String, CheckResult> more = new HashMap<>(results);
    more.put(id, result);
    return new FakeCheckContext(profile, endpoint, more);
  }

  @Override
  public Profile profile() {
    return profile;
  }

  @Override
  public Optional<Endpoint> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  @Override
  public Timeouts timeouts() {
    return new Timeouts(profile.timeouts().connectOrDefault(), profile.timeouts().readOrDefault());
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public Redactor redactor() {
    return Redactor.of(profile.namedSecrets());
  }

  @Override
  public Optional<CheckResult> resultOf(String checkId) {
    return Optional.ofNullable(results.get(checkId));
  }

  @Override
  public boolean cancelled() {
    return false;
  }

  /** The connect timeout as a duration, for assertions on elapsed time. */
  public Duration connectTimeout() {
    return timeouts().connect();
  }
}
