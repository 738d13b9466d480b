package io.threescaledoctor.core.diagnosis;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns results into a {@link Diagnosis}: the verdict per hop and for the run, and the likely
 * failure point by the design's rule (first failing hop in guide order, passing over a hop whose
 * failure the hop it leads to explains). Results about application dependencies beside the chain
 * count for the run's status but never for a hop; when they are all that fails, the diagnosis is
 * FAILING with no failure point in the chain.
 */
public final class Diagnoser {
  private final KnownIssueCatalog catalog;

  public Diagnoser(KnownIssueCatalog catalog) {
    this.catalog = catalog;
  }

  public Diagnosis diagnose(
      Instant startedAt, long durationMillis, Profile.Vantage vantage, List<CheckResult> results) {
    return diagnose(startedAt, durationMillis, vantage, results, false);
  }

  /**
   * As {@link #diagnose(Instant, long, Profile.Vantage, List)}, for a run the user cancelled: what
   * did not run is then explained by the cancel, not by the profile.
   */
  public Diagnosis diagnose(
      Instant startedAt,
      long durationMillis,
      Profile.Vantage vantage,
      List<CheckResult> results,
      boolean cancelled) {
    List<HopReport> hops = new ArrayList<>();
    for (Hop hop : Hop.values()) {
      hops.add(hopReport(hop, results));
    }
    DiagnosisStatus status = status(results);
    Hop failurePoint = status == DiagnosisStatus.FAILING ? locate(hops) : null;
    String cause = null;
    String explanation;
    Set<String> nextSteps = new LinkedHashSet<>();
    switch (status) {
      case FAILING -> {
        DependencyFindings dependencies = DependencyFindings.of(results, catalog);
        if (failurePoint == null) {
          // Only application dependencies fail: no hop of the chain is to blame.
          cause = dependencies.cause();
          explanation = dependencies.explanation();
          nextSteps.addAll(dependencies.nextSteps());
          break;
        }
        CheckResult first = firstWithCauseOrFirst(results, failurePoint, Status.FAIL);
        cause = first.cause().orElse(null);
        Optional<KnownIssue> issue = first.cause().flatMap(catalog::find);
        explanation =
            issue.map(i -> i.title() + ". " + i.explanation()).orElse(first.summary())
                + " (seen by "
                + first.id()
                + ": "
                + first.summary()
                + ")";
        first.remedy().ifPresent(nextSteps::add);
        issue.map(KnownIssue::remedy).ifPresent(nextSteps::add);
        first.reproduce().ifPresent(c -> nextSteps.add("See it yourself: " + c));
        for (CheckResult r : results) {
          if (r.status() == Status.FAIL
              && r != first
              && r.hop() == failurePoint
              && r.dependency().isEmpty()) {
            r.remedy().ifPresent(nextSteps::add);
          }
        }
        nextSteps.addAll(dependencies.alsoFailing());
        nextSteps.add(
            "Guide section "
                + issue.map(KnownIssue::reference).orElse(failurePoint.guideSection())
                + ": "
                + failurePoint.question());
      }
      case INCONCLUSIVE -> {
        List<String> couldNotRun =
            results.stream().filter(r -> r.status() == Status.ERROR).map(CheckResult::id).toList();
        if (cancelled) {
          explanation =
              "The run was cancelled before it finished, so the chain cannot be called healthy.";
          nextSteps.add("Run again and let it finish (timeouts.total bounds how long it takes).");
        } else if (couldNotRun.isEmpty()) {
          explanation =
              "No check could run with this profile, so nothing can be said about the chain.";
          results.stream()
              .map(r -> r.evidence().get("missingInput"))
              .filter(k -> k != null)
              .forEach(k -> nextSteps.add("Set " + k + " in the profile (or with a flag)."));
          if (nextSteps.isEmpty()) {
            nextSteps.add("Give at least gateway.url, or api.url, in the profile.");
          }
        } else {
          explanation =
              "Nothing failed, but "
                  + couldNotRun.size()
                  + " check(s) could not run, so the chain cannot be called healthy: "
                  + String.join(", ", couldNotRun)
                  + ".";
          results.stream()
              .filter(r -> r.status() == Status.ERROR)
              .forEach(r -> nextSteps.add(r.id() + ": " + r.summary()));
        }
      }
      case DEGRADED -> {
        explanation = "Every hop works, with warnings.";
        for (CheckResult r : results) {
          if (r.status() == Status.WARN) {
            nextSteps.add(r.id() + ": " + r.remedy().orElse(r.summary()));
          }
        }
      }
      default -> explanation = "Every check passed: the chain works end to end as tested.";
    }
    return new Diagnosis(
        startedAt,
        durationMillis,
        vantage,
        results,
        hops,
        status,
        failurePoint,
        cause,
        explanation,
        new ArrayList<>(nextSteps));
  }

  private static HopReport hopReport(Hop hop, List<CheckResult> results) {
    Status worst = null;
    boolean direct = false;
    boolean logs = false;
    for (CheckResult r : results) {
      if (r.hop() != hop || r.status() == Status.SKIP || r.dependency().isPresent()) {
        continue; // a dependency beside the chain never counts in a hop's verdict
      }
      worst = worst == null ? r.status() : Status.worst(worst, r.status());
      if (r.tested() == Tested.LOGS) {
        logs = true;
      } else {
        direct = true;
      }
    }
    if (worst == null) {
      return new HopReport(hop, Status.SKIP, HopReport.NOT_TESTED);
    }
    return new HopReport(
        hop, worst, direct ? HopReport.DIRECT : logs ? HopReport.LOGS : HopReport.NOT_TESTED);
  }

  private static DiagnosisStatus status(List<CheckResult> results) {
    boolean fail = false;
    boolean error = false;
    boolean warn = false;
    boolean ran = false;
    for (CheckResult r : results) {
      switch (r.status()) {
        case FAIL -> fail = true;
        case ERROR -> error = true;
        case WARN -> warn = true;
        default -> {}
      }
      ran |= r.status() != Status.SKIP;
    }
    if (fail) {
      return DiagnosisStatus.FAILING;
    }
    if (error || !ran) {
      return DiagnosisStatus.INCONCLUSIVE;
    }
    return warn ? DiagnosisStatus.DEGRADED : DiagnosisStatus.HEALTHY;
  }

  /** The design's localization rule, on hop verdicts. */
  static Hop locate(List<HopReport> hops) {
    for (HopReport h : hops) {
      if (h.status() != Status.FAIL) {
        continue;
      }
      boolean explained =
          h.hop()
              .explainedBy()
              .flatMap(e -> hops.stream().filter(o -> o.hop() == e).findFirst())
              .map(o -> o.status() == Status.FAIL)
              .orElse(false);
      if (!explained) {
        return h.hop();
      }
    }
    return hops.stream()
        .filter(h -> h.status() == Status.FAIL)
        .findFirst()
        .map(HopReport::hop)
        .orElse(null);
  }

  private static CheckResult firstWithCauseOrFirst(
      List<CheckResult> results, Hop hop, Status status) {
    CheckResult first = null;
    for (CheckResult r : results) {
      if (r.hop() == hop && r.status() == status && r.dependency().isEmpty()) {
        if (r.cause().isPresent()) {
          return r;
        }
        if (first == null) {
          first = r;
        }
      }
    }
    return first;
  }
}
