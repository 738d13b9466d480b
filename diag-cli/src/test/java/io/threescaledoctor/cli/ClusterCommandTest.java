package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.cluster.FakeCluster;
import io.threescaledoctor.checks.cluster.FakeInstallation;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileLoader;
import io.threescaledoctor.core.report.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Map<String, String> env(FakeCluster cluster) {
    return Map.of("KUBECONFIG", cluster.kubeconfig(dir).toString(), "HOME", dir.toString());
  }

  static JsonNode result(JsonNode report, String id) {
    for (JsonNode r : report.path("results")) {
      if (r.path("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no result " + id);
  }

  /** The pods the doctor reports: the first word of each entry of every workload's pods. */
  static TreeSet<String> reportedPods(JsonNode report) {
    TreeSet<String> pods = new TreeSet<>();
    for (JsonNode r : report.path("results")) {
      String listed = r.path("evidence").path("pods").asText("");
      if (r.path("id").asText().startsWith("cluster.workload.") && !listed.isEmpty()) {
        for (String entry : listed.split("; ")) {
          pods.add(entry.split(" ")[0]);
        }
      }
    }
    return pods;
  }

  @Test
  void namesTheCrashLoopingBackendAsTheLikelyFailurePoint() throws Exception {
    try (FakeCluster cluster =
        new FakeCluster(FakeInstallation.healthy().backendListenerCrashLooping())) {
      CliRun run = CliRun.of(env(cluster), "cluster", "--cluster-only", "--format", "json");
      assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.FAILING);
      JsonNode report = JSON.readTree(run.out());
      assertThat(report.path("diagnosis").path("likelyFailurePoint").asText()).isEqualTo("3scale");
      assertThat(report.path("diagnosis").path("cause").asText()).isEqualTo("pod-crash-looping");
      JsonNode r = result(report, "cluster.workload.backend-listener");
      assertThat(r.path("evidence").path("lastLogLine").asText())
          .contains("Redis::CannotConnectError");
      assertThat(cluster.requests()).allSatisfy(request -> assertThat(request).startsWith("GET "));
    }
  }

  @Test
  void aForbiddenPodListIsAnInconclusiveFindingNotACrash() throws Exception {
    try (FakeCluster cluster =
        new FakeCluster(FakeInstallation.healthy())
            .forbid("/api/v1/namespaces/3scale/pods", "pods", "")) {
      CliRun run = CliRun.of(env(cluster), "cluster", "--cluster-only", "--format", "json");
      assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.INCONCLUSIVE);
      JsonNode r = result(JSON.readTree(run.out()), "cluster.access.pods");
      assertThat(r.path("hop").asText()).isEqualTo("gateway");
      assertThat(r.path("cause").asText()).isEqualTo("cluster-access-denied");
      assertThat(r.path("summary").asText())
          .startsWith("needs permission to list pods in namespace 3scale");
    }
  }

  @Test
  void kubectlListsTheSamePodsWithTheSameKubeconfigListContextAndNamespace() throws Exception {
    try (FakeCluster cluster =
        new FakeCluster(FakeInstallation.healthy().apicastNotReady()).discovery()) {
      // KUBECONFIG is a list: the first file only says which context is current, the second
      // holds it; a third entry does not exist, which kubectl passes over.
      Path first = dir.resolve("current");
      Files.writeString(first, "apiVersion: v1\nkind: Config\ncurrent-context: admin\n");
      Path second = dir.resolve("clusters");
      Files.writeString(second, cluster.kubeconfigText("other", "3scale"));
      String list = first + ":" + second + ":" + dir.resolve("missing");
      Map<String, String> env = Map.of("KUBECONFIG", list, "HOME", dir.toString());

      CliRun doctor = CliRun.of(env, "cluster", "--cluster-only", "--format", "json");
      TreeSet<String> reported = reportedPods(JSON.readTree(doctor.out()));
      assertThat(reported).hasSize(14);
      assertThat(kubectl(list, "get", "pods", "-o", "name")).isEqualTo(prefixed(reported));

      CliRun explicit =
          CliRun.of(
              env,
              "cluster",
              "--cluster-only",
              "--context",
              "other",
              "-n",
              "3scale",
              "--format",
              "json");
      assertThat(reportedPods(JSON.readTree(explicit.out())))
          .isEqualTo(reported)
          .map(p -> "pod/" + p)
          .containsExactlyElementsOf(
              kubectl(list, "--context", "other", "-n", "3scale", "get", "pods", "-o", "name"));

      CliRun defaultNamespace = CliRun.of(env, "cluster", "--cluster-only", "--context", "other");
      assertThat(defaultNamespace.exit()).isEqualTo(ExitCode.BAD_INPUT);
      assertThat(defaultNamespace.err())
          .contains("namespace default (context other) holds no 3scale installation");
      assertThat(kubectl(list, "--context", "other", "get", "pods", "-o", "name")).isEmpty();
    }
  }

  private static TreeSet<String> prefixed(TreeSet<String> pods) {
    TreeSet<String> out = new TreeSet<>();
    pods.forEach(p -> out.add("pod/" + p));
    return out;
  }

  /** The real kubectl, with nothing of this machine's environment but PATH, so only loopback. */
  private TreeSet<String> kubectl(String kubeconfig, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kubectl", "--request-timeout=20s"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("KUBECONFIG", kubeconfig);
    pb.redirectError(dir.resolve("kubectl.err").toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("kubectl.err"))).isZero();
    TreeSet<String> lines = new TreeSet<>();
    out.lines().filter(l -> !l.isBlank()).forEach(lines::add);
    return lines;
  }

  @Test
  void printsTheProfileWithTheTokenAsAPlaceholder() throws Exception {
    try (FakeCluster cluster = new FakeCluster(FakeInstallation.healthy())) {
      CliRun run = CliRun.of(env(cluster), "cluster", "--print-profile");
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out())
          .contains("url: https://api-3scale-apicast-production.apps.example.com")
          .contains("backend: https://backend-3scale.apps.example.com")
          .contains("admin: https://${THREESCALE_ADMIN_TOKEN}@3scale-admin.apps.example.com")
          .contains("oc get secret system-seed -n 3scale")
          .doesNotContain(FakeInstallation.ADMIN_TOKEN)
          .doesNotContain(FakeInstallation.MASTER_TOKEN);
      Profile loaded =
          new ProfileLoader(Map.of("THREESCALE_ADMIN_TOKEN", "tok-from-env-123456")::get)
              .parse(run.out(), "printed", Map.of());
      assertThat(loaded.threescale().adminToken())
          .get()
          .extracting(s -> s.reveal())
          .isEqualTo("tok-from-env-123456");
      assertThat(loaded.gateway().url())
          .isEqualTo("https://api-3scale-apicast-production.apps.example.com");
    }
  }

  @Test
  void runsTheOrdinaryChecklistWithTheRoutesAndNeverShowsTheAdminToken() throws Exception {
    try (FakeCluster cluster = new FakeCluster(FakeInstallation.healthy())) {
      for (String verb : List.of("cluster", "run")) {
        List<String> args = new ArrayList<>(List.of(verb));
        if (verb.equals("run")) {
          args.add("--cluster");
        }
        args.addAll(
            List.of(
                "--format",
                "json",
                "--connect-timeout",
                "1s",
                "--read-timeout",
                "1s",
                "--timeout",
                "40s",
                "--set",
                "threescale.backend=http://127.0.0.1:9"));
        CliRun run = CliRun.of(env(cluster), args.toArray(String[]::new));
        assertThat(run.out()).as(run.err()).isNotEmpty();
        JsonNode report = JSON.readTree(run.out());
        List<String> ids = new ArrayList<>();
        report.path("results").forEach(r -> ids.add(r.path("id").asText()));
        assertThat(ids)
            .contains("cluster.inventory", "gateway.dns.resolve", "admin.portal.services");
        assertThat(result(report, "backend.tcp.connect").path("evidence").toString())
            .contains("127.0.0.1:9");
        assertThat(run.out() + run.err())
            .doesNotContain(FakeInstallation.ADMIN_TOKEN)
            .doesNotContain(FakeInstallation.MASTER_TOKEN);
      }
    }
  }

  @Test
  void anUnusableKubeconfigIsOneLineAndExitTwo() throws Exception {
    Path broken = dir.resolve("broken");
    Files.writeString(broken, "clusters: [\n");
    CliRun run = CliRun.of(Map.of("KUBECONFIG", broken.toString()), "cluster");
    assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(run.err().trim())
        .startsWith("3scale-doctor: " + broken + ": not a readable kubeconfig")
        .doesNotContain("\n\tat ");
    CliRun none = CliRun.of(Map.of("HOME", dir.toString()), "cluster");
    assertThat(none.exit()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(none.err()).contains("no kubeconfig: log in with oc login");
    try (FakeCluster cluster = new FakeCluster(FakeInstallation.healthy())) {
      CliRun wrong = CliRun.of(env(cluster), "cluster", "--context", "prod");
      assertThat(wrong.err()).contains("context prod is not in").contains("[admin, other]");
    }
  }
}
