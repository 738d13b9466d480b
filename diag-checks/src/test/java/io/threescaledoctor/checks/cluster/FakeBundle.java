package io.threescaledoctor.checks.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes a {@link FakeInstallation} as {@code oc adm must-gather} lays it out: an image directory,
 * {@code timestamp}, {@code namespaces/NS/GROUP/RESOURCE.yaml} lists, one YAML per pod, and each
 * container's log under {@code pods/POD/CONTAINER/CONTAINER/logs/} with oc's timestamp before every
 * line; secrets with their values elided, as oc adm inspect writes them. Packs it with the system's
 * {@code tar} when asked.
 */
public final class FakeBundle {
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private FakeBundle() {}

  public static Path directory(FakeInstallation f, Path into) {
    try {
      Path root =
          into.resolve(
              "must-gather.local.5501234567890123456/quay-io-3scale-must-gather-sha256-0a1b");
      Path ns = root.resolve("namespaces").resolve(FakeInstallation.NAMESPACE);
      Files.createDirectories(ns);
      Files.writeString(
          root.resolve("timestamp"),
          "2026-11-27 11:59:58.123456789 +0000 UTC m=+0.011\n2026-11-27 12:00:00.123456789 +0000 UTC m=+2.345\n");
      Map<String, List<HasMetadata>> byFile = new LinkedHashMap<>();
      for (HasMetadata o : f.objects()) {
        if (o instanceof io.fabric8.kubernetes.api.model.Secret s) {
          io.fabric8.kubernetes.api.model.Secret elided = YAML.clone(s);
          elided.getData().replaceAll((k, v) -> "");
          o = elided;
        }
        byFile.computeIfAbsent(file(o), k -> new ArrayList<>()).add(o);
      }
      for (Map.Entry<String, List<HasMetadata>> e : byFile.entrySet()) {
        Path p = ns.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(
            p, YAML.asYaml(new KubernetesListBuilder().withItems(e.getValue()).build()));
      }
      for (HasMetadata o : f.objects()) {
        if (o instanceof io.fabric8.kubernetes.api.model.Pod pod) {
          Path dir = ns.resolve("pods").resolve(pod.getMetadata().getName());
          Files.createDirectories(dir);
          Files.writeString(dir.resolve(pod.getMetadata().getName() + ".yaml"), YAML.asYaml(pod));
        }
      }
      writeLogs(ns, f.logs(), "current.log");
      writeLogs(ns, f.previousLogs(), "previous.log");
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeLogs(Path ns, Map<String, String> logs, String name) throws IOException {
    for (Map.Entry<String, String> e : logs.entrySet()) {
      String[] podAndContainer = e.getKey().split("/");
      Path dir =
          ns.resolve("pods")
              .resolve(podAndContainer[0])
              .resolve(podAndContainer[1])
              .resolve(podAndContainer[1])
              .resolve("logs");
      Files.createDirectories(dir);
      StringBuilder sb = new StringBuilder();
      for (String line : e.getValue().isEmpty() ? new String[0] : e.getValue().split("\n")) {
        sb.append("2026-11-27T11:50:00.000000000Z ").append(line).append('\n');
      }
      Files.writeString(dir.resolve(name), sb);
    }
  }

  private static String file(HasMetadata o) {
    return switch (o.getKind()) {
      case "DeploymentConfig" -> "apps.openshift.io/deploymentconfigs.yaml";
      case "Route" -> "route.openshift.io/routes.yaml";
      case "APIManager" -> "apps.3scale.net/apimanagers.yaml";
      case "Tenant" -> "capabilities.3scale.net/tenants.yaml";
      case "Deployment" -> "apps/deployments.yaml";
      case "Job" -> "batch/jobs.yaml";
      case "PersistentVolumeClaim" -> "core/persistentvolumeclaims.yaml";
      default -> "core/" + o.getKind().toLowerCase() + "s.yaml";
    };
  }

  /** The directory packed as {@code bundle.tar.gz} with the system's tar. */
  public static Path tarGz(Path directory, Path archive) {
    try {
      Process p =
          new ProcessBuilder("tar", "-czf", archive.toString(), "-C", directory.toString(), ".")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("tar failed: " + out);
      }
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
