package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.checks.cluster.Installation.ContainerLog;
import io.threescaledoctor.checks.cluster.Installation.ContainerStateView;
import io.threescaledoctor.checks.cluster.Installation.EventView;
import io.threescaledoctor.checks.cluster.Installation.PodView;
import io.threescaledoctor.checks.cluster.Installation.Workload;
import io.threescaledoctor.core.check.CheckResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One component's deployment config (or deployment) and its pods (guide 1.4, 1.5.1): desired
 * against ready replicas, and for each pod what keeps it from serving, root causes first: killed
 * for memory, an image that cannot be pulled, a missing secret or config map, no node to run on,
 * crash-looping, running but not ready; then a failed rollout, too few ready replicas, a component
 * scaled to zero, and restarts in the last hour. The warning events about the pods and the workload
 * are the evidence.
 */
final class WorkloadJudge {
  static final Duration RECENT_RESTARTS = Duration.ofHours(1);
  private static final Set<String> IMAGE_PULL =
      Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull");
  private static final Set<String> CONFIG_ERROR =
      Set.of("CreateContainerConfigError", "CreateContainerError", "RunContainerError");
  private static final int EVENTS_SHOWN = 3;

  private final Installation inst;

  WorkloadJudge(Installation inst) {
    this.inst = inst;
  }

  /** A required component the installation lacks. */
  CheckResult missing(Component c) {
    return CheckResult.fail(
            "no deployment config or deployment "
                + c.workload()
                + " in namespace "
                + inst.namespace()
                + ": "
                + c.role()
                + " ("
                + c.workload()
                + ") does not run")
        .withCause("component-missing")
        .withEvidence("component", c.workload())
        .withEvidence(
            "workloads",
            inst.workloads().stream().map(Workload::name).collect(Collectors.joining(", ")))
        .withReproduce("oc get dc,deploy -n " + inst.namespace());
  }

