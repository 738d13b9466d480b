package io.threescaledoctor.checks.openapi;

import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.profile.Profile;
import java.time.Clock;
import java.util.Optional;

/**
 * The context of an analysis that runs outside the engine ({@code openapi}): the profile's
 * timeouts, TLS and network settings and secrets, no endpoint, no earlier results.
 */
public final class ProfileContext implements CheckContext {
  private final Profile profile;

  public ProfileContext(Profile profile) {
    this.profile = profile;
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
    return new Timeouts(profile.timeouts().connectOrDefault(), profile.timeouts().readOrDefault());
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
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
