package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {
  @TempDir Path dir;

  private static final String CLUSTERS =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: c
        cluster: {server: "https://api.one.example:6443", certificate-authority: ca.crt}
      contexts:
      - name: one
        context: {cluster: c, user: u, namespace: 3scale}
      - name: bare
        context: {cluster: c, user: u}
      users:
      - name: u
        user: {token: t}
      """;

  private Kubeconfig resolve(Map<String, String> env, Path file, String context, String namespace) {
    return Kubeconfig.resolve(
        env::get, file, context, namespace, Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void theFirstFileOfTheListSetsTheCurrentContextAndRelativePathsFollowTheirFile()
      throws Exception {
    Path first = dir.resolve("a");
    Files.writeString(first, "apiVersion: v1\nkind: Config\ncurrent-context: one\n");
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.writeString(
        sub.resolve("b"),
        CLUSTERS.replace("namespace: 3scale", "namespace: ignored-by-first-wins"));
    Path third = dir.resolve("c");
    Files.writeString(third, CLUSTERS.replace("current-context", "x"));
    Files.writeString(sub.resolve("ca.crt"), "not used here");
    Kubeconfig kc =
        resolve(
            Map.of("KUBECONFIG", first + ":" + sub.resolve("b") + ":" + third), null, null, null);
    assertThat(kc.contextName()).isEqualTo("one");
    assertThat(kc.namespace()).isEqualTo("ignored-by-first-wins");
    assertThat(kc.server()).isEqualTo("https://api.one.example:6443");
    assertThat(kc.config().getCaCertFile()).isEqualTo(sub.resolve("ca.crt").toString());
    assertThat(kc.config().getRequestTimeout()).isEqualTo(4000);
    assertThat(kc.config().getRequestRetryBackoffLimit()).isZero();
  }

  @Test
  void aContextWithoutNamespaceMeansDefaultAndTheFlagWins() throws Exception {
    Path f = dir.resolve("config");
    Files.writeString(f, CLUSTERS);
    assertThat(resolve(Map.of(), f, "bare", null).namespace()).isEqualTo("default");
    assertThat(resolve(Map.of(), f, "one", "prod").namespace()).isEqualTo("prod");
  }

  @Test
  void homeKubeconfigIsTheLastResortAndItsAbsenceIsNamed() throws Exception {
    assertThatThrownBy(() -> resolve(Map.of("HOME", dir.toString()), null, null, null))
        .isInstanceOf(ClusterAccessException.class)
        .hasMessageContaining("no kubeconfig");
    Files.createDirectories(dir.resolve(".kube"));
    Files.writeString(dir.resolve(".kube/config"), CLUSTERS);
    assertThatThrownBy(() -> resolve(Map.of("HOME", dir.toString()), null, null, null))
        .hasMessageContaining("no current context")
        .hasMessageContaining("[one, bare]");
    assertThat(resolve(Map.of("HOME", dir.toString()), null, "one", null).namespace())
        .isEqualTo("3scale");
  }

  @Test
  void aListOfMissingFilesIsNamed() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of("KUBECONFIG", dir.resolve("x") + ":" + dir.resolve("y")),
                    null,
                    null,
                    null))
        .isInstanceOf(ClusterAccessException.class)
        .hasMessageContaining("names no kubeconfig file that exists");
  }
}
