package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.cluster.FakeBundle;
import io.threescaledoctor.checks.cluster.FakeCluster;
import io.threescaledoctor.checks.cluster.FakeInstallation;
import io.threescaledoctor.core.report.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static List<String> findings(String json) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode r : JSON.readTree(json).path("results")) {
      out.add(
          r.path("id").asText()
              + " "
              + r.path("status").asText()
              + " "
              + r.path("hop").asText()
              + " "
              + r.path("cause").asText());
    }
    return out;
  }

  @Test
  void aBundleAndItsArchiveGiveWhatTheClusterCommandGives() throws Exception {
    FakeInstallation f = FakeInstallation.healthy().portalEndpointSecretMissing();
    Path bundle = FakeBundle.directory(f, dir.resolve("gathered"));
    Path tgz = FakeBundle.tarGz(bundle, dir.resolve("must-gather.tar.gz"));
    CliRun fromDir = CliRun.of("bundle", bundle.toString(), "--format", "json");
    CliRun fromTar = CliRun.of("bundle", tgz.toString(), "--format", "json", "-n", "3scale");
    assertThat(fromDir.exit()).as(fromDir.err()).isEqualTo(ExitCode.FAILING);
    assertThat(fromTar.exit()).isEqualTo(ExitCode.FAILING);
    JsonNode report = JSON.readTree(fromDir.out());
    assertThat(report.path("diagnosis").path("likelyFailurePoint").asText()).isEqualTo("gateway");
    assertThat(findings(fromTar.out())).isEqualTo(findings(fromDir.out()));
    try (FakeCluster cluster =
        new FakeCluster(FakeInstallation.healthy().portalEndpointSecretMissing())) {
      CliRun live =
          CliRun.of(
              Map.of("KUBECONFIG", cluster.kubeconfig(dir).toString()),
              "cluster",
              "--cluster-only",
              "--format",
              "json");
      assertThat(findings(live.out())).isEqualTo(findings(fromDir.out()));
    }
  }

  @Test
  void printsTheProfileOfTheBundleWithoutSecrets() {
    Path bundle = FakeBundle.directory(FakeInstallation.healthy(), dir);
    CliRun run = CliRun.of("bundle", bundle.toString(), "--print-profile");
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("admin: https://${THREESCALE_ADMIN_TOKEN}@3scale-admin.apps.example.com")
        .doesNotContain(FakeInstallation.ADMIN_TOKEN);
  }

  @Test
  void aPathThatIsNoBundleIsExitTwoWithOneLine() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "just notes\n");
    CliRun run = CliRun.of("bundle", text.toString());
    assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(run.err().lines().count()).isEqualTo(1);
    assertThat(run.err()).contains("not a must-gather directory or a .tar/.tar.gz");
    CliRun missing = CliRun.of("bundle", dir.resolve("nothing-here").toString());
    assertThat(missing.exit()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(missing.err()).contains("no such directory or file");
  }
}
