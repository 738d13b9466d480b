package io.threescaledoctor.checks.logs;

import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** A check context over a profile built from dotted keys, with a fixed clock in UTC. */
public final class FakeCheckContext implements CheckContext {
  private final Profile profile;
  private final Clock clock;

  public FakeCheckContext(Profile profile, Clock clock) {
    this.profile = profile;
    this.clock = clock;
  }

  public static FakeCheckContext of(Map<String, String> keys, Instant now) throws Exception {
    return new FakeCheckContext(
        new ProfileLoader().fromOverrides(keys), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Override
  public Profile profile() {
    return profile;
  }

  @Override
  public Optional<Endpoint> endpoint() {
    return Optional.empty();
  }

  @Override
  public Timeouts timeouts() {
    return new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Redactor redactor() {
    return Redactor.of(profile.secrets());
  }

  @Override
  public Optional<CheckResult> resultOf(String checkId) {
    return Optional.empty();
  }

  @Override
  public boolean cancelled() {
    return false;
  }
}
