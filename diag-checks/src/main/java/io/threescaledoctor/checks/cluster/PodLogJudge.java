package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.checks.cluster.Installation.ContainerLog;
import io.threescaledoctor.checks.cluster.Installation.Workload;
import io.threescaledoctor.checks.logs.Attribution;
import io.threescaledoctor.checks.logs.ErrorLogAnalyzer;
import io.threescaledoctor.checks.logs.ErrorLogReport;
import io.threescaledoctor.checks.logs.HostResolver;
import io.threescaledoctor.checks.logs.LogFinding;
import io.threescaledoctor.checks.logs.LogMessage;
import io.threescaledoctor.checks.logs.LogSource;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Tested;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The recent logs of a component's pods, per container (guide 1.5.1), through the same error-log
 * analysis as {@code 3scale-doctor logs}: APIcast writes nginx's error log to its standard output,
 * so its timeouts, refused connections, resolver and Lua errors are named here with their cause and
 * hop. Lines naming the backend listener's service (or its cluster IP) are the backend's.
 */
final class PodLogJudge {
  /** Where APIcast reaches the backend inside an installation (BACKEND_ENDPOINT_OVERRIDE). */
  static final String IN_CLUSTER_BACKEND = "http://backend-listener:3000";

  private static final int FINDINGS_SHOWN = 5;

  private final Installation inst;
  private final Duration since;

  PodLogJudge(Installation inst, Duration since) {
    this.inst = inst;
    this.since = since;
  }

  List<ContainerLog> logsOf(Workload w) {
    List<String> pods =
        inst.podsMatching(w.selector()).stream().map(Installation.PodView::name).toList();
    return inst.logs().stream().filter(l -> pods.contains(l.pod())).toList();
  }

  CheckResult judge(Workload w) {
    List<ContainerLog> logs = logsOf(w);
    ErrorLogReport report = analyze(logs);
    Instant now = inst.observedAt();
    List<LogFinding> findings = report.findings();
    Optional<LogFinding> primary =
        findings.stream()
            .filter(f -> fails(f, now))
            .min(Comparator.comparing(LogFinding::hop))
            .or(() -> findings.stream().findFirst());
    String containers =
        logs.stream()
            .map(l -> l.pod() + "/" + l.container() + (l.previous() ? " (previous)" : ""))
            .distinct()
            .reduce((a, b) -> a + ", " + b)
            .orElse("none");
    String how =
        "oc logs "
            + logs.stream().findFirst().map(ContainerLog::pod).orElse("POD")
            + " -n "
            + inst.namespace()
            + " --since="
            + since.toMinutes()
            + "m";
    CheckResult r;
    if (primary.isEmpty()) {
      r =
          CheckResult.pass(
              "no known problem in the last "
                  + since.toMinutes()
                  + " min of "
                  + w.name()
                  + "'s logs ("
                  + report.stats().lines()
                  + " lines)");
    } else {
      LogFinding f = primary.get();
      String summary =
          f.count()
              + " line(s) '"
              + f.title()
              + "' in "
              + w.name()
              + "'s logs"
              + (f.subjects().isEmpty() ? "" : " (" + String.join(", ", f.subjects()) + ")")
              + ", last at "
              + f.lastSeen();
      r =
          (fails(f, now) ? CheckResult.fail(summary) : CheckResult.warn(summary))
              .withCause(f.issue())
              .withHop(f.hop())
              .withReference(f.section())
              .withEvidence("example", f.example());
    }
    r = r.withEvidence("containers", containers);
    int n = 0;
    for (LogFinding f : findings) {
      if (++n > FINDINGS_SHOWN) {
        r = r.withEvidence("moreFindings", findings.size() - FINDINGS_SHOWN);
        break;
      }
      r =
          r.withEvidence(
              "finding" + n,
              f.issue() + " @" + f.hop().id() + ": " + f.count() + "x '" + f.title() + "'");
    }
    if (!report.notes().isEmpty()) {
      r = r.withEvidence("notes", String.join("; ", report.notes()));
    }
    return r.withReproduce(how).withTested(Tested.LOGS);
  }

  private boolean fails(LogFinding f, Instant now) {
    return f.severity() == LogMessage.Severity.FAIL && !f.lastSeen().isBefore(now.minus(since));
  }

  /** The one call into {@code checks.logs}: container logs in, its report out. */
  private ErrorLogReport analyze(List<ContainerLog> logs) {
    List<LogSource> sources = new ArrayList<>();
    for (ContainerLog l : logs) {
      sources.add(
          LogSource.stream(
              l.pod() + "/" + l.container() + (l.previous() ? " (previous)" : ""),
              new ByteArrayInputStream(l.text())));
    }
    Attribution attribution =
        Attribution.builder().backendUrl(IN_CLUSTER_BACKEND).lookup(serviceAddresses()).build();
    return new ErrorLogAnalyzer(attribution)
        .zone(ZoneOffset.UTC)
        .window(inst.observedAt().minus(since), null)
        .analyze(sources);
  }

  /** Service names resolve to their cluster IPs as the model has them: no DNS from here. */
  private HostResolver serviceAddresses() {
    return host -> {
      String name = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
      var s = inst.service(name);
      if (s.isEmpty() || s.get().clusterIp() == null || s.get().clusterIp().equals("None")) {
        throw new UnknownHostException(host + " is no service of namespace " + inst.namespace());
      }
      return List.of(InetAddress.getByName(s.get().clusterIp()));
    };
  }
}
