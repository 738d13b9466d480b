package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.checks.cluster.Installation.ContainerLog;
import io.threescaledoctor.checks.cluster.Installation.JobView;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The portal's job queue where the doctor can see it (guide 1.5.2): the system-sidekiq pods' recent
 * log (Redis unreachable stops every job; failing jobs retry and pile up) and the namespace's
 * failed jobs ({@code oc get jobs}).
 */
final class SidekiqJudge {
  private static final Pattern REDIS_DOWN =
      Pattern.compile(
          "Redis::CannotConnectError|Error connecting to Redis|Redis::TimeoutError|"
              + "Connection refused - connect\\(2\\) for .*:6379");
  private static final Pattern JOB_ERROR =
      Pattern.compile(
          "\\b(ERROR|FATAL)\\b|\\bfail\\b.*\\bjid\\b|retries exhausted", Pattern.CASE_INSENSITIVE);

  private final Installation inst;

  SidekiqJudge(Installation inst) {
    this.inst = inst;
  }

  CheckResult judge(Installation.Workload sidekiq) {
    List<String> pods =
        inst.podsMatching(sidekiq.selector()).stream().map(Installation.PodView::name).toList();
    List<ContainerLog> logs = inst.logs().stream().filter(l -> pods.contains(l.pod())).toList();
    long lines = 0;
    long redisDown = 0;
    long jobErrors = 0;
    String redisExample = null;
    String errorExample = null;
    for (ContainerLog l : logs) {
      for (String line : new String(l.text(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        lines++;
        if (REDIS_DOWN.matcher(line).find()) {
          redisDown++;
          redisExample = redisExample == null ? line : redisExample;
        } else if (JOB_ERROR.matcher(line).find()) {
          jobErrors++;
          errorExample = errorExample == null ? line : errorExample;
        }
      }
    }
    List<JobView> failed =
        inst.jobs().stream().filter(j -> j.failed() > 0 && j.succeeded() == 0).toList();
    Verdict v =
        new Verdict()
            .context("logLines", lines)
            .context(
                "containers",
                logs.stream()
                    .map(l -> l.pod() + "/" + l.container())
                    .distinct()
                    .collect(Collectors.joining(", ")))
            .context(
                "jobs",
                inst.jobs().isEmpty()
                    ? null
                    : inst.jobs().size() + " (" + failed.size() + " failed)");
    Redactor mask = Redactor.patternsOnly();
    if (redisDown > 0) {
      v.fail(
          "sidekiq-redis-unreachable",
          "system-sidekiq cannot reach Redis (" + redisDown + " line(s)): no background job runs",
          Verdict.evidence("count", redisDown, "example", mask.mask(redisExample)),
          "oc logs dc/system-sidekiq -n " + inst.namespace() + " --since=1h");
    }
    if (jobErrors > 0) {
      v.warn(
          "sidekiq-job-errors",
          jobErrors + " error line(s) in system-sidekiq's recent log: jobs fail and are retried",
          Verdict.evidence("count", jobErrors, "example", mask.mask(errorExample)),
          "oc logs dc/system-sidekiq -n " + inst.namespace() + " --since=1h");
    }
    for (JobView j : failed) {
      v.warn(
          "job-failed",
          "job "
              + j.name()
              + " failed"
              + (j.failureReason() == null ? "" : ": " + j.failureReason())
              + (j.message() == null ? "" : " - " + j.message()),
          Verdict.evidence("job", j.name(), "failedPods", j.failed()),
          "oc logs job/" + j.name() + " -n " + inst.namespace());
    }
    return v.result(
        logs.isEmpty()
            ? "system-sidekiq wrote nothing the doctor could read; no failed job"
            : "system-sidekiq's recent log shows no Redis or job errors (" + lines + " lines)",
        "oc get jobs -n " + inst.namespace());
  }
}
