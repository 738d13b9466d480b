package io.threescaledoctor.core.report;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.DependencyReport;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.HopReport;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What every renderer draws of the chain: each hop's mark, and why a hop was not tested. */
final class Chain {
  private Chain() {}

  /** A hop's verdict as the diagram shows it. */
  enum Mark {
    OK("ok"),
    WARN("warn"),
    FAIL("FAIL"),
    ERROR("ERR"),
    NOT_TESTED("?");

    final String label;

    Mark(String label) {
      this.label = label;
    }
  }

  static Mark mark(Diagnosis d, Hop hop) {
    HopReport h = d.hop(hop).orElse(null);
    if (h == null || HopReport.NOT_TESTED.equals(h.tested())) {
      return Mark.NOT_TESTED;
    }
    return switch (h.status()) {
      case PASS -> Mark.OK;
      case WARN -> Mark.WARN;
      case FAIL -> Mark.FAIL;
      case ERROR -> Mark.ERROR;
      case SKIP -> Mark.NOT_TESTED;
    };
  }

  static boolean notTested(HopReport h) {
    return HopReport.NOT_TESTED.equals(h.tested());
  }

  /** The results of {@code hop} itself: results about dependencies beside it are not its own. */
  static List<CheckResult> resultsOf(Diagnosis d, Hop hop) {
    return d.results().stream().filter(r -> r.hop() == hop && r.dependency().isEmpty()).toList();
  }

  /** An application dependency's verdict as the diagram shows it. */
  static Mark mark(DependencyReport dependency) {
    return switch (dependency.status()) {
      case PASS -> Mark.OK;
      case WARN -> Mark.WARN;
      case FAIL -> Mark.FAIL;
      case ERROR -> Mark.ERROR;
      case SKIP -> Mark.NOT_TESTED;
    };
  }

  /** The ids of the dependencies that FAIL, for the verdict line when no hop is to blame. */
  static List<String> failingDependencies(Diagnosis d) {
    return d.dependencies().stream()
        .filter(r -> r.status() == Status.FAIL)
        .map(r -> r.dependency().id())
        .toList();
  }

  /**
   * Why nothing of {@code hop} ran, in a few words: the profile keys its checks miss, the checks
   * that blocked them, or that no check reported a result for it.
   */
  static String whyNotTested(Diagnosis d, Hop hop) {
    Set<String> reasons = new LinkedHashSet<>();
    for (CheckResult r : resultsOf(d, hop)) {
      if (r.status() != Status.SKIP) {
        continue;
      }
      String missing = r.evidence().get("missingInput");
      String blockedBy = r.evidence().get("blockedBy");
      if (missing != null) {
        reasons.add("needs " + missing);
      } else if (blockedBy != null) {
        reasons.add("blocked by " + blockedBy);
      } else {
        reasons.add(r.summary());
      }
    }
    return reasons.isEmpty() ? "no check reported on it" : String.join(", ", reasons);
  }
}
