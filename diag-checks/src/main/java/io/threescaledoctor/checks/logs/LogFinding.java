package io.threescaledoctor.checks.logs;

import io.threescaledoctor.core.check.Hop;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One cause found in an error log: which known message, which known issue at which hop, how often
 * and when, which hosts or upstreams it concerned and why they were placed at that hop, and the
 * first entry that showed it.
 *
 * @param messageId the catalog message, e.g. {@code upstream-timed-out-connecting}
 * @param title what the message means
 * @param issue the known-issue id
 * @param hop the hop the lines are about
 * @param target whether the lines were about the API, the 3scale backend, or an upstream nothing
 *     places
 * @param severity how bad a recent occurrence is
 * @param count how many entries
 * @param firstSeen the earliest entry's timestamp
 * @param lastSeen the latest entry's timestamp
 * @param subjects the upstreams, hosts, resolvers or 3scale answers the entries named (at most a
 *     few)
 * @param example the first entry seen, as logged (a multi-line entry whole; secrets are masked
 *     later, by the redactor)
 * @param section the guide section
 * @param attributedBy why the subjects were placed at this hop (configuration line, subrequest,
 *     profile key), empty when the message alone says it
 * @param details further evidence, such as the resolver the gateway asks or what 3scale's answer
 *     means
 * @param remedy advice for this finding in particular, or null for the known issue's own
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
    String section,
    List<String> attributedBy,
    Map<String, String> details,
    String remedy) {}
