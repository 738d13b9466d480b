package io.threescaledoctor.cli;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.CheckRun;
import io.threescaledoctor.core.engine.EngineListener;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Draws one status line on a terminal while a run goes on: checks done out of planned, failures so
 * far, the hop and check that have been running longest, and the elapsed time. The line is redrawn
 * in place and erased when the run ends, so the report starts on a clean line.
 */
final class ProgressListener implements EngineListener, AutoCloseable {
  private static final String CLEAR_LINE = "\r\u001b[2K";
  private static final long REDRAW_MILLIS = 150;

  private final PrintWriter err;
  private final LongSupplier nanoClock;
  private final Map<String, CheckRun> running = new LinkedHashMap<>();
  private ScheduledExecutorService ticker;
  private long startNanos;
  private int planned;
  private int done;
  private int failed;
  private boolean active;
  private boolean drawn;

  /**
   * Progress goes to stderr only when a person watches a terminal and reads a human format: never
   * when piped, never beside JSON or JUnit, never with --quiet.
   * THREESCALE_DOCTOR_PROGRESS=always|never overrides the terminal test.
   */
  static boolean wanted(CliEnvironment env, String format, boolean quiet) {
    if (quiet || ReportFormats.machineReadable(format)) {
      return false;
    }
    String forced = env.variable("THREESCALE_DOCTOR_PROGRESS");
    if (forced != null && !forced.isBlank()) {
      return forced.equals("always");
    }
    String term = env.variable("TERM");
    return System.console() != null && term != null && !term.equals("dumb");
  }

  ProgressListener(PrintWriter err, LongSupplier nanoClock) {
    this.err = err;
    this.nanoClock = nanoClock;
  }

  @Override
  public synchronized void runStarted(List<CheckRun> checks) {
    startNanos = nanoClock.getAsLong();
    planned = checks.size();
    active = true;
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "3scale-doctor-progress");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(this::draw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    draw();
  }

  @Override
  public synchronized void checkStarted(CheckRun check) {
    running.put(check.id(), check);
    draw();
  }

  @Override
  public synchronized void checkFinished(CheckRun check, CheckResult result) {
    running.remove(check.id());
    done++;
    if (result.status() == Status.FAIL) {
      failed++;
    }
    draw();
  }

  @Override
  public synchronized void runFinished(Diagnosis diagnosis) {
    close();
  }

  @Override
  public synchronized void close() {
    active = false;
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
    if (drawn) {
      err.print(CLEAR_LINE);
      err.flush();
      drawn = false;
    }
  }

  /** The line as drawn, without the terminal codes; visible for tests. */
  synchronized String line() {
    long elapsedMillis = (nanoClock.getAsLong() - startNanos) / 1_000_000;
    StringBuilder sb = new StringBuilder();
    sb.append('[').append(done).append('/').append(planned).append(']');
    if (failed > 0) {
      sb.append(' ').append(failed).append(" failed");
    }
    CheckRun current = running.values().stream().findFirst().orElse(null);
    if (current != null) {
      sb.append("  ").append(current.hop().id()).append("  ").append(current.id());
      if (running.size() > 1) {
        sb.append(" +").append(running.size() - 1);
      }
    }
    sb.append("  ").append(String.format(java.util.Locale.ROOT, "%.1fs", elapsedMillis / 1000.0));
    return sb.toString();
  }

  private synchronized void draw() {
    if (!active) {
      return;
    }
    err.print(CLEAR_LINE + line());
    err.flush();
    drawn = true;
  }
}
