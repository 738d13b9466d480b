package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.profile.Profile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteCommandTest {
  private static final String TOKEN = "SENTINEL-ADMIN-TOKEN-7f3a";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    return Main.execute(args, new PrintWriter(out), new PrintWriter(err), env);
  }

  @Test
  void addListRenameRemoveRoundTripsThroughTheToolboxFile() throws Exception {
    Path file = dir.resolve("rc.yaml");
    Map<String, String> env = Map.of("THREESCALE_CLI_CONFIG", file.toString());
    assertThat(run(env, "remote", "add", "prod", "https://" + TOKEN + "@t-admin.example.com"))
        .isZero();
    assertThat(Files.readString(file))
        .contains(":remotes:")
        .contains(":endpoint:")
        .contains(":authentication: '" + TOKEN + "'");
    assertThat(run(env, "remote", "list")).isZero();
    assertThat(out.toString()).contains("prod https://****7f3a@t-admin.example.com");
    assertThat(run(env, "remote", "rename", "prod", "production")).isZero();
    assertThat(run(env, "remote", "remove", "production")).isZero();
    out.getBuffer().setLength(0);
    assertThat(run(env, "remote", "list")).isZero();
    assertThat(out.toString()).contains("Empty remote list.");
    assertThat(out.toString() + err).doesNotContain(TOKEN);
  }

  @Test
  void configFileOptionOverridesTheEnvironment() throws Exception {
    Path file = dir.resolve("other.yaml");
    assertThat(
            run(
                Map.of(),
                "remote",
                "--config-file",
                file.toString(),
                "add",
                "a",
                "https://tok@a.example.com"))
        .isZero();
    assertThat(run(Map.of(), "remote", "list", "--config-file", file.toString())).isZero();
    assertThat(out.toString()).contains("a https://****@a.example.com");
  }

  @Test
  void badUrlAndUnknownRemoteAreOneLineErrors() {
    Map<String, String> env = Map.of("THREESCALE_CLI_CONFIG", dir.resolve("rc.yaml").toString());
    assertThat(run(env, "remote", "add", "x", "https://admin.example.com")).isEqualTo(2);
    assertThat(run(env, "remote", "remove", "nope")).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(2);
  }

  @Test
  void aProfileMayNameARemote() throws Exception {
    Path file = dir.resolve("rc.yaml");
    Files.writeString(
        file,
        "---\n:remotes:\n  prod:\n    :endpoint: https://t-admin.example.com\n"
            + "    :authentication: "
            + TOKEN
            + "\n");
    ProfileOptions options = new ProfileOptions();
    options.environment(
        new CliEnvironment(
            Map.of("THREESCALE_CLI_CONFIG", file.toString()),
            new PrintWriter(out),
            new PrintWriter(err)));
    options.admin = "prod";
    Profile profile = options.load();
    assertThat(profile.threescale().adminUrl())
        .contains("https://" + TOKEN + "@t-admin.example.com");
    assertThat(profile.secrets()).extracting(s -> s.reveal()).contains(TOKEN);
    options.admin = "missing";
    org.assertj.core.api.Assertions.assertThatThrownBy(options::load)
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("remote 'missing' not found");
  }
}
