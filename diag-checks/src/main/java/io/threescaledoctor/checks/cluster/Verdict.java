package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what a judgement found about one object, in the order of how much each explains (the
 * judge adds root causes first), and makes the one result the object gets: the first of the worst
 * findings leads with its cause and evidence; the others follow as {@code alsoSeen} evidence.
 */
final class Verdict {
  private final Map<String, String> context = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();

  /** One problem: its status, known-issue id, what was seen, evidence and how to see it again. */
  record Finding(
      Status status,
      String cause,
      String summary,
      Map<String, String> evidence,
      String reproduce) {}

  /** Evidence about the object itself, shown whatever was found. */
  Verdict context(String key, Object value) {
    if (value != null && !String.valueOf(value).isEmpty()) {
      context.put(key, String.valueOf(value));
    }
    return this;
  }

  Verdict fail(String cause, String summary, Map<String, String> evidence, String reproduce) {
    findings.add(new Finding(Status.FAIL, cause, summary, evidence, reproduce));
    return this;
  }

  Verdict warn(String cause, String summary, Map<String, String> evidence, String reproduce) {
    findings.add(new Finding(Status.WARN, cause, summary, evidence, reproduce));
    return this;
  }

  boolean isEmpty() {
    return findings.isEmpty();
  }

  /** The result: {@code pass} when nothing was found, else the lead finding's. */
  CheckResult result(String pass, String reproduce) {
    if (findings.isEmpty()) {
      CheckResult r = CheckResult.pass(pass).withEvidence(context);
      return reproduce == null ? r : r.withReproduce(reproduce);
    }
    Status worst = Status.WARN;
    for (Finding f : findings) {
      worst = Status.worst(worst, f.status());
    }
    Finding lead = null;
    for (Finding f : findings) {
      if (f.status() == worst) {
        lead = f;
        break;
      }
    }
    CheckResult r =
        CheckResult.of(worst, lead.summary())
            .withCause(lead.cause())
            .withEvidence(context)
            .withEvidence(lead.evidence());
    int n = 0;
    for (Finding f : findings) {
      if (f != lead) {
        r = r.withEvidence("alsoSeen" + (++n), f.status() + " " + f.cause() + ": " + f.summary());
      }
    }
    String how = lead.reproduce() != null ? lead.reproduce() : reproduce;
    return how == null ? r : r.withReproduce(how);
  }

  static Map<String, String> evidence(Object... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      Object v = keysAndValues[i + 1];
      if (v != null && !String.valueOf(v).isEmpty()) {
        m.put(String.valueOf(keysAndValues[i]), String.valueOf(v));
      }
    }
    return m;
  }
}
