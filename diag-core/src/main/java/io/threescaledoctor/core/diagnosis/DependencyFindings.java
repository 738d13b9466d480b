package io.threescaledoctor.core.diagnosis;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Dependency;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the diagnosis says of failing application dependencies: the whole explanation when the chain
 * itself works, a line each among the next steps when a hop fails too.
 */
final class DependencyFindings {
  private final List<CheckResult> failing;
  private final KnownIssueCatalog catalog;

  private DependencyFindings(List<CheckResult> failing, KnownIssueCatalog catalog) {
    this.failing = failing;
    this.catalog = catalog;
  }

  static DependencyFindings of(List<CheckResult> results, KnownIssueCatalog catalog) {
    return new DependencyFindings(
        results.stream()
            .filter(r -> r.dependency().isPresent() && r.status() == Status.FAIL)
            .toList(),
        catalog);
  }

  private CheckResult first() {
    return failing.stream().filter(r -> r.cause().isPresent()).findFirst().orElse(failing.get(0));
  }

  /** The cause of the first failing dependency result that names one. */
  String cause() {
    return first().cause().orElse(null);
  }

  String explanation() {
    CheckResult first = first();
    Dependency d = first.dependency().orElseThrow();
    Optional<KnownIssue> issue = first.cause().flatMap(catalog::find);
    return "The 3scale chain works as tested, but the application dependency "
        + d.id()
        + " ("
        + d.description()
        + ") fails: "
        + issue.map(i -> i.title() + ". " + i.explanation()).orElse(first.summary())
        + " (seen by "
        + first.id()
        + ": "
        + first.summary()
        + ")";
  }

  /** Next steps when the dependencies are all that fails. */
  List<String> nextSteps() {
    List<String> steps = new ArrayList<>();
    CheckResult first = first();
    first.remedy().ifPresent(steps::add);
    first.cause().flatMap(catalog::find).map(KnownIssue::remedy).ifPresent(steps::add);
    first.reproduce().ifPresent(c -> steps.add("See it yourself: " + c));
    for (CheckResult r : failing) {
      if (r != first) {
        steps.add(line(r));
      }
    }
    return steps;
  }

  /** Next steps beside a failing hop: one line per failing dependency result. */
  List<String> alsoFailing() {
    return failing.stream().map(DependencyFindings::line).toList();
  }

  private static String line(CheckResult r) {
    return "Application dependency "
        + r.dependency().orElseThrow().id()
        + " fails too ("
        + r.id()
        + "): "
        + r.remedy().orElse(r.summary());
  }
}
