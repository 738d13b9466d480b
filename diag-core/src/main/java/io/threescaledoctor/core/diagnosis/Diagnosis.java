package io.threescaledoctor.core.diagnosis;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a run: every result in checklist order, each hop's verdict, and where the chain
 * most likely breaks, why, and what to do next.
 *
 * @param likelyFailurePoint the first failing hop in the guide's order, passing over a hop whose
 *     failure the hop it leads to explains; null unless {@code status} is FAILING, and null too
 *     when only application dependencies beside the chain fail ({@link #dependencies()})
 * @param cause the known-issue id of the finding to fix first at that hop, if it has one
 * @param vantageInferredFrom why the doctor decided where it runs, when the profile did not say;
 *     null when the profile stated the vantage (or nothing pointed either way)
 * @param otherFailures every other hop that fails on its own, in the guide's order
 */
public record Diagnosis(
    Instant startedAt,
    long durationMillis,
    Profile.Vantage vantage,
    List<CheckResult> results,
    List<HopReport> hops,
    DiagnosisStatus status,
    Hop likelyFailurePoint,
    String cause,
    String explanation,
    List<String> nextSteps,
    String vantageInferredFrom,
    List<OtherFailure> otherFailures) {

  public Diagnosis {
    results = List.copyOf(results);
    hops = List.copyOf(hops);
    nextSteps = List.copyOf(nextSteps);
    otherFailures = otherFailures == null ? List.of() : List.copyOf(otherFailures);
  }

  /** A diagnosis with a stated vantage and no other failing hop. */
  public Diagnosis(
      Instant startedAt,
      long durationMillis,
      Profile.Vantage vantage,
      List<CheckResult> results,
      List<HopReport> hops,
      DiagnosisStatus status,
      Hop likelyFailurePoint,
      String cause,
      String explanation,
      List<String> nextSteps) {
    this(
        startedAt,
        durationMillis,
        vantage,
        results,
        hops,
        status,
        likelyFailurePoint,
        cause,
        explanation,
        nextSteps,
        null,
        List.of());
  }

  /**
   * The application dependencies beside the chain that the results report on (see {@code
   * Check#dependency()}), with their verdicts; empty for a run of the chain alone.
   */
  public List<DependencyReport> dependencies() {
    return DependencyReport.of(results);
  }

  /** The results about one application dependency, in checklist order. */
  public List<CheckResult> dependencyResults(String dependencyId) {
    return results.stream()
        .filter(r -> r.dependency().map(d -> d.id().equals(dependencyId)).orElse(false))
        .toList();
  }

  public Optional<CheckResult> result(String id) {
    return results.stream().filter(r -> id.equals(r.id())).findFirst();
  }

  public long count(Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  public Optional<HopReport> hop(Hop hop) {
    return hops.stream().filter(h -> h.hop() == hop).findFirst();
  }
}
