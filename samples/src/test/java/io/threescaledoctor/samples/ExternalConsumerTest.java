package io.threescaledoctor.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * samples/consumer is someone else's application: a separate Maven project that imports diag-bom,
 * depends on diag-core and diag-checks, and adds a configurable check of its own on a dependency of
 * its own (its Redis). This test builds it as its author would, against the artifacts this build
 * just made, laid out as {@code mvn install} lays them out, offline: a private local repository
 * holds them, and every other artifact comes from the outer build's local repository through a
 * file: mirror. Its own tests (against a real redis-server) must pass; then its jar, as a plugin,
 * must show in {@code 3scale-doctor checks} and run in {@code 3scale-doctor run} through the
 * launcher.
 */
class ExternalConsumerTest {
  private static final String VERSION = "0.1.0";
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static Path work;
  private static Path consumerJar;
  private static String buildLog;

  @BeforeAll
  static void buildTheConsumerOfflineAgainstTheInstalledArtifacts() throws Exception {
    work = Files.createDirectories(ROOT.resolve("samples/target/external-consumer"));
    Path project = work.resolve("project");
    deleteTree(project);
    copyTree(ROOT.resolve("samples/consumer"), project);
    Path repo = Files.createDirectories(work.resolve("repo"));
    deleteTree(repo.resolve("io/threescaledoctor"));
    install(repo, "threescale-doctor-parent", ROOT.resolve("pom.xml"), null);
    install(repo, "diag-bom", ROOT.resolve("diag-bom/pom.xml"), null);
    for (String module : List.of("diag-core", "diag-checks")) {
      install(
          repo,
          module,
          ROOT.resolve(module + "/pom.xml"),
          ROOT.resolve(module + "/target/" + module + "-" + VERSION + ".jar"));
    }
    Path settings = work.resolve("settings.xml");
    Files.writeString(
        settings,
        "<settings><mirrors><mirror><id>outer-local-repository</id><mirrorOf>*</mirrorOf><url>"
            + Path.of(System.getProperty("outer.local.repository")).toUri()
            + "</url></mirror></mirrors></settings>\n");
    List<String> command =
        List.of(
            Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
            "-B",
            "-o",
            "-Daether.offline.protocols=file",
            "-s",
            settings.toString(),
            "-Dmaven.repo.local=" + repo,
            "verify");
    Path log = work.resolve("build.log");
    Process mvn =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean done = mvn.waitFor(15, TimeUnit.MINUTES);
    if (!done) {
      mvn.destroyForcibly().waitFor();
    }
    buildLog = Files.readString(log);
    assertThat(done).as("the consumer's build finished within 15 minutes").isTrue();
    assertThat(mvn.exitValue()).as("the consumer's build (%s):%n%s", log, tail(buildLog)).isZero();
    consumerJar = project.resolve("target/session-service-1.0.0.jar");
  }

  @Test
  void theConsumersOwnTestsRanAndPassed() {
    assertThat(buildLog)
        .contains("Running com.example.sessions.SessionStoreHealthTest")
        .containsPattern("Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0");
    assertThat(consumerJar).exists();
  }

  @Test
  void checksListsThePluginWithItsSettingsAndDependency() throws Exception {
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    Files.copy(
        consumerJar, plugins.resolve("session-service.jar"), StandardCopyOption.REPLACE_EXISTING);

    String[] viaPath = launch(Map.of(), "checks", "--plugin-path", plugins.toString());
    String[] viaVariable =
        launch(Map.of("THREESCALE_DOCTOR_CLASSPATH", consumerJar.toString()), "checks");

    for (String[] r : List.of(viaPath, viaVariable)) {
      assertThat(r[0]).as(r[1]).isEqualTo("0");
      assertThat(r[1])
          .contains("myapp.redis-ping")
          .contains("application dependency session-store (Redis that holds the sessions)")
          .contains("extensions.myapp.redis.url  url, required");
    }
  }

  @Test
  void runRunsThePluginWithItsSettingsAndNamesItsOwnCause() throws Exception {
    // Bound without listening for the whole test: refuses at once, and no other process can
    // take it meanwhile.
    try (Socket held = new Socket()) {
      held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int deadPort = held.getLocalPort();

      String[] r =
          launch(
              Map.of("THREESCALE_DOCTOR_CLASSPATH", consumerJar.toString()),
              "run",
              "--set",
              "extensions.myapp.redis.url=redis://127.0.0.1:" + deadPort,
              "--set",
              "extensions.myapp.redis.password=SENTINEL-cli-pass-1234",
              "--only",
              "myapp.redis-ping",
              "--format",
              "json");

      assertThat(r[0]).as(r[1] + r[2]).isEqualTo("1");
      assertThat(r[1])
          .contains("\"dependency\" : \"session-store\"")
          .contains("\"cause\" : \"session-store-unreachable\"")
          .contains("\"failingDependencies\" : [ \"session-store\" ]")
          .contains("Start the session store")
          .doesNotContain("SENTINEL-cli-pass-1234");
    }
  }

  @Test
  void aSettingThePluginDoesNotDeclareIsBadInput() throws Exception {
    String[] r =
        launch(
            Map.of("THREESCALE_DOCTOR_CLASSPATH", consumerJar.toString()),
            "run",
            "--set",
            "extensions.myapp.redis.uri=redis://127.0.0.1:1");

    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).contains("extensions.myapp.redis.uri: unknown setting");
  }

  /** Runs the launcher; returns exit code, stdout and stderr. */
  private static String[] launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("3scale-doctor").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("THREESCALE_DOCTOR_CLASSPATH");
    builder.environment().put("NO_COLOR", "1");
    builder.environment().putAll(env);
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the launcher finished").isTrue();
    return new String[] {
      String.valueOf(p.exitValue()),
      Files.readString(out, StandardCharsets.UTF_8),
      Files.readString(err, StandardCharsets.UTF_8)
    };
  }

  /** Lays a pom (and jar) out as mvn install does. */
  private static void install(Path repo, String artifactId, Path pom, Path jar) throws IOException {
    Path dir =
        Files.createDirectories(repo.resolve("io/threescaledoctor/" + artifactId + "/" + VERSION));
    Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"));
    if (jar != null) {
      assertThat(jar).as("built by this build's package phase").exists();
      Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"));
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.filter(f -> !f.toString().contains("/target")).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String tail(String log) {
    return log.length() <= 6000 ? log : log.substring(log.length() - 6000);
  }
}