  CheckResult judge(Workload w) {
    String ns = inst.namespace();
    String selector =
        w.selector().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .collect(Collectors.joining(","));
    List<PodView> pods = inst.podsMatching(w.selector());
    Verdict v =
        new Verdict()
            .context("kind", w.kind())
            .context("role", Component.of(w.name()).map(Component::role).orElse(null))
            .context("replicas", w.readyReplicas() + "/" + w.desiredReplicas() + " ready")
            .context(
                "pods",
                pods.stream().map(WorkloadJudge::describe).collect(Collectors.joining("; ")));
    String listPods = "oc get pods -n " + ns + " -l " + selector;

    for (PodView p : pods) {
      for (ContainerStateView c : p.containers()) {
        if ("OOMKilled".equals(c.lastTerminationReason())
            || "OOMKilled".equals(c.terminatedReason())) {
          v.fail(
              "pod-oom-killed",
              "container "
                  + c.name()
                  + " of pod "
                  + p.name()
                  + " was killed for using more memory than its limit ("
                  + memoryLimit(w, c.name())
                  + "), "
                  + c.restarts()
                  + " restart(s)",
              withEvents(
                  Verdict.evidence(
                      "pod", p.name(),
                      "container", c.name(),
                      "memoryLimit", memoryLimit(w, c.name()),
                      "restarts", c.restarts(),
                      "lastTermination", termination(c)),
                  p),
              "oc describe pod " + p.name() + " -n " + ns);
        }
      }
    }
    for (PodView p : pods) {
      for (ContainerStateView c : p.containers()) {
        if (c.waitingReason() != null && IMAGE_PULL.contains(c.waitingReason())) {
          v.fail(
              "pod-image-pull-failed",
              "pod "
                  + p.name()
                  + " cannot pull image "
                  + c.image()
                  + " ("
                  + c.waitingReason()
                  + ")",
              withEvents(
                  Verdict.evidence(
                      "pod", p.name(),
                      "container", c.name(),
                      "image", c.image(),
                      "waiting", c.waitingReason() + message(c.waitingMessage())),
                  p),
              "oc describe pod " + p.name() + " -n " + ns);
        }
      }
    }
    for (PodView p : pods) {
      for (ContainerStateView c : p.containers()) {
        if (c.waitingReason() != null && CONFIG_ERROR.contains(c.waitingReason())) {
          v.fail(
              "pod-config-error",
              "pod "
                  + p.name()
                  + " cannot start container "
                  + c.name()
                  + ": "
                  + (c.waitingMessage() == null ? c.waitingReason() : c.waitingMessage()),
              withEvents(
                  Verdict.evidence(
                      "pod", p.name(),
                      "container", c.name(),
                      "waiting", c.waitingReason() + message(c.waitingMessage())),
                  p),
              "oc describe pod " + p.name() + " -n " + ns);
        }
      }
    }
    for (PodView p : pods) {
      if (p.unschedulableReason() != null && "Pending".equals(p.phase())) {
        String msg =
            p.unschedulableMessage() == null ? p.unschedulableReason() : p.unschedulableMessage();
        boolean claims = msg.contains("PersistentVolumeClaim");
        v.fail(
            claims ? "pvc-not-bound" : "pod-unschedulable",
            "pod " + p.name() + " is Pending: the scheduler says " + msg,
            withEvents(
                Verdict.evidence(
                    "pod", p.name(),
                    "scheduler", p.unschedulableReason() + message(p.unschedulableMessage()),
                    "claims", String.join(", ", w.claimNames())),
                p),
            "oc describe pod " + p.name() + " -n " + ns);
      }
    }
    for (PodView p : pods) {
      for (ContainerStateView c : p.containers()) {
        if ("CrashLoopBackOff".equals(c.waitingReason())) {
          v.fail(
              "pod-crash-looping",
              "container "
                  + c.name()
                  + " of pod "
                  + p.name()
                  + " is crash-looping: "
                  + c.restarts()
                  + " restarts, last exit "
                  + termination(c),
              withEvents(
                  Verdict.evidence(
                      "pod", p.name(),
                      "container", c.name(),
                      "restarts", c.restarts(),
                      "lastTermination", termination(c),
                      "lastFinishedAt", c.lastFinishedAt(),
                      "lastLogLine", lastWords(p.name(), c.name())),
                  p),
              "oc logs " + p.name() + " -c " + c.name() + " -n " + ns + " --previous");
        }
      }
    }
    for (PodView p : pods) {
      if ("Running".equals(p.phase()) && !p.ready()) {
        List<String> notReady =
            p.containers().stream().filter(c -> !c.ready()).map(ContainerStateView::name).toList();
        if (notReady.isEmpty()
            || p.containers().stream().anyMatch(c -> c.waitingReason() != null)) {
          continue;
        }
        v.fail(
            "pod-not-ready",
            "pod "
                + p.name()
                + " runs but is not ready (container "
                + String.join(", ", notReady)
                + "): its readiness probe fails, so its service sends it no traffic",
            withEvents(
                Verdict.evidence("pod", p.name(), "notReady", String.join(", ", notReady)), p),
            "oc describe pod " + p.name() + " -n " + ns);
      }
    }
    for (Installation.Condition c : w.conditions()) {
      if ("Progressing".equals(c.type()) && "False".equals(c.status())) {
        v.fail(
            "rollout-failed",
            "the latest rollout of " + w.name() + " failed: " + c.reason() + message(c.message()),
            Verdict.evidence("condition", c.type() + "=" + c.status() + " " + c.reason()),
            "oc rollout status " + w.kind().toLowerCase() + "/" + w.name() + " -n " + ns);
      }
    }
    if (w.desiredReplicas() == 0) {
      String summary = w.name() + " is scaled to 0 replicas: " + roleOr(w) + " does not run";
      Map<String, String> e = Verdict.evidence("desiredReplicas", 0);
      String how = "oc scale " + w.kind().toLowerCase() + "/" + w.name() + " --replicas=1 -n " + ns;
      if (Component.of(w.name()).map(Component::required).orElse(false)) {
        v.fail("component-scaled-down", summary, e, how);
      } else {
        v.warn("component-scaled-down", summary, e, how);
      }
    } else if (w.readyReplicas() == 0) {
      v.fail(
          "component-unavailable",
          "none of the "
              + w.desiredReplicas()
              + " replica(s) of "
              + w.name()
              + " is ready"
              + (pods.isEmpty() && !inst.hidden("pods") ? " and no pod of it exists" : ""),
          Verdict.evidence("readyReplicas", 0),
          listPods);
    } else if (w.readyReplicas() < w.desiredReplicas()) {
      v.warn(
          "component-degraded",
          w.readyReplicas()
              + " of "
              + w.desiredReplicas()
              + " replicas of "
              + w.name()
              + " are ready",
          Verdict.evidence("readyReplicas", w.readyReplicas()),
          listPods);
    }
    for (PodView p : pods) {
      for (ContainerStateView c : p.containers()) {
        if (c.restarts() > 0
            && c.ready()
            && c.lastFinishedAt() != null
            && !c.lastFinishedAt().isBefore(inst.observedAt().minus(RECENT_RESTARTS))) {
          v.warn(
              "pod-restarted-recently",
              "container "
                  + c.name()
                  + " of pod "
                  + p.name()
                  + " restarted within the last hour ("
                  + c.restarts()
                  + " restarts, last exit "
                  + termination(c)
                  + ")",
              Verdict.evidence(
                  "pod", p.name(),
                  "container", c.name(),
                  "restarts", c.restarts(),
                  "lastFinishedAt", c.lastFinishedAt()),
              "oc logs " + p.name() + " -c " + c.name() + " -n " + ns + " --previous");
        }
      }
    }
    return v.result(
        w.readyReplicas() + "/" + w.desiredReplicas() + " replica(s) of " + w.name() + " ready",
        listPods);
  }

