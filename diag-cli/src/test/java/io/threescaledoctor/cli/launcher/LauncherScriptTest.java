package io.threescaledoctor.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code 3scale-doctor} launcher in a checkout of its own whose jar is a probe, so what the
 * launcher hands the JVM can be seen: the serial collector and later compilation unless told
 * otherwise, a class-data archive made once per jar, the arguments untouched.
 */
class LauncherScriptTest {
  @TempDir Path checkout;
  private Path jar;
  private Path archive;

  @BeforeEach
  void checkoutWithAProbeJar() throws IOException {
    Path launcher = checkout.resolve("3scale-doctor");
    Files.copy(Path.of("..", "3scale-doctor"), launcher);
    launcher.toFile().setExecutable(true);
    jar = checkout.resolve("diag-cli/target/3scale-doctor.jar");
    archive = checkout.resolve("diag-cli/target/3scale-doctor.jsa");
    Files.createDirectories(jar.getParent());
    writeProbeJar(null);
  }

  /** The probe as the launcher's jar; {@code extra} names an additional, empty entry. */
  private void writeProbeJar(String extra) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
    String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream probe = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      probe.transferTo(out);
      out.closeEntry();
      if (extra != null) {
        out.putNextEntry(new JarEntry(extra));
        out.closeEntry();
      }
    }
  }

  @Test
  void runsTheJarWithTheSerialCollectorAndTheArgumentsAsGiven() throws Exception {
    String out = launch(Map.of(), "logs", "a file.log", "--format", "json");

    assertThat(out).contains("args=logs a file.log --format json");
    assertThat(out).contains("collectors=[Copy, MarkSweepCompact]");
  }

  @Test
  void leavesTheCollectorToTheUserWhenTheyChooseOne() throws Exception {
    String out = launch(Map.of("THREESCALE_DOCTOR_JAVA_OPTS", "-XX:+UseParallelGC -Xmx64m"));

    assertThat(out).contains("PS Scavenge").doesNotContain("Copy");
  }

  @Test
  void compilesWithTheQuickCompilerOnlyUnlessTheUserSaysOtherwise() throws Exception {
    assertThat(launch(Map.of())).contains("-XX:TieredStopAtLevel=1");

    String out = launch(Map.of("THREESCALE_DOCTOR_JAVA_OPTS", "-XX:TieredStopAtLevel=4"));
    String jvm = out.lines().filter(l -> l.startsWith("jvm=")).findFirst().orElseThrow();
    assertThat(jvm.lastIndexOf("TieredStopAtLevel=4"))
        .as("the user's option comes last, so it wins: %s", jvm)
        .isGreaterThan(jvm.indexOf("TieredStopAtLevel=1"));
  }

  @Test
  void makesTheClassDataArchiveOnceAndAgainWhenTheJarChanges() throws Exception {
    launch(Map.of());
    assertThat(archive).exists();

    Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
    FileTime aged = Files.getLastModifiedTime(archive);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(120)));
    launch(Map.of());
    assertThat(Files.getLastModifiedTime(archive))
        .as("kept while newer than the jar")
        .isEqualTo(aged);

    Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
    launch(Map.of());
    assertThat(Files.getLastModifiedTime(archive)).isNotEqualTo(aged);
  }

  @Test
  void runsWithoutAnArchiveItCannotUseAndSaysNothing() throws Exception {
    launch(Map.of());
    // Another jar under the same name, older than the archive: the archive was made for the old
    // one, so the JVM refuses it, and the launcher does not make a new one.
    writeProbeJar("another entry");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(120)));
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));

    String out = launch(Map.of(), "run");

    assertThat(out)
        .startsWith("args=run")
        .as("no JVM log line, such as the CDS complaint about the archive")
        .doesNotContainPattern("(?m)^\\[");
  }

  private String launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(checkout.resolve("3scale-doctor").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("THREESCALE_DOCTOR_JAVA_OPTS");
    builder.environment().putAll(env);
    Process p = builder.start();
    p.getOutputStream().close();
    boolean done = p.waitFor(60, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(done).as("launcher finished: %s", out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
