package io.threescaledoctor.checks.logs;

import io.threescaledoctor.core.check.Hop;
import java.time.Instant;
import java.util.List;

/**
 * One cause found in an error log: which known message, which known issue at which hop, how often
 * and when, which hosts or upstreams it concerned, and the first line that showed it.
 *
 * @param messageId the catalog message, e.g. {@code upstream-timed-out-connecting}
 * @param title what the message means
 * @param issue the known-issue id
 * @param hop the hop the lines are about
 * @param target whether the lines were about the API or the 3scale backend
 * @param severity how bad a recent occurrence is
 * @param count how many lines
 * @param firstSeen the earliest line's timestamp
 * @param lastSeen the latest line's timestamp
 * @param subjects the upstreams or hosts the lines named (at most a few)
 * @param example the first line seen, as logged (secrets are masked later, by the redactor)
 * @param section the guide section
 */
public record LogFinding(
    String messageId,
    String title,
    String issue,
    Hop hop,
    Target target,
    LogMessage.Severity severity,
    long count,
    Instant firstSeen,
    Instant lastSeen,
    List<String> subjects,
    String example,
    String section) {}