  private Map<String, String> withEvents(Map<String, String> evidence, PodView pod) {
    int n = 0;
    for (EventView e : inst.warningsAbout("Pod", pod.name())) {
      if (++n > EVENTS_SHOWN) {
        break;
      }
      evidence.put(
          "event" + n,
          e.reason() + ": " + e.message() + " (x" + e.count() + ", last " + e.lastSeen() + ")");
    }
    return evidence;
  }

  private String lastWords(String pod, String container) {
    for (ContainerLog l : inst.logs()) {
      if (l.pod().equals(pod) && l.container().equals(container) && l.previous()) {
        return l.lastLine();
      }
    }
    return null;
  }

  private static String memoryLimit(Workload w, String container) {
    return w.containers().stream()
        .filter(c -> c.name().equals(container))
        .map(Installation.ContainerSpec::memoryLimit)
        .filter(m -> m != null)
        .findFirst()
        .orElse("no limit set");
  }

  private static String termination(ContainerStateView c) {
    if (c.lastTerminationReason() == null && c.lastExitCode() == null) {
      return "unknown";
    }
    return (c.lastTerminationReason() == null ? "" : c.lastTerminationReason())
        + (c.lastExitCode() == null ? "" : " (exit code " + c.lastExitCode() + ")");
  }

  private static String message(String m) {
    return m == null || m.isBlank() ? "" : ": " + m;
  }

  private static String roleOr(Workload w) {
    return Component.of(w.name()).map(Component::role).orElse(w.name());
  }

  private static String describe(PodView p) {
    int restarts = p.containers().stream().mapToInt(ContainerStateView::restarts).sum();
    String waiting =
        p.containers().stream()
            .map(ContainerStateView::waitingReason)
            .filter(r -> r != null)
            .findFirst()
            .map(r -> " " + r)
            .orElse("");
    return p.name()
        + " "
        + p.phase()
        + waiting
        + (p.ready() ? " ready" : " not-ready")
        + (restarts > 0 ? " restarts=" + restarts : "");
  }
}
