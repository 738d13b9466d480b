package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BundleReaderTest {
  @TempDir Path dir;

  private final BundleReader reader = new BundleReader(Clock.systemUTC());

  static Stream<Arguments> installations() {
    return Stream.of(
        Arguments.of("healthy", (UnaryOperator<FakeInstallation>) f -> f),
        Arguments.of(
            "backend-listener crash-looping",
            (UnaryOperator<FakeInstallation>) FakeInstallation::backendListenerCrashLooping),
        Arguments.of(
            "apicast not ready",
            (UnaryOperator<FakeInstallation>) FakeInstallation::apicastNotReady),
        Arguments.of(
            "route not admitted",
            (UnaryOperator<FakeInstallation>) FakeInstallation::productionRouteNotAdmitted),
        Arguments.of(
            "public base URL outside",
            (UnaryOperator<FakeInstallation>) FakeInstallation::publicBaseUrlOutsideWildcard),
        Arguments.of(
            "workers above CPU",
            (UnaryOperator<FakeInstallation>) FakeInstallation::apicastWorkersAboveCpu),
        Arguments.of(
            "portal endpoint secret missing",
            (UnaryOperator<FakeInstallation>) FakeInstallation::portalEndpointSecretMissing));
  }

  /** What two paths must agree on: every result's id, status, hop and cause. */
  static List<String> findings(Diagnosis d) {
    return d.results().stream()
        .map(r -> r.id() + " " + r.status() + " " + r.hop() + " " + r.cause().orElse("-"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("installations")
  void aBundleDirectoryAndItsTarGzGiveTheFindingsTheLiveApiGives(
      String name, UnaryOperator<FakeInstallation> fault) {
    FakeInstallation f = fault.apply(FakeInstallation.healthy());
    Path bundle = FakeBundle.directory(f, dir.resolve("dir"));
    Path tgz = FakeBundle.tarGz(bundle, dir.resolve("must-gather.tar.gz"));
    List<String> fromDir =
        findings(ClusterRun.diagnose(reader.read(bundle, null, Duration.ofHours(1))));
    List<String> fromTar =
        findings(ClusterRun.diagnose(reader.read(tgz, null, Duration.ofHours(1))));
    List<String> live;
    try (FakeCluster cluster = new FakeCluster(fault.apply(FakeInstallation.healthy()))) {
      live = findings(ClusterRun.diagnose(LiveReaderTest.read(cluster, dir)));
    }
    assertThat(fromDir).isEqualTo(live);
    assertThat(fromTar).isEqualTo(fromDir);
    assertThat(fromDir).isEqualTo(findings(ClusterRun.diagnose(f.installation())));
  }

  @Test
  void readsGatherTimeNamespaceLogsAndSecretKeysWithoutValues() {
    Path bundle =
        FakeBundle.directory(FakeInstallation.healthy().backendListenerCrashLooping(), dir);
    Installation inst = reader.read(bundle, null, Duration.ofHours(1));
    assertThat(inst.observedAt()).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
    assertThat(inst.namespace()).isEqualTo("3scale");
    assertThat(inst.source()).startsWith("bundle ");
    assertThat(inst.secret("system-seed").orElseThrow().keys()).contains("ADMIN_ACCESS_TOKEN");
    assertThat(inst.credentials()).isEmpty();
    Installation.ContainerLog previous =
        inst.logs().stream().filter(Installation.ContainerLog::previous).findFirst().orElseThrow();
    assertThat(previous.container()).isEqualTo("backend-listener");
    assertThat(new String(previous.text(), StandardCharsets.UTF_8))
        .startsWith("[2026-11-27 11:58:29] Starting backend listener\n")
        .doesNotContain("2026-11-27T11:50:00.000000000Z");
  }

  @Test
  void keepsOnlyLogLinesWithinTheWindowBeforeTheGatherTime() {
    byte[] log =
        ("2026-11-27T09:00:00Z old line\n2026-11-27T11:30:00.5Z new line\nno timestamp\n")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(
            new String(
                BundleReader.lines(log, Instant.parse("2026-11-27T11:00:00Z")),
                StandardCharsets.UTF_8))
        .isEqualTo("new line\nno timestamp\n");
  }

  @Test
  void aDirectoryThatIsNoBundleIsOneLine() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "hello");
    assertThatThrownBy(() -> reader.read(dir, null, Duration.ofHours(1)))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("no namespaces/NAMESPACE/ resource files inside");
  }

  @Test
  void aTruncatedArchiveIsOneLine() throws Exception {
    Path bundle = FakeBundle.directory(FakeInstallation.healthy(), dir.resolve("d"));
    Path tgz = FakeBundle.tarGz(bundle, dir.resolve("b.tar.gz"));
    byte[] bytes = Files.readAllBytes(tgz);
    Path cut = dir.resolve("cut.tar.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> reader.read(cut, null, Duration.ofHours(1)))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("cut.tar.gz");
    Path binary = dir.resolve("random.bin");
    Files.write(binary, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertThatThrownBy(() -> reader.read(binary, null, Duration.ofHours(1)))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("not a must-gather directory or a .tar/.tar.gz");
  }

  @Test
  void aBrokenResourceFileIsANoteNotAFailure() throws Exception {
    Path bundle = FakeBundle.directory(FakeInstallation.healthy(), dir);
    Path events;
    try (Stream<Path> s = Files.walk(bundle)) {
      events = s.filter(p -> p.endsWith("core/events.yaml")).findFirst().orElseThrow();
    }
    Files.writeString(events, "items: [unclosed\n  - {");
    Installation inst = reader.read(bundle, null, Duration.ofHours(1));
    assertThat(inst.notes()).singleElement().asString().contains("core/events.yaml");
    CheckResult inventory = ClusterRun.result(ClusterRun.diagnose(inst), "cluster.inventory");
    assertThat(inventory.evidence().get("notes")).contains("core/events.yaml");
  }

  @Test
  void namesTheNamespacesWhenNoneIsAskedAndSeveralHold3scale() throws Exception {
    Path bundle = FakeBundle.directory(FakeInstallation.healthy(), dir);
    Path ns;
    try (Stream<Path> s = Files.walk(bundle)) {
      ns = s.filter(p -> p.endsWith("namespaces/3scale")).findFirst().orElseThrow();
    }
    copy(ns, ns.resolveSibling("3scale-staging"));
    assertThatThrownBy(() -> reader.read(bundle, null, Duration.ofHours(1)))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("[3scale, 3scale-staging]")
        .hasMessageContaining("--namespace");
    assertThatThrownBy(() -> reader.read(bundle, "prod", Duration.ofHours(1)))
        .hasMessageContaining("holds no namespace prod");
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.writeString(
              target,
              Files.readString(p)
                  .replaceAll(
                      "namespace: \"?3scale\"?\n", "namespace: " + to.getFileName() + "\n"));
        }
      }
    }
  }
}
