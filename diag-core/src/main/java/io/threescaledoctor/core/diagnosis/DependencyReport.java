package io.threescaledoctor.core.diagnosis;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Dependency;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict on one application dependency beside the chain (see {@link Dependency}): the worst
 * status of its results (SKIP when none ran), and the hop whose calls need it, which the reports
 * draw it next to.
 */
public record DependencyReport(Dependency dependency, Hop beside, Status status) {

  /** One report per dependency the results name, in the order of their first result. */
  static List<DependencyReport> of(List<CheckResult> results) {
    Map<String, DependencyReport> byId = new LinkedHashMap<>();
    for (CheckResult r : results) {
      if (r.dependency().isEmpty()) {
        continue;
      }
      Dependency d = r.dependency().get();
      DependencyReport previous = byId.get(d.id());
      Status status = r.status() == Status.SKIP ? null : r.status();
      if (previous == null) {
        byId.put(d.id(), new DependencyReport(d, r.hop(), status == null ? Status.SKIP : status));
      } else if (status != null) {
        Status worst =
            previous.status() == Status.SKIP ? status : Status.worst(previous.status(), status);
        byId.put(d.id(), new DependencyReport(d, previous.beside(), worst));
      }
    }
    return new ArrayList<>(byId.values());
  }
}
