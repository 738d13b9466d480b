package io.threescaledoctor.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.cli.demo.DemoFault;
import io.threescaledoctor.cli.demo.DemoWorld;
import io.threescaledoctor.core.fleet.ProfileState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing the profile files while {@code serve} runs: a file broken by the edit shows in the
 * metrics, the index page and the log while every profile keeps running; fixing it, adding and
 * removing files take effect without a restart.
 */
class ServeReloadTest {
  @TempDir Path dir;
  private DemoWorld world;
  private ServeFixture fx;
  private String good;

  @BeforeEach
  void start() throws Exception {
    world = DemoWorld.start(DemoFault.NONE, ServeFixture.patientDemo(), Clock.systemUTC());
    good = Files.readString(world.profile());
    Files.writeString(dir.resolve("eu.yaml"), good);
    Files.writeString(dir.resolve("us.yaml"), good);
    fx = ServeFixture.start(ServeFixture.settings(dir, Map.of()));
    fx.await("both ran", fx.serve.scheduler()::ready);
  }

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aFileBrokenByAnEditIsReportedWhileEveryProfileKeepsRunning() throws Exception {
    Files.writeString(dir.resolve("us.yaml"), good + "\nunknownSection: {a: 1}\n");

    fx.await(
        "the change was picked up",
        () -> !fx.serve.scheduler().profile("us").map(ProfileState::valid).orElse(true));
    assertThat(fx.get("/metrics").body())
        .contains("threescale_doctor_profile_valid{profile=\"us\"} 0.0")
        .contains("threescale_doctor_profile_valid{profile=\"eu\"} 1.0")
        .contains("threescale_doctor_config_last_reload_successful 0.0");
    assertThat(fx.get("/").body())
        .contains("unknown key &#39;unknownSection&#39;")
        .contains("Still running as it last loaded.");
    assertThat(fx.log())
        .contains("msg=\"Profiles loaded\" trigger=\"file change\"")
        .contains("msg=\"Profile does not load\" profile=us");
    long usRuns = runs("us");
    long euRuns = runs("eu");
    fx.await("both keep running", () -> runs("us") > usRuns + 1 && runs("eu") > euRuns + 1);

    Files.writeString(dir.resolve("us.yaml"), good);
    fx.await(
        "the fix was picked up",
        () -> fx.serve.scheduler().profile("us").map(ProfileState::valid).orElse(false));
    assertThat(fx.get("/metrics").body())
        .contains("threescale_doctor_config_last_reload_successful 1.0");
  }

  @Test
  void addedAndRemovedFilesStartAndStopTheirProfiles() throws Exception {
    Files.writeString(dir.resolve("ap.yaml"), good);
    Files.delete(dir.resolve("eu.yaml"));

    fx.await(
        "ap ran and eu is gone",
        () -> runs("ap") > 0 && fx.serve.scheduler().profile("eu").isEmpty());
    String metrics = fx.get("/metrics").body();
    assertThat(metrics)
        .contains("threescale_doctor_hop_up{hop=\"api\",profile=\"ap\"} 1.0")
        .doesNotContain("profile=\"eu\"");
  }

  @Test
  void aReloadAskedOverHttpSaysWhatChanged() throws Exception {
    Files.writeString(dir.resolve("eu.yaml"), "api: [\n");
    var r = fx.post("/-/reload");
    // The watcher may have reloaded first: either way the file is now broken.
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).contains("1 broken").contains("eu: ").contains("eu.yaml");
  }

  private long runs(String name) {
    return fx.serve.scheduler().profile(name).map(ProfileState::runs).orElse(0L);
  }
}
