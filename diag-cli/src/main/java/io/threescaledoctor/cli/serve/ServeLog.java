package io.threescaledoctor.cli.serve;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.DiagnosisStatus;
import io.threescaledoctor.core.fleet.CompletedRun;
import io.threescaledoctor.core.fleet.ReloadReport;
import io.threescaledoctor.core.fleet.SchedulerListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code serve}'s log on standard error, one logfmt line per event as Prometheus and its exporters
 * write them ({@code ts=... level=info msg="..." key=value}): start, reloads, profiles that do not
 * load, verdict changes, runs that broke, stop. Not every run: a fleet of hundreds would drown the
 * log, and the metrics count runs. Every value is masked once more, so no secret reaches the log.
 */
public final class ServeLog implements SchedulerListener {
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.:/@+-]+");

  private final PrintWriter err;
  private final Clock clock;

  /** Writes to {@code err}, stamping lines with {@code clock}. */
  public ServeLog(PrintWriter err, Clock clock) {
    this.err = err;
    this.clock = clock;
  }

  void info(String msg, Object... keyValues) {
    line("info", msg, keyValues);
  }

  void warn(String msg, Object... keyValues) {
    line("warn", msg, keyValues);
  }

  void error(String msg, Object... keyValues) {
    line("error", msg, keyValues);
  }

  /** One reload's outcome: a summary line, then a line per profile that does not load. */
  void reloaded(String trigger, ReloadReport r) {
    if (r.sourceError() != null) {
      error(
          "Cannot read the profiles; nothing changed", "trigger", trigger, "err", r.sourceError());
      return;
    }
    line(
        r.successful() ? "info" : "warn",
        "Profiles loaded",
        "trigger",
        trigger,
        "added",
        r.added().size(),
        "changed",
        r.changed().size(),
        "removed",
        r.removed().size(),
        "broken",
        r.broken().size());
    r.broken().forEach((name, why) -> warn("Profile does not load", "profile", name, "err", why));
  }

  @Override
  public void runFinished(CompletedRun run) {
    if (!run.full()) {
      return;
    }
    Diagnosis now = run.diagnosis();
    Diagnosis before = run.previous();
    boolean changed =
        before == null
            ? now.status() != DiagnosisStatus.HEALTHY
            : before.status() != now.status()
                || before.likelyFailurePoint() != now.likelyFailurePoint()
                || !java.util.Objects.equals(before.cause(), now.cause());
    if (changed) {
      line(
          now.status() == DiagnosisStatus.FAILING ? "warn" : "info",
          "Verdict changed",
          "profile",
          run.profile(),
          "from",
          before == null ? "none" : before.status().name(),
          "to",
          now.status().name(),
          "hop",
          Optional.ofNullable(now.likelyFailurePoint()).map(Hop::id).orElse(""),
          "cause",
          Optional.ofNullable(now.cause()).orElse(""));
    }
  }

  @Override
  public void runFailed(String profile, RuntimeException e) {
    error(
        "Run broke (a bug in the doctor or a check)",
        "profile",
        profile,
        "err",
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
  }

  private void line(String level, String msg, Object... keyValues) {
    StringBuilder sb = new StringBuilder(160);
    sb.append("ts=")
        .append(clock.instant().truncatedTo(ChronoUnit.MILLIS))
        .append(" level=")
        .append(level)
        .append(" msg=")
        .append(quote(msg));
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      sb.append(' ')
          .append(keyValues[i])
          .append('=')
          .append(value(String.valueOf(keyValues[i + 1])));
    }
    synchronized (err) {
      err.println(sb);
      err.flush();
    }
  }

  private static String value(String raw) {
    String masked = Redactor.patternsOnly().mask(raw);
    return BARE.matcher(masked).matches() ? masked : quote(masked);
  }

  private static String quote(String s) {
    return '"'
        + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
        + '"';
  }
}
