package io.threescaledoctor.core.fleet;

import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.Cancellation;
import io.threescaledoctor.core.profile.ProfileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs many profiles continuously: each on an interval with jitter (see {@link
 * Builder#interval(Duration)}), never two runs of one profile at once, never more than {@link
 * Builder#maxConcurrentRuns(int)} runs at once, keeping each profile's last diagnosis. Profiles
 * come from a {@link ProfileSource} and are reloaded on demand ({@link #reload()}): a profile that
 * no longer loads is reported and keeps running as it last loaded, the others are unaffected.
 *
 * <pre>{@code
 * Scheduler scheduler = Scheduler.builder()
 *     .source(ProfileFiles.of(List.of(Path.of("/etc/3scale-doctor/profiles"))))
 *     .interval(Duration.ofSeconds(30))
 *     .build()
 *     .start();
 * for (ProfileState p : scheduler.profiles()) {
 *   p.lastDiagnosisIfAny().ifPresent(d -> log.info(p.name() + ": " + d.status()));
 * }
 * Diagnosis now = scheduler.runNow("prod-eu", List.of("3scale"), Duration.ofSeconds(5));
 * scheduler.close();                    // waits for runs in progress, then cancels them
 * }</pre>
 *
 * <p>{@code diag-prometheus}'s {@code DoctorMetrics} turns a scheduler into Prometheus metrics on
 * any registry. Threading: every method may be called from any thread. Runs happen on the
 * scheduler's own daemon threads; listeners are called from them.
 */
public final class Scheduler implements AutoCloseable {
  private final ProfileSource source;
  private final boolean scheduled;
  private final Schedule schedule;
  private final Duration interval;
  private final double jitter;
  private final int maxConcurrentRuns;
  private final Duration shutdownGrace;
  private final Clock clock;
  private final List<SchedulerListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Slot> slots = new ConcurrentSkipListMap<>();
  private final Semaphore permits;
  private final ScheduledThreadPoolExecutor timer;
  private final ThreadPoolExecutor workers;
  private final Set<Cancellation> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicInteger running = new AtomicInteger();
  private final Object reloadLock = new Object();
  private volatile ReloadReport lastReload;
  private volatile boolean started;
  private volatile boolean closed;

  private Scheduler(Builder b) {
    this.source = b.source;
    this.scheduled = b.scheduled;
    this.interval = b.interval;
    this.jitter = b.jitter;
    this.schedule = new Schedule(b.interval.toNanos(), b.jitter, b.random);
    this.maxConcurrentRuns = b.maxConcurrentRuns;
    this.shutdownGrace = b.shutdownGrace;
    this.clock = b.clock;
    this.listeners.addAll(b.listeners);
    this.permits = new Semaphore(b.maxConcurrentRuns, true);
    this.timer = new ScheduledThreadPoolExecutor(1, daemon("3scale-doctor-scheduler"));
    timer.setRemoveOnCancelPolicy(true);
    this.workers =
        new ThreadPoolExecutor(
            b.maxConcurrentRuns,
            b.maxConcurrentRuns,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemon("3scale-doctor-run"));
    workers.allowCoreThreadTimeOut(true);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads the profiles and, unless on-demand only, schedules each one's first run at a random point
   * of the first interval.
   *
   * @return this scheduler
   * @throws IllegalStateException when already started or closed
   */
  public Scheduler start() {
    synchronized (reloadLock) {
      if (started || closed) {
        throw new IllegalStateException(closed ? "closed" : "already started");
      }
      started = true;
    }
    reload();
    return this;
  }

  /** Receives events from now on; for metrics and logs added after {@link Builder#build()}. */
  public void addListener(SchedulerListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Reads the source again. New profiles are scheduled, removed ones stop, changed ones run their
   * new version from their next slot on; a profile that no longer loads keeps running as it last
   * loaded and is reported broken. Never throws for bad profiles.
   */
  public ReloadReport reload() {
    synchronized (reloadLock) {
      if (!started || closed) {
        throw new IllegalStateException(closed ? "closed" : "not started");
      }
      ReloadReport report;
      try {
        report = apply(source.load());
      } catch (ProfileException | RuntimeException e) {
        report =
            new ReloadReport(
                clock.instant(),
                List.of(),
                List.of(),
                List.of(),
                brokenNow(),
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
      lastReload = report;
      ReloadReport r = report;
      tell(l -> l.reloaded(r));
      return report;
    }
  }

  private Map<String, String> brokenNow() {
    Map<String, String> broken = new LinkedHashMap<>();
    slots
        .values()
        .forEach(s -> Optional.ofNullable(s.loadError).ifPresent(e -> broken.put(s.name, e)));
    return broken;
  }

  private ReloadReport apply(List<FleetProfile> loaded) {
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    Map<String, String> broken = new LinkedHashMap<>();
    Map<String, FleetProfile> byName = new LinkedHashMap<>();
    loaded.forEach(p -> byName.putIfAbsent(p.name(), p));
    for (FleetProfile p : byName.values()) {
      Slot slot = slots.get(p.name());
      boolean isNew = slot == null;
      if (isNew) {
        slot = new Slot(p.name());
        slots.put(p.name(), slot);
        added.add(p.name());
      }
      slot.source = p.source();
      if (p.error() != null) {
        broken.put(p.name(), p.error());
      }
      if (!isNew && p.version().equals(slot.version)) {
        continue;
      }
      slot.version = p.version();
      slot.loadError = p.error();
      if (p.doctor() != null) {
        boolean firstDoctor = slot.doctor == null;
        slot.doctor = p.doctor();
        if (!isNew) {
          changed.add(p.name());
        }
        if (firstDoctor && scheduled) {
          arm(slot, System.nanoTime() + schedule.firstDelay());
        }
      }
    }
    for (Slot slot : slots.values()) {
      if (!byName.containsKey(slot.name)) {
        slot.removed = true;
        ScheduledFuture<?> next = slot.next;
        if (next != null) {
          next.cancel(false);
        }
        slots.remove(slot.name);
        removed.add(slot.name);
      }
    }
    return new ReloadReport(clock.instant(), added, changed, removed, broken, null);
  }

  private void arm(Slot slot, long dueNanos) {
    if (closed || slot.removed) {
      return;
    }
    slot.dueNanos = dueNanos;
    try {
      slot.next =
          timer.schedule(
              () -> due(slot, dueNanos),
              Math.max(0, dueNanos - System.nanoTime()),
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Closing: nothing more is scheduled.
    }
  }

  private void due(Slot slot, long dueNanos) {
    if (closed || slot.removed) {
      return;
    }
    arm(slot, schedule.next(dueNanos, System.nanoTime()));
    Pending pending = slot.claim(true);
    if (pending == null) {
      slot.skipped.incrementAndGet();
      tell(l -> l.runSkipped(slot.name));
      return;
    }
    try {
      workers.execute(() -> runScheduled(slot, pending, dueNanos));
    } catch (RejectedExecutionException e) {
      slot.release(pending, null);
    }
  }

  private void runScheduled(Slot slot, Pending pending, long dueNanos) {
    Diagnosis d = null;
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      slot.release(pending, null);
      return;
    }
    try {
      Duration lag = Duration.ofNanos(Math.max(0, System.nanoTime() - dueNanos));
      d = execute(slot, slot.doctor, List.of(), null, true, lag);
    } catch (RuntimeException e) {
      // execute reported it to the listeners; the next slot runs as usual.
    } finally {
      permits.release();
      slot.release(pending, d);
    }
  }

  /**
   * Runs a profile now, as Prometheus's {@code /probe} asks, and returns what it found. When a run
   * of this profile is already running, waits for it: a full run answers a full request; otherwise
   * this run starts once that one is over. The wait, the wait for a free run and the run itself all
   * fit in {@code deadline}. A full run becomes the profile's last diagnosis.
   *
   * @param only check, endpoint or hop ids to run (with prerequisites); empty runs everything
   * @param deadline the longest this call may take (the profile's {@code timeouts.total} still
   *     bounds the run)
   * @throws NoSuchElementException when no profile has that name
   * @throws ProfileException when the profile never loaded (the message says why)
   * @throws IllegalArgumentException when {@code only} names no check, endpoint or hop
   * @throws TimeoutException when the deadline passed before a run could start
   * @throws IllegalStateException when the scheduler is closed
   */
  public Diagnosis runNow(String name, Collection<String> only, Duration deadline)
      throws ProfileException, TimeoutException {
    long end = System.nanoTime() + deadline.toNanos();
    Slot slot = slots.get(name);
    if (closed) {
      throw new IllegalStateException("the scheduler is stopping");
    }
    if (slot == null) {
      throw new NoSuchElementException("no profile named '" + name + "'");
    }
    Doctor doctor = slot.doctor;
    if (doctor == null) {
      throw new ProfileException(slot.loadError);
    }
    boolean full = only.isEmpty();
    Pending pending;
    while ((pending = slot.claim(full)) == null) {
      Pending other = slot.pending;
      long left = end - System.nanoTime();
      String busy = "a run of '" + name + "' was still running at the deadline";
      if (left <= 0) {
        throw new TimeoutException(busy);
      }
      if (other == null) {
        Thread.onSpinWait();
        continue;
      }
      try {
        Diagnosis d = other.result.get(left, TimeUnit.NANOSECONDS);
        if (full && other.full && d != null) {
          return d;
        }
      } catch (ExecutionException e) {
        // That run failed; try our own.
      } catch (TimeoutException e) {
        throw new TimeoutException(busy);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TimeoutException("interrupted while waiting for a run of '" + name + "'");
      }
    }
    Diagnosis d = null;
    try {
      long left = end - System.nanoTime();
      boolean permitted;
      try {
        permitted = left > 0 && permits.tryAcquire(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        permitted = false;
      }
      if (!permitted) {
        throw new TimeoutException(
            "all " + maxConcurrentRuns + " runs were busy until the deadline");
      }
      try {
        Duration runDeadline = Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime()));
        Duration total = slot.doctor.profile().timeouts().totalOrDefault();
        d =
            execute(
                slot,
                slot.doctor,
                List.copyOf(only),
                runDeadline.compareTo(total) < 0 ? runDeadline : total,
                false,
                Duration.ZERO);
        return d;
      } finally {
        permits.release();
      }
    } finally {
      slot.release(pending, d);
    }
  }

  private Diagnosis execute(
      Slot slot,
      Doctor doctor,
      List<String> only,
      Duration deadline,
      boolean fromSchedule,
      Duration lag) {
    Cancellation cancellation = new Cancellation();
    inFlight.add(cancellation);
    running.incrementAndGet();
    long start = System.nanoTime();
    try {
      if (closed) {
        cancellation.cancel();
      }
      Diagnosis d = doctor.run(only, deadline, cancellation);
      if (cancellation.isCancelled()) {
        return d;
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      boolean full = only.isEmpty();
      Diagnosis previous = slot.last == null ? null : slot.last.diagnosis;
      if (full && !slot.removed) {
        slot.last = new LastRun(d, took, lag);
        slot.runs.incrementAndGet();
      }
      CompletedRun run = new CompletedRun(slot.name, d, previous, fromSchedule, lag, full);
      tell(l -> l.runFinished(run));
      return d;
    } catch (RuntimeException e) {
      boolean badSelection = e instanceof IllegalArgumentException && !only.isEmpty();
      if (!badSelection) {
        slot.failed.incrementAndGet();
        tell(l -> l.runFailed(slot.name, e));
      }
      throw e;
    } finally {
      running.decrementAndGet();
      inFlight.remove(cancellation);
    }
  }

  /** A listener that throws must not stop the scheduler nor the other listeners. */
  private void tell(Consumer<SchedulerListener> event) {
    for (SchedulerListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException ignored) {
        // The listener's bug; the run and the schedule go on.
      }
    }
  }

  /** Every profile, by name. */
  public List<ProfileState> profiles() {
    List<ProfileState> all = new ArrayList<>();
    slots.values().forEach(s -> all.add(s.state()));
    return all;
  }

  public Optional<ProfileState> profile(String name) {
    return Optional.ofNullable(slots.get(name)).map(Slot::state);
  }

  /** The last (re)load, once started. */
  public Optional<ReloadReport> lastReload() {
    return Optional.ofNullable(lastReload);
  }

  /** Runs in progress now (scheduled and on-demand). */
  public int runsInProgress() {
    return running.get();
  }

  /**
   * Whether there is something to show: started, and every profile that loaded has finished a run
   * (with on-demand runs only, as soon as it started).
   */
  public boolean ready() {
    if (!started || closed) {
      return false;
    }
    return !scheduled || slots.values().stream().allMatch(s -> s.doctor == null || s.last != null);
  }

  /** Whether runs are scheduled; false when only {@link #runNow} runs profiles. */
  public boolean scheduled() {
    return scheduled;
  }

  public Duration interval() {
    return interval;
  }

  public double jitter() {
    return jitter;
  }

  public int maxConcurrentRuns() {
    return maxConcurrentRuns;
  }

  /**
   * Stops: no run starts any more; runs in progress get the shutdown grace period to finish, then
   * are cancelled (their checks stop at the next chance and their results are dropped).
   */
  @Override
  public void close() {
    synchronized (reloadLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    timer.shutdownNow();
    List<Runnable> queued = new ArrayList<>();
    workers.getQueue().drainTo(queued);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        inFlight.forEach(Cancellation::cancel);
        workers.awaitTermination(2, TimeUnit.SECONDS);
      }
      // On-demand runs happen on their callers' threads: cancel what is left of them too.
      inFlight.forEach(Cancellation::cancel);
    } catch (InterruptedException e) {
      inFlight.forEach(Cancellation::cancel);
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** A run of a profile that has been claimed: waiting for a worker, or running. */
  private static final class Pending {
    final boolean full;
    final CompletableFuture<Diagnosis> result = new CompletableFuture<>();

    Pending(boolean full) {
      this.full = full;
    }
  }

  private record LastRun(Diagnosis diagnosis, Duration duration, Duration lag) {}

  private final class Slot {
    final String name;
    final AtomicBoolean busy = new AtomicBoolean();
    final AtomicLong runs = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    volatile String source;
    volatile Object version;
    volatile Doctor doctor;
    volatile String loadError;
    volatile LastRun last;
    volatile Pending pending;
    volatile ScheduledFuture<?> next;
    volatile long dueNanos;
    volatile boolean removed;

    Slot(String name) {
      this.name = name;
    }

    /** Claims the profile for one run, or null when a run of it is pending already. */
    Pending claim(boolean full) {
      if (!busy.compareAndSet(false, true)) {
        return null;
      }
      Pending p = new Pending(full);
      pending = p;
      return p;
    }

    /** Frees the profile, then wakes those waiting for this run (d is null when it failed). */
    void release(Pending p, Diagnosis d) {
      pending = null;
      busy.set(false);
      if (d == null) {
        p.result.completeExceptionally(new IllegalStateException("the run did not finish"));
      } else {
        p.result.complete(d);
      }
    }

    ProfileState state() {
      LastRun l = last;
      ScheduledFuture<?> n = next;
      Instant nextAt =
          n == null || n.isDone() || closed
              ? null
              : clock.instant().plusNanos(Math.max(0, dueNanos - System.nanoTime()));
      return new ProfileState(
          name,
          source,
          doctor,
          loadError,
          l == null ? null : l.diagnosis,
          l == null ? null : l.duration,
          l == null ? null : l.lag,
          runs.get(),
          skipped.get(),
          failed.get(),
          busy.get(),
          nextAt);
    }
  }

  /** Configures a {@link Scheduler}. */
  public static final class Builder {
    private ProfileSource source;
    private boolean scheduled = true;
    private Duration interval = Duration.ofSeconds(30);
    private double jitter = 0.1;
    private int maxConcurrentRuns = 32;
    private Duration shutdownGrace = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new SplittableRandom();
    private final List<SchedulerListener> listeners = new ArrayList<>();

    private Builder() {}

    /** Where the profiles come from (required). */
    public Builder source(ProfileSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * How often each profile runs (default 30 s). A profile's first run falls at a random point of
     * the first interval; each later one an interval after the previous slot, give or take the
     * jitter.
     */
    public Builder interval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive: " + interval);
      }
      this.interval = interval;
      return this;
    }

    /**
     * How far a slot may move from one interval after the previous, as a share of the interval: 0.1
     * (the default) puts slots between 0.9 and 1.1 intervals apart. Between 0 and 0.5.
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 0.5)) {
        throw new IllegalArgumentException("jitter must be between 0 and 0.5: " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * At most this many runs at once, scheduled and on-demand together (default 32); a run due when
     * all are busy waits for one, and that wait is its lag.
     */
    public Builder maxConcurrentRuns(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConcurrentRuns must be at least 1: " + max);
      }
      this.maxConcurrentRuns = max;
      return this;
    }

    /** False: nothing runs on a schedule, only {@link Scheduler#runNow} (Prometheus's /probe). */
    public Builder scheduled(boolean scheduled) {
      this.scheduled = scheduled;
      return this;
    }

    /** How long {@link Scheduler#close()} lets runs in progress finish (default 5 s). */
    public Builder shutdownGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace must not be negative: " + grace);
      }
      this.shutdownGrace = grace;
      return this;
    }

    /** The clock timestamps come from (reload times, next-run times). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where the first-run offsets and the jitter come from (tests seed it). */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public Builder listener(SchedulerListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    public Scheduler build() {
      if (source == null) {
        throw new IllegalStateException("a scheduler needs a profile source");
      }
      return new Scheduler(this);
    }
  }
}
