package io.threescaledoctor.core.engine;

import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.profile.Profile;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** The context of one planned check inside an engine run. */
final class RunContext implements CheckContext {
  private final Profile profile;
  private final PlannedCheck planned;
  private final Timeouts timeouts;
  private final Clock clock;
  private final Redactor redactor;
  private final Map<String, CheckResult> finished;
  private final Cancellation cancellation;

  RunContext(
      Profile profile,
      PlannedCheck planned,
      Clock clock,
      Redactor redactor,
      Map<String, CheckResult> finished,
      Cancellation cancellation) {
    this.profile = profile;
    this.planned = planned;
    this.timeouts =
        new Timeouts(profile.timeouts().connectOrDefault(), profile.timeouts().readOrDefault());
    this.clock = clock;
    this.redactor = redactor;
    this.finished = finished;
    this.cancellation = cancellation;
  }

  @Override
  public Profile profile() {
    return profile;
  }

  @Override
  public Optional<Endpoint> endpoint() {
    return planned.endpointIfAny();
  }

  @Override
  public Timeouts timeouts() {
    return timeouts;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Redactor redactor() {
    return redactor;
  }

  @Override
  public Optional<CheckResult> resultOf(String checkId) {
    if (planned.endpoint() != null) {
      CheckResult same = finished.get(planned.endpoint().id() + "." + checkId);
      if (same != null) {
        return Optional.of(same);
      }
    }
    CheckResult exact = finished.get(checkId);
    if (exact != null) {
      return Optional.of(exact);
    }
    return finished.values().stream()
        .filter(r -> r.id() != null && r.id().endsWith("." + checkId))
        .findFirst();
  }

  @Override
  public boolean cancelled() {
    return cancellation.isCancelled();
  }
}
