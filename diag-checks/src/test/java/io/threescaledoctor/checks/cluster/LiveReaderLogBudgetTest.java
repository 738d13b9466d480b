package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pod logs are read only within the run's total timeout; what is left unread is named. */
class LiveReaderLogBudgetTest {
  @TempDir Path dir;

  /** A clock that moves a second each time it is read, as a slow API server would make it. */
  private static final class Ticking extends Clock {
    private Instant now = FakeInstallation.NOW;

    @Override
    public synchronized Instant instant() {
      now = now.plusSeconds(1);
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private Installation read(FakeCluster cluster, Duration budget) {
    Kubeconfig kc =
        Kubeconfig.resolve(
            Map.of("KUBECONFIG", cluster.kubeconfig(dir).toString())::get,
            null,
            null,
            null,
            // Generous: the mock API server's first answer can take seconds on a loaded machine,
            // and what is judged here is the clock the reader is given, not these timeouts.
            Duration.ofSeconds(10),
            Duration.ofSeconds(30));
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(kc.config()).build()) {
      LiveReader reader = new LiveReader(client, kc.server(), new Ticking());
      return (budget == null ? reader : reader.withLogBudget(budget))
          .read("context " + kc.contextName(), kc.namespace(), Duration.ofHours(1));
    }
  }

  @Test
  void logsPastTheBudgetAreNotReadAndAreNamed() {
    try (FakeCluster cluster =
        new FakeCluster(FakeInstallation.healthy().backendListenerCrashLooping())) {
      Installation unbounded = read(cluster, null);
      Installation spent = read(cluster, Duration.ZERO);

      assertThat(unbounded.logs()).isNotEmpty();
      assertThat(unbounded.notes()).noneMatch(n -> n.startsWith("logs not read"));
      assertThat(spent.logs()).isEmpty();
      assertThat(spent.notes())
          .anySatisfy(
              n -> {
                assertThat(n).startsWith("logs not read, the reading having passed the total");
                unbounded
                    .logs()
                    .forEach(
                        l ->
                            assertThat(n)
                                .contains(
                                    l.pod()
                                        + "/"
                                        + l.container()
                                        + (l.previous() ? " (previous)" : "")));
              });
    }
  }

  @Test
  void aBudgetTheReadingStaysWithinReadsEveryLog() {
    try (FakeCluster cluster = new FakeCluster(FakeInstallation.healthy())) {
      Installation unbounded = read(cluster, null);
      Installation bounded = read(cluster, Duration.ofHours(1));

      assertThat(bounded.logs())
          .extracting(Installation.ContainerLog::container)
          .containsExactlyElementsOf(
              unbounded.logs().stream().map(Installation.ContainerLog::container).toList());
      assertThat(bounded.notes()).noneMatch(n -> n.startsWith("logs not read"));
    }
  }
}
