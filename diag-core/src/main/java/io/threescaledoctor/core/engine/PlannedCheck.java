package io.threescaledoctor.core.engine;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import java.util.List;
import java.util.Optional;

/**
 * One run of a check in a checklist: the check, the endpoint it probes (if any), its full id
 * ({@code api.tcp.connect}), its hop, the ids of the planned checks it waits for, and, when an
 * input is missing, the profile key that would let it run.
 */
public record PlannedCheck(
    String id,
    Check check,
    Endpoint endpoint,
    Hop hop,
    List<String> requires,
    List<String> after,
    String missingInput) {

  public Optional<Endpoint> endpointIfAny() {
    return Optional.ofNullable(endpoint);
  }

  /** This planned run as listeners see it. */
  public CheckRun run() {
    return new CheckRun(id, check, hop, endpointIfAny());
  }
}
