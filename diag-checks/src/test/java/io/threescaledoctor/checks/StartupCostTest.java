package io.threescaledoctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.Doctor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Building the standard Doctor loads every check but runs none, so no check may make heavy things
 * (a Jackson mapper, a catalog, a client) before it runs: a fresh JVM builds one and lists the
 * classes it loaded. bench/embed-startup.sh measures the time; this keeps the cause away.
 */
class StartupCostTest {

  /** Builds the standard Doctor, nothing else; run in a fresh JVM by the test. */
  public static final class BuildOnly {
    public static void main(String[] args) throws Exception {
      Doctor.builder().build();
    }
  }

  @Test
  void buildingTheStandardDoctorMakesNoObjectMapperAndReadsNoCatalog() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xlog:class+load=info",
                "-cp",
                System.getProperty("java.class.path"),
                BuildOnly.class.getName())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(log.substring(Math.max(0, log.length() - 2000))).isZero();

    assertThat(log)
        .as("classes loaded while building the standard Doctor")
        .contains("io.threescaledoctor.checks.apicast.ApicastStatusCheck ")
        .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper ")
        .doesNotContain("org.yaml.snakeyaml.")
        .doesNotContain("io.threescaledoctor.checks.threescale.BackendErrorCatalog ")
        .doesNotContain("io.threescaledoctor.checks.logs.LogMessageCatalog ");
    long jackson = log.lines().filter(l -> l.contains(" com.fasterxml.jackson.databind.")).count();
    assertThat(jackson).as("Jackson databind classes loaded").isLessThan(60);
  }
}
