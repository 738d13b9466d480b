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
import javax.tools.ToolProvider;
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
  void checkoutWithAProbeJar() throws Exception {
    Path launcher = checkout.resolve("3scale-doctor");
    Files.copy(Path.of("..", "3scale-doctor"), launcher);
    launcher.toFile().setExecutable(true);
    jar = checkout.resolve("diag-cli/target/3scale-doctor.jar");
    archive = checkout.resolve("diag-cli/target/3scale-doctor.jsa");
    Files.createDirectories(jar.getParent());
    writeProbeJar(null);
  }

  /**
   * The probe as the launcher's jar, behind a main class of the doctor's name (the launcher starts
   * {@code io.threescaledoctor.cli.Main} from its class path); {@code extra} names an additional,
   * empty entry.
   */
  private void writeProbeJar(String extra) throws Exception {
    Path main = mainDelegatingToTheProbe();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream probe = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      probe.transferTo(out);
      out.closeEntry();
      out.putNextEntry(new JarEntry("io/threescaledoctor/cli/Main.class"));
      out.write(Files.readAllBytes(main));
      out.closeEntry();
      if (extra != null) {
        out.putNextEntry(new JarEntry(extra));
        out.closeEntry();
      }
    }
  }

  /** Compiles {@code io.threescaledoctor.cli.Main} calling the probe; returns its class file. */
  private Path mainDelegatingToTheProbe() throws IOException {
    Path src = checkout.resolve("probe-src/io/threescaledoctor/cli/Main.java");
    Path out = checkout.resolve("probe-classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(out);
    Files.writeString(
        src,
        "package io.threescaledoctor.cli;\n"
            + "public final class Main {\n"
            + "  public static void main(String[] args) throws Exception {\n"
            + "    "
            + LauncherProbe.class.getName()
            + ".main(args);\n"
            + "  }\n"
            + "}\n");
    String probeClasses =
        Path.of(LauncherProbe.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toString();
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                out.toString(),
                "-cp",
                probeClasses,
                "--release",
                "17",
                src.toString());
    assertThat(status).as("javac of the probe's Main").isZero();
    return out.resolve("io/threescaledoctor/cli/Main.class");
  }

  @Test
  void putsThreescaleDoctorClasspathAfterTheJar() throws Exception {
    String out = launch(Map.of("THREESCALE_DOCTOR_CLASSPATH", "/opt/a.jar:/opt/classes"), "checks");

    assertThat(out).contains("classpath=" + jar + ":/opt/a.jar:/opt/classes");
    assertThat(out).contains("args=checks\n");
  }

  @Test
  void addsEveryJarOfAPluginPathAndDoesNotPassTheOptionOn() throws Exception {
    Path plugins = Files.createDirectories(checkout.resolve("plugins"));
    Files.write(plugins.resolve("one.jar"), new byte[0]);
    Files.write(plugins.resolve("two.jar"), new byte[0]);
    Files.writeString(plugins.resolve("notes.txt"), "not a jar");

    String out = launch(Map.of(), "run", "--plugin-path", plugins.toString(), "-c", "p.yaml");

    String classpath =
        out.lines().filter(l -> l.startsWith("classpath=")).findFirst().orElseThrow();
    assertThat(classpath)
        .startsWith("classpath=" + jar)
        .contains(plugins.resolve("one.jar").toString())
        .contains(plugins.resolve("two.jar").toString())
        .doesNotContain("notes.txt");
    assertThat(out).contains("args=run -c p.yaml\n");
  }

  @Test
  void aPluginPathThatIsNoDirectoryIsBadInput() throws Exception {
    Process p =
        new ProcessBuilder(
                checkout.resolve("3scale-doctor").toString(),
                "checks",
                "--plugin-path",
                checkout.resolve("nowhere").toString())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .startsWith("3scale-doctor: --plugin-path " + checkout.resolve("nowhere"))
        .contains("not a directory");
    assertThat(p.exitValue()).isEqualTo(2);
  }

  @Test
  void theClassDataArchiveServesRunsWithPluginsToo() throws Exception {
    launch(Map.of());
    Path log = checkout.resolve("class-load.log");
    Path plugins = Files.createDirectories(checkout.resolve("plugins"));
    Files.write(plugins.resolve("one.jar"), new byte[0]);

    launch(
        Map.of("THREESCALE_DOCTOR_JAVA_OPTS", "-Xlog:class+load=info:file=" + log),
        "--plugin-path",
        plugins.toString());

    assertThat(Files.readString(log))
        .as("the probe's classes come from the archive made without the plugin")
        .contains("LauncherProbe source: shared objects file");
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
