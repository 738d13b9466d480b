package io.threescaledoctor.core.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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
  private final Dependency dependency;
  private final String timedOut;
  private final List<Finding> findings;
  private final List<String> explains;

  private CheckResult(Draft d) {
    this.id = d.id;
    this.hop = d.hop;
    this.status = Objects.requireNonNull(d.status, "status");
    this.summary = Objects.requireNonNull(d.summary, "summary");
    this.evidence = Collections.unmodifiableMap(d.evidence);
    this.cause = d.cause;
    this.remedy = d.remedy;
    this.reference = d.reference;
    this.durationMillis = d.durationMillis;
    this.reproduce = d.reproduce;
    this.tested = d.tested;
    this.facts = d.facts;
    this.dependency = d.dependency;
    this.timedOut = d.timedOut;
    this.findings = List.copyOf(d.findings);
    this.explains = List.copyOf(d.explains);
  }

  /**
   * One of several distinct things a check found (each lint finding of a configuration, say): its
   * own status, known issue and sentence, shown on its own line and given its own next step.
   */
  public record Finding(Status status, String cause, String summary) {
    public Finding {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(summary, "summary");
    }
  }

  /** The mutable copy every {@code with*} method edits, so each states only what it changes. */
  private static final class Draft {
    String id;
    Hop hop;
    Status status;
    String summary;
    Map<String, String> evidence = new LinkedHashMap<>();
    String cause;
    String remedy;
    String reference;
    long durationMillis;
    String reproduce;
    Tested tested;
    Object facts;
    Dependency dependency;
    String timedOut;
    List<Finding> findings = new ArrayList<>();
    List<String> explains = new ArrayList<>();
  }

  private CheckResult with(Consumer<Draft> change) {
    Draft d = new Draft();
    d.id = id;
    d.hop = hop;
    d.status = status;
    d.summary = summary;
    d.evidence = new LinkedHashMap<>(evidence);
    d.cause = cause;
    d.remedy = remedy;
    d.reference = reference;
    d.durationMillis = durationMillis;
    d.reproduce = reproduce;
    d.tested = tested;
    d.facts = facts;
    d.dependency = dependency;
    d.timedOut = timedOut;
    d.findings = new ArrayList<>(findings);
    d.explains = new ArrayList<>(explains);
    change.accept(d);
    return new CheckResult(d);
  }

  public static CheckResult of(Status status, String summary) {
    Draft d = new Draft();
    d.status = status;
    d.summary = summary;
    return new CheckResult(d);
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

  public CheckResult withId(String newId) {
    return with(d -> d.id = newId);
  }

  public CheckResult withHop(Hop newHop) {
    return with(d -> d.hop = newHop);
  }

  public CheckResult withStatus(Status newStatus) {
    return with(d -> d.status = newStatus);
  }

  public CheckResult withSummary(String newSummary) {
    return with(d -> d.summary = newSummary);
  }

  /** Adds one piece of evidence; a null value is shown as {@code -}. Later keys replace earlier. */
  public CheckResult withEvidence(String key, Object value) {
    Objects.requireNonNull(key, "key");
    return with(d -> d.evidence.put(key, value == null ? "-" : String.valueOf(value)));
  }

  public CheckResult withEvidence(Map<String, ?> more) {
    return with(
        d ->
            more.forEach(
                (k, v) ->
                    d.evidence.put(
                        Objects.requireNonNull(k, "key"), v == null ? "-" : String.valueOf(v))));
  }

  /** Replaces all evidence, keeping the given order. */
  public CheckResult withEvidenceReplaced(Map<String, String> all) {
    return with(d -> d.evidence = new LinkedHashMap<>(all));
  }

  /** The known-issue id that explains this result, e.g. {@code tls-expired}. */
  public CheckResult withCause(String knownIssueId) {
    return with(d -> d.cause = knownIssueId);
  }

  public CheckResult withRemedy(String newRemedy) {
    return with(d -> d.remedy = newRemedy);
  }

  /** The guide section, e.g. {@code 4.3.4}. */
  public CheckResult withReference(String guideSection) {
    return with(d -> d.reference = guideSection);
  }

  /** The command an engineer can run to see the same thing with standard tools. */
  public CheckResult withReproduce(String command) {
    return with(d -> d.reproduce = command);
  }

  public CheckResult withDurationMillis(long millis) {
    return with(d -> d.durationMillis = millis);
  }

  public CheckResult withTested(Tested how) {
    return with(d -> d.tested = how);
  }

  /**
   * Attaches typed facts for checks that depend on this one (resolved addresses, a parsed
   * certificate chain). Facts are never rendered; put what a person should see in evidence.
   */
  public CheckResult withFacts(Object newFacts) {
    return with(d -> d.facts = newFacts);
  }

  /**
   * Marks this result as one about an application dependency beside the chain; the engine does it
   * for checks that declare {@link Check#dependency()}.
   */
  public CheckResult withDependency(Dependency about) {
    return with(d -> d.dependency = about);
  }

  /**
   * Marks this result as cut short by a timeout ({@code timeouts.connect}, {@code timeouts.read}):
   * the engine then skips checks that would wait on the same silent peer again.
   */
  public CheckResult withTimedOut(String timeoutKey) {
    return with(d -> d.timedOut = timeoutKey);
  }

  /**
   * Adds a distinct finding; a check that found several things keeps the worst as its own status,
   * summary and cause, and lists each as a finding.
   */
  public CheckResult withFinding(Finding finding) {
    Objects.requireNonNull(finding, "finding");
    return with(d -> d.findings.add(finding));
  }

  /**
   * Declares that this (failing) result is the root cause of other results of the run, by id; an id
   * ending in {@code .*} covers every id with that prefix ({@code api.*}). The diagnosis then names
   * this result instead of the ones it explains.
   */
  public CheckResult withExplains(String... resultIds) {
    return with(d -> d.explains.addAll(List.of(resultIds)));
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

  /** The application dependency this result is about, if it is not about the 3scale chain. */
  public Optional<Dependency> dependency() {
    return Optional.ofNullable(dependency);
  }

  /** The timeout that cut this result short, e.g. {@code timeouts.read}; empty if none did. */
  public Optional<String> timedOut() {
    return Optional.ofNullable(timedOut);
  }

  /** The distinct findings, in the order found; empty for a result that found one thing. */
  public List<Finding> findings() {
    return findings;
  }

  /** The ids (or {@code prefix.*} patterns) of results this one explains. */
  public List<String> explains() {
    return explains;
  }

  /** Whether this result declares that it explains the result {@code otherId}. */
  public boolean explains(String otherId) {
    if (otherId == null || otherId.equals(id)) {
      return false;
    }
    for (String e : explains) {
      if (e.endsWith(".*")
          ? otherId.startsWith(e.substring(0, e.length() - 1))
          : e.equals(otherId)) {
        return true;
      }
    }
    return false;
  }

  public <T> Optional<T> facts(Class<T> type) {
    return type.isInstance(facts) ? Optional.of(type.cast(facts)) : Optional.empty();
  }

  /** This result with every string passed through {@code redactor}. */
  public CheckResult redacted(Redactor redactor) {
    return with(
        d -> {
          d.evidence.replaceAll((k, v) -> redactor.mask(v));
          d.summary = redactor.mask(d.summary);
          d.remedy = redactor.mask(d.remedy);
          d.reproduce = redactor.command(d.reproduce);
          d.findings.replaceAll(
              f -> new Finding(f.status(), f.cause(), redactor.mask(f.summary())));
        });
  }

  @Override
  public String toString() {
    return status + " " + id + " [" + hop + "] " + summary;
  }
}
