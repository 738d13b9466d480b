package io.threescaledoctor.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.testing.FakeCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFilesTest {
  private static final String GOOD = "api:\n  url: http://127.0.0.1:9\n";

  @TempDir Path dir;

  private ProfileFiles files(Path... paths) {
    return ProfileFiles.of(List.of(paths))
        .withDoctor(
            b ->
                b.useRegisteredChecks(false)
                    .addCheck(FakeCheck.returning("fake.api", Hop.API, CheckResult.pass("ok"))));
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void namesEachProfileByItsFileAndReadsOnlyTheYamlFilesOfADirectory() throws Exception {
    write("prod-eu.yaml", GOOD);
    write("staging.yml", GOOD);
    write("README.md", "# not a profile");
    write(".editor-backup.yaml", GOOD);
    write("old/archived.yaml", GOOD);

    List<FleetProfile> loaded = files(dir).load();

    assertThat(loaded).extracting(FleetProfile::name).containsExactly("prod-eu", "staging");
    assertThat(loaded).allMatch(p -> p.doctor() != null && p.error() == null);
    assertThat(loaded.get(0).source()).isEqualTo(dir.resolve("prod-eu.yaml").toString());
  }

  @Test
  void aFileNamedOnTheCommandLineNeedsNoYamlExtension() throws Exception {
    Path file = write("shop.profile", GOOD);
    assertThat(files(file).load()).extracting(FleetProfile::name).containsExactly("shop");
  }

  @Test
  void aBrokenFileIsAnEntryWithItsReasonWhileTheOthersLoad() throws Exception {
    write("good.yaml", GOOD);
    write("bad.yaml", "api:\n  url: http://127.0.0.1:9\ngatway:\n  url: x\n");

    List<FleetProfile> loaded = files(dir).load();

    FleetProfile bad =
        loaded.stream().filter(p -> p.name().equals("bad")).findFirst().orElseThrow();
    assertThat(bad.doctor()).isNull();
    assertThat(bad.error()).contains("bad.yaml").contains("gatway").doesNotContain("\n");
    assertThat(
            loaded.stream().filter(p -> p.name().equals("good")).findFirst().orElseThrow().doctor())
        .isNotNull();
  }

  @Test
  void twoFilesWithOneNameAreReportedInsteadOfOneHidingTheOther() throws Exception {
    Path first = write("eu/shop.yaml", GOOD);
    Path second = write("us/shop.yml", GOOD);

    List<FleetProfile> loaded = files(dir.resolve("eu"), dir.resolve("us")).load();

    assertThat(loaded).hasSize(1);
    assertThat(loaded.get(0).error())
        .contains("'shop' is taken by several files")
        .contains(first.toString())
        .contains(second.toString());
  }

  @Test
  void aPathThatDoesNotExistIsABrokenEntry() throws Exception {
    List<FleetProfile> loaded = files(dir.resolve("nope.yaml")).load();
    assertThat(loaded)
        .singleElement()
        .satisfies(p -> assertThat(p.error()).contains("no such profile file"));
  }

  @Test
  void theVersionChangesWithTheBytesOnly() throws Exception {
    Path file = write("shop.yaml", GOOD);
    Object before = files(file).load().get(0).version();
    assertThat(files(file).load().get(0).version()).isEqualTo(before);
    Files.writeString(file, GOOD + "client:\n  path: /hello\n");
    assertThat(files(file).load().get(0).version()).isNotEqualTo(before);
  }

  @Test
  void watchingCallsBackWhenAProfileFileChanges() throws Exception {
    write("shop.yaml", GOOD);
    AtomicInteger calls = new AtomicInteger();
    AutoCloseable watch = files(dir).watch(calls::incrementAndGet);
    try {
      write("shop.yaml", GOOD + "client:\n  path: /hello\n");
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (calls.get() == 0 && System.nanoTime() < end) {
        Thread.sleep(20);
      }
    } finally {
      watch.close();
    }
    assertThat(calls.get()).isPositive();
  }

  @Test
  void aSchedulerReloadKeepsABrokenProfileRunningAsItLastLoaded() throws Exception {
    write("a.yaml", GOOD);
    Path b = write("b.yaml", GOOD);
    write("never.yaml", "api: [\n");
    try (Scheduler scheduler =
        Scheduler.builder().source(files(dir)).interval(Duration.ofMillis(20)).build().start()) {
      await(scheduler, "a and b ran", () -> runs(scheduler, "a") > 0 && runs(scheduler, "b") > 0);
      assertThat(scheduler.lastReload().orElseThrow().broken()).containsOnlyKeys("never");
      assertThat(scheduler.profile("never").orElseThrow().doctor()).isNull();

      Files.writeString(b, "api:\n  url: [unclosed\n");
      ReloadReport broke = scheduler.reload();
      assertThat(broke.successful()).isFalse();
      assertThat(broke.broken()).containsOnlyKeys("b", "never");
      assertThat(broke.changed()).isEmpty();
      ProfileState brokenB = scheduler.profile("b").orElseThrow();
      assertThat(brokenB.valid()).isFalse();
      assertThat(brokenB.loadError()).contains("b.yaml");
      assertThat(brokenB.doctor()).as("the last good version").isNotNull();
      long before = runs(scheduler, "b");
      await(scheduler, "b still runs", () -> runs(scheduler, "b") > before + 1);

      Files.writeString(b, GOOD + "client:\n  path: /fixed\n");
      write("c.yaml", GOOD);
      Files.delete(dir.resolve("a.yaml"));
      ReloadReport fixed = scheduler.reload();
      assertThat(fixed.changed()).containsExactly("b");
      assertThat(fixed.added()).containsExactly("c");
      assertThat(fixed.removed()).containsExactly("a");
      assertThat(fixed.broken()).containsOnlyKeys("never");
      assertThat(scheduler.profile("b").orElseThrow().valid()).isTrue();
      assertThat(scheduler.profile("b").orElseThrow().doctor().profile().client().path())
          .isEqualTo("/fixed");
      assertThat(scheduler.profiles())
          .extracting(ProfileState::name)
          .containsExactly("b", "c", "never");
      await(scheduler, "c ran", () -> runs(scheduler, "c") > 0);
      assertThat(runs(scheduler, "never")).isZero();
    }
  }

  private static long runs(Scheduler s, String name) {
    return s.profile(name).map(ProfileState::runs).orElse(0L);
  }

  private static void await(Scheduler s, String what, java.util.function.BooleanSupplier ok)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting until " + what + ": " + s.profiles());
      }
      Thread.sleep(10);
    }
  }
}
