package io.threescaledoctor.core.engine;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.diagnosis.Diagnoser;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Durations;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.VantageInference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link Checklist} as a dependency graph: independent checks concurrently, each under its
 * own timeout ({@code timeouts.check}) and the whole run under one deadline ({@code
 * timeouts.total}). A check whose prerequisite did not pass is SKIP with the reason; a check that
 * throws, overruns or is cut by the deadline is ERROR. Every result is redacted with the profile's
 * secrets before anyone sees it, and results come back in checklist order whatever order they
 * finished in.
 *
 * <p>An engine is immutable and may be used for many runs, from several threads.
 */
public final class Engine {
  private final Clock clock;
  private final EngineListener listener;

  /** Read on first use: a doctor that is built and never run does not pay for the catalog. */
  private volatile KnownIssueCatalog catalog;

  private Engine(Builder b) {
    this.clock = b.clock;
    this.listener = b.listener;
    this.catalog = b.catalog;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Runs {@code checklist} against {@code profile}. */
  public Diagnosis run(Checklist checklist, Profile profile) {
    return run(checklist, profile, new Cancellation());
  }

  /** Runs {@code checklist}; {@code cancellation} stops it early (remaining checks are SKIP). */
  public Diagnosis run(Checklist checklist, Profile stated, Cancellation cancellation) {
    Instant startedAt = clock.instant();
    long startNanos = System.nanoTime();
    VantageInference.Decision vantage =
        VantageInference.decide(stated, stated.timeouts().connectOrDefault());
    Profile profile =
        (stated.statedVantage().isPresent() ? stated : stated.withVantage(vantage.vantage()))
            .withSecretSettings(Checklist.settingsOf(checklist.planned()));
    checklist = checklist.replanned(profile);
    Redactor redactor = Redactor.of(profile.namedSecrets());
    KnownIssueCatalog issues = catalog().forSetup(profile);
    Duration perCheck = profile.timeouts().perCheckOrDefault();
    Duration total = profile.timeouts().totalOrDefault();
    listener.runStarted(checklist.planned().stream().map(PlannedCheck::run).toList());

    Map<String, CheckResult> finished = new ConcurrentHashMap<>();
    Set<String> started = ConcurrentHashMap.newKeySet();
    Map<String, CompletableFuture<CheckResult>> futures = new LinkedHashMap<>();
    Map<String, CheckResult> finishedInTime;
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "3scale-doctor-check-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    CompletableFuture<Void> cancelled = new CompletableFuture<>();
    cancellation.onCancel(() -> cancelled.complete(null));
    try {
      for (PlannedCheck p : topologicalOrder(checklist)) {
        List<CompletableFuture<CheckResult>> waits = new ArrayList<>();
        p.requires().forEach(id -> waits.add(futures.get(id)));
        p.after().forEach(id -> waits.add(futures.get(id)));
        CompletableFuture<CheckResult> f =
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
                .thenComposeAsync(
                    ignored -> {
                      Optional<CheckResult> blocked = blockedBy(p, finished, cancellation);
                      if (blocked.isPresent()) {
                        return CompletableFuture.completedFuture(blocked.get());
                      }
                      started.add(p.id());
                      listener.checkStarted(p.run());
                      return CompletableFuture.supplyAsync(
                              () -> execute(p, profile, redactor, finished, cancellation), pool)
                          .completeOnTimeout(
                              CheckResult.error(
                                      "did not finish within the per-check timeout of "
                                          + Durations.format(perCheck)
                                          + " (timeouts.check)")
                                  .withTimedOut("timeouts.check"),
                              perCheck.toMillis(),
                              TimeUnit.MILLISECONDS);
                    },
                    pool)
                .thenApply(r -> finish(p, r, finished, redactor, issues));
        futures.put(p.id(), f);
      }
      awaitAll(futures, total, cancelled);
    } finally {
      // What finished before the deadline or the cancel counts; checks interrupted below do not.
      finishedInTime = Map.copyOf(finished);
      pool.shutdownNow();
    }

    List<CheckResult> results = new ArrayList<>();
    for (PlannedCheck p : checklist.planned()) {
      CheckResult r = finishedInTime.get(p.id());
      if (r == null) {
        r =
            cancellation.isCancelled()
                ? CheckResult.skip("cancelled before it finished")
                : started.contains(p.id())
                    ? CheckResult.error(
                        "the run's deadline of "
                            + Durations.format(total)
                            + " (timeouts.total) passed before this check finished")
                    : CheckResult.skip(
                        "not started: the run's deadline of "
                            + Durations.format(total)
                            + " (timeouts.total) passed first");
        r = stamp(p, r, redactor, issues);
        listener.checkFinished(p.run(), r);
      }
      results.add(r);
    }
    long durationMillis = (System.nanoTime() - startNanos) / 1_000_000;
    Diagnosis diagnosis =
        new Diagnoser(issues)
            .diagnose(
                startedAt,
                durationMillis,
                profile.vantage(),
                vantage.inferredFrom(),
                results,
                cancellation.isCancelled(),
                weakSecretNotes(redactor));
    listener.runFinished(diagnosis);
    return diagnosis;
  }

  private static void awaitAll(
      Map<String, CompletableFuture<CheckResult>> futures,
      Duration total,
      CompletableFuture<Void> cancelled) {
    CompletableFuture<Void> all =
        CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new));
    try {
      CompletableFuture.anyOf(all, cancelled).get(total.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // The deadline passed, or a future failed; unfinished checks are reported below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<String> weakSecretNotes(Redactor redactor) {
    return redactor.weakSecrets().stream()
        .map(
            key ->
                key
                    + " is shorter than "
                    + Redactor.MIN_SUBSTRING_LENGTH
                    + " characters: it is masked where it appears as a credential (user_key=...,"
                    + " credential headers), not wherever else the same characters appear; a"
                    + " key that short is weak, check that it is complete.")
        .toList();
  }

  private Optional<CheckResult> blockedBy(
      PlannedCheck p, Map<String, CheckResult> finished, Cancellation cancellation) {
    if (cancellation.isCancelled()) {
      return Optional.of(CheckResult.skip("cancelled before it started"));
    }
    if (p.missingInput() != null) {
      return Optional.of(
          CheckResult.skip("needs " + p.missingInput() + ", which the profile does not set")
              .withEvidence("missingInput", p.missingInput()));
    }
    for (String dep : p.requires()) {
      CheckResult r = finished.get(dep);
      if (r == null || !(r.status() == Status.PASS || r.status() == Status.WARN)) {
        String status =
            r == null
                ? "did not run"
                : r.status().name() + r.timedOut().map(t -> ": timed out, " + t).orElse("");
        return Optional.of(
            CheckResult.skip("blocked by " + dep + " (" + status + ")")
                .withEvidence("blockedBy", dep));
      }
    }
    // A check run after one that timed out on the same endpoint (its own, or the one it names,
    // "gateway.http.request") would wait on the same silent peer a second time: it says so instead.
    for (String dep : p.after()) {
      CheckResult r = finished.get(dep);
      if (r != null && r.timedOut().isPresent() && samePeer(p, dep)) {
        return Optional.of(
            CheckResult.skip(
                    "blocked by "
                        + dep
                        + " ("
                        + r.status().name()
                        + ": timed out, "
                        + r.timedOut().get()
                        + "): the same peer would keep this check waiting as long")
                .withEvidence("blockedBy", dep));
      }
    }
    return Optional.empty();
  }

  private static boolean samePeer(PlannedCheck p, String depId) {
    return (p.endpoint() != null && depId.startsWith(p.endpoint().id() + "."))
        || p.check().runsAfter().contains(depId);
  }

  private CheckResult execute(
      PlannedCheck p,
      Profile profile,
      Redactor redactor,
      Map<String, CheckResult> finished,
      Cancellation cancellation) {
    long start = System.nanoTime();
    CheckResult r;
    try {
      r = p.check().run(new RunContext(profile, p, clock, redactor, finished, cancellation));
      if (r == null) {
        r =
            CheckResult.error(
                "the check returned no result (a bug in "
                    + p.check().getClass().getSimpleName()
                    + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      r = CheckResult.skip("cancelled while running");
    } catch (Exception | LinkageError | AssertionError e) {
      r =
          CheckResult.error("the check could not run: " + describe(e))
              .withEvidence("exception", e.getClass().getName());
    }
    if (r.durationMillis() == 0) {
      r = r.withDurationMillis((System.nanoTime() - start) / 1_000_000);
    }
    return r;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName()
        + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }

  private CheckResult finish(
      PlannedCheck p,
      CheckResult raw,
      Map<String, CheckResult> finished,
      Redactor redactor,
      KnownIssueCatalog issues) {
    CheckResult r = finished.get(p.id());
    if (r != null) {
      return r;
    }
    r = stamp(p, raw, redactor, issues);
    CheckResult previous = finished.putIfAbsent(p.id(), r);
    if (previous != null) {
      return previous;
    }
    listener.checkFinished(p.run(), r);
    return r;
  }

  /** Id, hop and the known issue's remedy (spoken about this run's setup) and reference. */
  private CheckResult stamp(
      PlannedCheck p, CheckResult raw, Redactor redactor, KnownIssueCatalog issues) {
    CheckResult r = raw.withId(p.id());
    if (r.hop() == null) {
      r = r.withHop(p.hop());
    }
    if (r.dependency().isEmpty() && p.check().dependency().isPresent()) {
      r = r.withDependency(p.check().dependency().get());
    }
    r = withDefinedCause(p, r, issues);
    if (raw.tested() == Tested.DIRECT) {
      r = r.withTested(p.check().tested());
    }
    Optional<KnownIssue> issue = r.cause().flatMap(issues::find);
    if (issue.isPresent()) {
      if (r.remedy().isEmpty()) {
        r = r.withRemedy(issue.get().remedy());
      }
      if (r.reference().isEmpty()) {
        r = r.withReference(issue.get().reference());
      }
    }
    if (r.reference().isEmpty()) {
      r = r.withReference(r.hop().guideSection());
    }
    return r.redacted(redactor);
  }

  /**
   * A cause no catalog defines would leave the report without its title and remedy, and break the
   * JSON contract's id pattern: it moves to evidence, where the check's author sees it.
   */
  private static CheckResult withDefinedCause(
      PlannedCheck p, CheckResult r, KnownIssueCatalog issues) {
    Optional<String> cause = r.cause();
    if (cause.isEmpty() || issues.contains(cause.get())) {
      return r;
    }
    return r.withCause(null)
        .withEvidence(
            "undefinedCause",
            cause.get()
                + " (no known-issue catalog defines it: a bug in "
                + p.check().getClass().getName()
                + ", whose jar should list it in "
                + KnownIssueCatalog.RESOURCE
                + ")");
  }

  private KnownIssueCatalog catalog() {
    KnownIssueCatalog c = catalog;
    if (c == null) {
      c = KnownIssueCatalog.standard();
      catalog = c;
    }
    return c;
  }

  private static List<PlannedCheck> topologicalOrder(Checklist checklist) {
    Map<String, PlannedCheck> byId = new LinkedHashMap<>();
    checklist.planned().forEach(p -> byId.put(p.id(), p));
    List<PlannedCheck> ordered = new ArrayList<>();
    Set<String> done = ConcurrentHashMap.newKeySet();
    for (PlannedCheck p : checklist.planned()) {
      visit(p, byId, done, ordered, new ArrayList<>());
    }
    return ordered;
  }

  private static void visit(
      PlannedCheck p,
      Map<String, PlannedCheck> byId,
      Set<String> done,
      List<PlannedCheck> ordered,
      List<String> path) {
    if (done.contains(p.id())) {
      return;
    }
    if (path.contains(p.id())) {
      throw new IllegalStateException("checks depend on each other in a cycle: " + path);
    }
    path.add(p.id());
    for (String dep : CheckRegistry.concat(p.requires(), p.after())) {
      PlannedCheck d = byId.get(dep);
      if (d != null) {
        visit(d, byId, done, ordered, path);
      }
    }
    path.remove(path.size() - 1);
    done.add(p.id());
    ordered.add(p);
  }

  /** Configures an {@link Engine}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private EngineListener listener = EngineListener.NONE;
    private KnownIssueCatalog catalog;

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder listener(EngineListener listener) {
      this.listener = listener;
      return this;
    }

    public Builder catalog(KnownIssueCatalog catalog) {
      this.catalog = catalog;
      return this;
    }

    public Engine build() {
      return new Engine(this);
    }
  }
}
