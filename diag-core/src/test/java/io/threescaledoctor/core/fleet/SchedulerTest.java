package io.threescaledoctor.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.DiagnosisStatus;
import io.threescaledoctor.core.engine.CheckRun;
import io.threescaledoctor.core.engine.EngineListener;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.testing.FakeCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private Scheduler scheduler;

  @AfterEach
  void stop() {
    release.countDown();
    if (scheduler != null) {
      scheduler.close();
    }
  }

  /** Counts runs in progress across every doctor it is part of, and the most seen at once. */
  private static final class Occupancy {
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();

    CheckResult hold(CountDownLatch until, long millis) {
      most.accumulateAndGet(now.incrementAndGet(), Math::max);
      try {
        if (until != null) {
          until.await();
        } else {
          Thread.sleep(millis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        now.decrementAndGet();
      }
      return CheckResult.pass("held");
    }
  }

  private static Doctor doctor(FakeCheck... checks) throws ProfileException {
    Doctor.Builder b = Doctor.builder().useRegisteredChecks(false);
    for (FakeCheck c : checks) {
      b.addCheck(c);
    }
    return b.build();
  }

  private static Doctor passing() throws ProfileException {
    return doctor(FakeCheck.returning("fake.api", Hop.API, CheckResult.pass("answered")));
  }

  private Scheduler start(Map<String, Doctor> doctors, Scheduler.Builder b) {
    scheduler = b.source(ProfileSource.of(doctors)).random(new SplittableRandom(1)).build().start();
    return scheduler;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void neverRunsOneProfileTwiceAtOnce() throws Exception {
    Occupancy occupancy = new Occupancy();
    Doctor slow =
        doctor(FakeCheck.behaving("fake.slow", Hop.API, ctx -> occupancy.hold(release, 0)));
    start(
        Map.of("slow", slow),
        Scheduler.builder().interval(Duration.ofMillis(20)).jitter(0).maxConcurrentRuns(8));

    await("three slots passed while the first run was running", () -> skipped("slow") >= 3);
    assertThat(occupancy.most.get()).isEqualTo(1);
    assertThat(scheduler.profile("slow").orElseThrow().running()).isTrue();

    release.countDown();
    await("runs go on once it finished", () -> runs("slow") >= 2);
    assertThat(occupancy.most.get()).isEqualTo(1);
  }

  @Test
  void neverRunsMoreThanTheBoundAtOnce() throws Exception {
    Occupancy occupancy = new Occupancy();
    Map<String, Doctor> six = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      six.put(
          "p" + i,
          doctor(FakeCheck.behaving("fake.slow", Hop.API, ctx -> occupancy.hold(null, 40))));
    }
    start(six, Scheduler.builder().interval(Duration.ofMillis(30)).maxConcurrentRuns(2));

    await(
        "every profile ran twice",
        () -> scheduler.profiles().stream().allMatch(p -> p.runs() >= 2));
    assertThat(occupancy.most.get()).isEqualTo(2);
  }

  @Test
  void onDemandRunsCountAgainstTheSameBound() throws Exception {
    Occupancy occupancy = new Occupancy();
    Doctor slow =
        doctor(FakeCheck.behaving("fake.slow", Hop.API, ctx -> occupancy.hold(release, 0)));
    start(
        Map.of("slow", slow, "other", passing()),
        Scheduler.builder().scheduled(false).maxConcurrentRuns(1));
    CompletableFuture.runAsync(() -> runNowUnchecked("slow", List.of()));
    await("the slow run holds the only slot", () -> occupancy.now.get() == 1);

    assertThatThrownBy(() -> scheduler.runNow("other", List.of(), Duration.ofMillis(300)))
        .isInstanceOf(TimeoutException.class)
        .hasMessage("all 1 runs were busy until the deadline");
    release.countDown();
    assertThat(scheduler.runNow("other", List.of(), Duration.ofSeconds(10)).status())
        .isEqualTo(DiagnosisStatus.HEALTHY);
  }

  @Test
  void runsEveryProfileAgainAndAgainAndRecordsItsLag() throws Exception {
    List<CompletedRun> seen = new CopyOnWriteArrayList<>();
    Map<String, Doctor> three = Map.of("a", passing(), "b", passing(), "c", passing());
    start(
        three,
        Scheduler.builder()
            .interval(Duration.ofMillis(50))
            .listener(
                new SchedulerListener() {
                  @Override
                  public void runFinished(CompletedRun run) {
                    seen.add(run);
                  }
                }));

    await(
        "each profile ran three times",
        () -> scheduler.profiles().stream().allMatch(p -> p.runs() >= 3));
    assertThat(scheduler.ready()).isTrue();
    ProfileState a = scheduler.profile("a").orElseThrow();
    assertThat(a.lastDiagnosis().status()).isEqualTo(DiagnosisStatus.HEALTHY);
    assertThat(a.lastRunLag()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(a.nextRunAt()).isNotNull();
    assertThat(seen).allMatch(r -> r.scheduled() && r.full() && !r.lag().isNegative());
    assertThat(seen.stream().filter(r -> r.profile().equals("a")).skip(1))
        .allMatch(r -> r.previous() != null);
  }

  @Test
  void isNotReadyUntilEveryProfileRanOnce() throws Exception {
    Doctor slow =
        doctor(FakeCheck.behaving("fake.slow", Hop.API, ctx -> new Occupancy().hold(release, 0)));
    start(
        Map.of("fast", passing(), "slow", slow),
        Scheduler.builder().interval(Duration.ofMillis(20)));
    await("the fast profile ran", () -> runs("fast") >= 1);
    assertThat(scheduler.ready()).isFalse();
    release.countDown();
    await("ready", scheduler::ready);
  }

  @Test
  void runNowRunsAtOnceAndOnlyAFullRunBecomesTheLastDiagnosis() throws Exception {
    FakeCheck api = FakeCheck.returning("fake.api", Hop.API, CheckResult.pass("answered"));
    FakeCheck backend =
        FakeCheck.returning("fake.backend", Hop.THREESCALE, CheckResult.fail("refused"));
    start(Map.of("shop", doctor(api, backend)), Scheduler.builder().scheduled(false));
    assertThat(scheduler.ready()).as("on-demand only: ready at once").isTrue();

    Diagnosis full = scheduler.runNow("shop", List.of(), Duration.ofSeconds(5));
    assertThat(full.status()).isEqualTo(DiagnosisStatus.FAILING);
    assertThat(scheduler.profile("shop").orElseThrow().lastDiagnosis()).isSameAs(full);

    Diagnosis partial = scheduler.runNow("shop", List.of("api"), Duration.ofSeconds(5));
    assertThat(partial.status()).isEqualTo(DiagnosisStatus.HEALTHY);
    assertThat(partial.results()).extracting(CheckResult::id).containsExactly("fake.api");
    ProfileState shop = scheduler.profile("shop").orElseThrow();
    assertThat(shop.lastDiagnosis()).isSameAs(full);
    assertThat(shop.runs()).isEqualTo(1);
    assertThat(shop.nextRunAt()).isNull();
  }

  @Test
  void runNowNamesWhatItCannotRun() throws Exception {
    ProfileSource source =
        () ->
            List.of(
                FleetProfile.of("good", passing()),
                FleetProfile.broken(
                    "bad", "bad.yaml", "bad.yaml: line 2: unknown key 'gatway'", 1));
    scheduler = Scheduler.builder().source(source).scheduled(false).build().start();

    assertThatThrownBy(() -> scheduler.runNow("nope", List.of(), Duration.ofSeconds(1)))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(() -> scheduler.runNow("bad", List.of(), Duration.ofSeconds(1)))
        .isInstanceOf(ProfileException.class)
        .hasMessage("bad.yaml: line 2: unknown key 'gatway'");
    assertThatThrownBy(() -> scheduler.runNow("good", List.of("nohop"), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nohop'");
    assertThat(scheduler.profile("good").orElseThrow().failedRuns()).isZero();
  }

  @Test
  void runNowStopsAtItsDeadline() throws Exception {
    Doctor hangs =
        doctor(FakeCheck.behaving("fake.hang", Hop.API, ctx -> new Occupancy().hold(release, 0)));
    start(Map.of("hangs", hangs), Scheduler.builder().scheduled(false));

    Diagnosis d =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> scheduler.runNow("hangs", List.of(), Duration.ofMillis(300)));
    assertThat(d.status()).isEqualTo(DiagnosisStatus.INCONCLUSIVE);
    CheckResult hang = d.result("fake.hang").orElseThrow();
    assertThat(hang.status()).isEqualTo(Status.ERROR);
    assertThat(hang.summary())
        .matches("the run's deadline of (29\\d|300)ms \\(timeouts.total\\) passed.*");
  }

  @Test
  void runNowJoinsAFullRunInProgressInsteadOfStartingAnother() throws Exception {
    FakeCheck slow =
        FakeCheck.behaving("fake.slow", Hop.API, ctx -> new Occupancy().hold(release, 0));
    start(Map.of("slow", doctor(slow)), Scheduler.builder().scheduled(false));

    CompletableFuture<Diagnosis> first =
        CompletableFuture.supplyAsync(() -> runNowUnchecked("slow", List.of()));
    await("the first run started", () -> slow.runs() == 1);
    CompletableFuture<Diagnosis> second =
        CompletableFuture.supplyAsync(() -> runNowUnchecked("slow", List.of()));
    Thread.sleep(100);
    release.countDown();

    assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
    assertThat(slow.runs()).isEqualTo(1);
  }

  @Test
  void runNowGivesUpWhenTheProfileIsBusyUntilTheDeadline() throws Exception {
    FakeCheck slow =
        FakeCheck.behaving("fake.slow", Hop.API, ctx -> new Occupancy().hold(release, 0));
    start(Map.of("slow", doctor(slow)), Scheduler.builder().scheduled(false));
    CompletableFuture.runAsync(() -> runNowUnchecked("slow", List.of()));
    await("the first run started", () -> slow.runs() == 1);

    assertThatThrownBy(() -> scheduler.runNow("slow", List.of("api"), Duration.ofMillis(200)))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("still running");
  }

  @Test
  void closeCancelsRunsThatOutlastTheGracePeriod() throws Exception {
    FakeCheck slow =
        FakeCheck.behaving("fake.slow", Hop.API, ctx -> new Occupancy().hold(release, 0));
    start(
        Map.of("slow", doctor(slow)),
        Scheduler.builder().interval(Duration.ofMillis(10)).shutdownGrace(Duration.ofMillis(100)));
    await("a run started", () -> slow.runs() == 1);

    assertTimeoutPreemptively(Duration.ofSeconds(10), scheduler::close);
    assertThat(scheduler.runsInProgress()).isZero();
    assertThat(scheduler.ready()).isFalse();
    assertThatThrownBy(() -> scheduler.runNow("slow", List.of(), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRunThatThrowsIsCountedAndTheScheduleGoesOn() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<String> failures = new CopyOnWriteArrayList<>();
    Doctor throwing =
        Doctor.builder()
            .useRegisteredChecks(false)
            .addCheck(FakeCheck.returning("fake.api", Hop.API, CheckResult.pass("answered")))
            .listener(
                new EngineListener() {
                  @Override
                  public void runStarted(List<CheckRun> planned) {
                    if (calls.incrementAndGet() % 2 == 1) {
                      throw new IllegalStateException("a bug in a listener of the engine");
                    }
                  }
                })
            .build();
    start(
        Map.of("t", throwing),
        Scheduler.builder()
            .interval(Duration.ofMillis(20))
            .listener(
                new SchedulerListener() {
                  @Override
                  public void runFailed(String profile, RuntimeException error) {
                    failures.add(profile + ": " + error.getMessage());
                  }

                  @Override
                  public void runFinished(CompletedRun run) {
                    throw new IllegalStateException("a listener's bug");
                  }
                }));
    await("runs went on after failures", () -> runs("t") >= 2 && failed("t") >= 1);
    assertThat(failures).first().isEqualTo("t: a bug in a listener of the engine");
  }

  private Diagnosis runNowUnchecked(String name, List<String> only) {
    try {
      return scheduler.runNow(name, only, Duration.ofSeconds(10));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long runs(String name) {
    return scheduler.profile(name).map(ProfileState::runs).orElse(0L);
  }

  private long skipped(String name) {
    return scheduler.profile(name).map(ProfileState::skippedRuns).orElse(0L);
  }

  private long failed(String name) {
    return scheduler.profile(name).map(ProfileState::failedRuns).orElse(0L);
  }
}
