package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.checks.cluster.Installation.ClaimView;
import io.threescaledoctor.checks.cluster.Installation.EventView;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import java.util.Map;
import java.util.Optional;

/**
 * A persistent volume claim a component mounts (guide 1.4.1): one that is not {@code Bound} keeps
 * the pods that need it {@code Pending}, with the provisioner's events as the reason.
 */
final class ClaimJudge {
  private final Installation inst;

  ClaimJudge(Installation inst) {
    this.inst = inst;
  }

  /** The 3scale workload that mounts the claim, if any. */
  Optional<Installation.Workload> mountedBy(String claim) {
    return inst.workloads().stream()
        .filter(Component::belongs)
        .filter(w -> w.claimNames().contains(claim))
        .findFirst();
  }

  Hop hop(String claim) {
    return mountedBy(claim).map(w -> Component.hopOf(w.name())).orElse(Hop.THREESCALE);
  }

  CheckResult judge(String claimName) {
    String how = "oc describe pvc " + claimName + " -n " + inst.namespace();
    Optional<ClaimView> claim = inst.claim(claimName);
    Verdict v =
        new Verdict()
            .context(
                "mountedBy", mountedBy(claimName).map(Installation.Workload::name).orElse(null));
    if (claim.isEmpty()) {
      if (inst.hidden("persistentvolumeclaims")) {
        return v.result("claim " + claimName + " cannot be read (permission denied)", how);
      }
      v.fail(
          "pvc-not-bound",
          "persistent volume claim "
              + claimName
              + " does not exist, so the pods that mount it cannot start",
          Verdict.evidence(),
          how);
      return v.result("", how);
    }
    ClaimView c = claim.get();
    v.context("phase", c.phase())
        .context("storageClass", c.storageClass())
        .context("requested", c.requested());
    if (!"Bound".equals(c.phase())) {
      Map<String, String> e = Verdict.evidence();
      int n = 0;
      for (EventView ev : inst.warningsAbout("PersistentVolumeClaim", claimName)) {
        if (++n > 3) {
          break;
        }
        e.put("event" + n, ev.reason() + ": " + ev.message() + " (x" + ev.count() + ")");
      }
      v.fail(
          "pvc-not-bound",
          "persistent volume claim "
              + claimName
              + " is "
              + c.phase()
              + ", not Bound: no volume"
              + (c.storageClass() == null ? "" : " of storage class " + c.storageClass())
              + " was provided for it",
          e,
          how);
    }
    return v.result(
        "claim "
            + claimName
            + " is Bound"
            + (c.requested() == null ? "" : " (" + c.requested() + ")"),
        how);
  }
}
