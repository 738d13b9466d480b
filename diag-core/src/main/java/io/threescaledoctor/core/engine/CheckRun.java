package io.threescaledoctor.core.engine;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import java.util.Optional;

/**
 * One run of a check in a run, as {@link EngineListener} sees it: part of the stable API, unlike
 * the planner's own types.
 *
 * @param id the id its result will carry: the check's id, or {@code ENDPOINT.ID} for a check run
 *     once per endpoint ({@code api.tcp.connect})
 * @param check the check
 * @param hop the hop its result belongs to
 * @param endpoint the endpoint it probes, for endpoint checks
 */
public record CheckRun(String id, Check check, Hop hop, Optional<Endpoint> endpoint) {}
