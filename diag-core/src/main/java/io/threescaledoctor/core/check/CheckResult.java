package io.threescaledoctor.core.check;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one check found: immutable, built with {@code with*} methods that return a copy.
 *
 * <pre>{@code
 * return CheckResult.fail("backend:3000 refused the connection (nothing listening)")
 *     .withCause("backend-unreachable")
 *     .withEvidence("address", "127.0.0.1:3000")
 *     .withEvidence("connectMillis", "2")
 *     .withReproduce("curl -sv http://backend:3000/status");
 * }</pre>
 *
 * <p>A check leaves {@link #id()}, {@link #hop()} and {@link #durationMillis()} to the engine,
 * which stamps them; a check may set the hop itself when what it found belongs to another hop than
 * the one it is planned under (a log line about the API belongs to {@code gateway-api}). Remedy and
 * reference default to the known issue's when a cause is set. Evidence keeps insertion order.
 */
public final class CheckResult {
  private final String id;
  private final Hop hop;
  private final Status status;
  private final String summary;
  private final Map<String, String> evidence;
  private final String cause;
  private final String remedy;
  private final String reference;
  private final long durationMillis;
  private final String reproduce;
  private final Tested tested;
  private final Object facts;

  private CheckResult(
      String id,
      Hop hop,
      Status status,
      String summary,
      Map<String, String> evidence,
      String cause,
      String remedy,
      String reference,
      long durationMillis,
      String reproduce,
      Tested tested,
      Object facts) {
    this.id = id;
    this.hop = hop;
    this.status = Objects.requireNonNull(status, "status");
    this.summary = Objects.requireNonNull(summary, "summary");
    this.evidence = evidence;
    this.cause = cause;
    this.remedy = remedy;
    this.reference = reference;
    this.durationMillis = durationMillis;
    this.reproduce = reproduce;
    this.tested = tested;
    this.facts = facts;
  }

  public static CheckResult of(Status status, String summary) {
    return new CheckResult(
        null, null, status, summary, Map.of(), null, null, null, 0, null, null, null);
  }

  public static CheckResult pass(String summary) {
    return of(Status.PASS, summary);
  }

  public static CheckResult warn(String summary) {
    return of(Status.WARN, summary);
  }

  public static CheckResult fail(String summary) {
    return of(Status.FAIL, summary);
  }

  public static CheckResult skip(String summary) {
    return of(Status.SKIP, summary);
  }

  public static CheckResult error(String summary) {
    return of(Status.ERROR, summary);
  }

  private CheckResult copy(
      String id,
      Hop hop,
      Status status,
      String summary,
      Map<String, String> evidence,
      String cause,
      String remedy,
      String reference,
      long durationMillis,
      String reproduce,
      Tested tested,
      Object facts) {
    return new CheckResult(
        id,
        hop,
        status,
        summary,
        evidence,
        cause,
        remedy,
        reference,
        durationMillis,
        reproduce,
        tested,
        facts);
  }

  public CheckResult withId(String newId) {
    return copy(
        newId,
        hop,
        status,
        summary,
        evidence,
        cause,
        remedy,
        reference,
        durationMillis,
        reproduce,
        tested,
        facts);
  }

  public CheckResult withHop(Hop newHop) {
    return copy(
        id,
        newHop,
        status,
        summary,
        evidence,
        cause,
        remedy,
        reference,
        durationMillis,
        reproduce,
        tested,
        facts);
  }

  public CheckResult withStatus(Status newStatus) {
    return copy(
        id,
        hop,
        newStatus,
        summary,
        evidence,
        cause,
        remedy,
        reference,
        durationMillis,
        reproduce,
        tested,
        facts);
  }

  public CheckResult withSummary(String newSummary) {
    return copy(
        id,
        hop,
        status,
        newSummary,
        evidence,
        cause,
        remedy,
        reference,
        durationMillis,
        reproduce,
        tested,
        facts);
  }

  /** Adds one piece of evidence; a null value is shown as {@code -}. Later keys replace earlier. */
  public CheckResult withEvidence(String key, Object value) {
    Map<String, String> next = new LinkedHashMap<>(evidence);
    next.put(Objects.requireNonNull(key, "key"), value == null ? "-" : String.valueOf(value));
    return copy(
        id,
        hop,
        status,
        summary,
        Collections.unmodifiableMap(next),
        cause,
        remedy,
        reference,
        durationMillis,
        reproduce,
        tested,
        facts);
  }

  public CheckResult withEvidence(Map<String, ?> more) {
    CheckResult r = this;
    for (Map.Entry<String, ?> e : more.entrySet()) {
      r = r.withEvidence(e.getKey(), e.getValue());
    }
    return r;
  }

  /** Replaces all evidence, keeping the given order. */
  public CheckResult withEvidenceReplaced(Map<String, String> all) {
    return copy(
        id,
        hop,
        status,
        summary,
        Collections.unmodifiableMap(new LinkedHashMap<>(all)),
        cause,
        remedy,
        reference,
        durationMillis,
        reproduce,
        tested,
        facts);
  }

  /** The known-issue id that explains this result, e.g. {@code tls-expired}. */
  public CheckResult withCause(String knownIssueId) {
    return copy(
        id,
        hop,
        status,
        summary,
        evidence,
        knownIssueId,
        remedy,
        reference,
        durationMillis,
        reproduce,
        tested,
        facts);
  }

  public CheckResult withRemedy(String newRemedy) {
    return copy(
        id,
        hop,
        status,
        summary,
        evidence,
        cause,
        newRemedy,
        reference,
        durationMillis,
        reproduce,
        tested,
        facts);
  }

  /** The guide section, e.g. {@code 4.3.4}. */
  public CheckResult withReference(String guideSection) {
    return copy(
        id,
        hop,
        status,
        summary,
        evidence,
        cause,
        remedy,
        guideSection,
        durationMillis,
        reproduce,
        tested,
        facts);
  }

  /** The command an engineer can run to see the same thing with standard tools. */
  public CheckResult withReproduce(String command) {
    return copy(
        id,
        hop,
        status,
        summary,
        evidence,
        cause,
        remedy,
        reference,
        durationMillis,
        command,
        tested,
        facts);
  }

  public CheckResult withDurationMillis(long millis) {
    return copy(
        id, hop, status, summary, evidence, cause, remedy, reference, millis, reproduce, tested,
        facts);
  }

  public CheckResult withDuration(Duration duration) {
    return withDurationMillis(duration.toMillis());
  }

  public CheckResult withTested(Tested how) {
    return copy(
        id,
        hop,
        status,
        summary,
        evidence,
        cause,
        remedy,
        reference,
        durationMillis,
        reproduce,
        how,
        facts);
  }

  /**
   * Attaches typed facts for checks that depend on this one (resolved addresses, a parsed
   * certificate chain). Facts are never rendered; put what a person should see in evidence.
   */
  public CheckResult withFacts(Object newFacts) {
    return copy(
        id,
        hop,
        status,
        summary,
        evidence,
        cause,
        remedy,
        reference,
        durationMillis,
        reproduce,
        tested,
        newFacts);
  }

  public String id() {
    return id;
  }

  public Hop hop() {
    return hop;
  }

  public Status status() {
    return status;
  }

  public String summary() {
    return summary;
  }

  public Map<String, String> evidence() {
    return evidence;
  }

  public Optional<String> cause() {
    return Optional.ofNullable(cause);
  }

  public Optional<String> remedy() {
    return Optional.ofNullable(remedy);
  }

  public Optional<String> reference() {
    return Optional.ofNullable(reference);
  }

  public long durationMillis() {
    return durationMillis;
  }

  public Optional<String> reproduce() {
    return Optional.ofNullable(reproduce);
  }

  /** How this result learned about its hop; {@link Tested#DIRECT} unless the check said logs. */
  public Tested tested() {
    return tested == null ? Tested.DIRECT : tested;
  }

  public <T> Optional<T> facts(Class<T> type) {
    return type.isInstance(facts) ? Optional.of(type.cast(facts)) : Optional.empty();
  }

  /** This result with every string passed through {@code redactor}. */
  public CheckResult redacted(Redactor redactor) {
    Map<String, String> maskedEvidence = new LinkedHashMap<>();
    evidence.forEach((k, v) -> maskedEvidence.put(k, redactor.mask(v)));
    return copy(
        id,
        hop,
        status,
        redactor.mask(summary),
        Collections.unmodifiableMap(maskedEvidence),
        cause,
        redactor.mask(remedy),
        reference,
        durationMillis,
        redactor.mask(reproduce),
        tested,
        facts);
  }

  @Override
  public String toString() {
    return status + " " + id + " [" + hop + "] " + summary;
  }
}
