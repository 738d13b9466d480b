package io.threescaledoctor.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Dependency;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnoserTest {
  private final Diagnoser diagnoser = new Diagnoser(KnownIssueCatalog.standard());

  private Diagnosis diagnose(CheckResult... results) {
    return diagnoser.diagnose(Instant.EPOCH, 5, Profile.Vantage.CLIENT, List.of(results));
  }

  private static CheckResult result(String id, Hop hop, Status status, String cause) {
    CheckResult r = CheckResult.of(status, id + " saw something").withId(id).withHop(hop);
    return cause == null ? r : r.withCause(cause);
  }

  @Test
  void locatesThreescaleNotTheGatewayLinkWhenThreescaleItselfIsDown() {
    Diagnosis d =
        diagnose(
            result("gateway.errorlog", Hop.GATEWAY_3SCALE, Status.FAIL, "upstream-connect-refused"),
            result("backend.tcp.connect", Hop.THREESCALE, Status.FAIL, "backend-unreachable"));

    assertThat(d.status()).isEqualTo(DiagnosisStatus.FAILING);
    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.THREESCALE);
    assertThat(d.cause()).isEqualTo("backend-unreachable");
  }

  @Test
  void locatesTheGatewayLinkWhenThreescaleAnswersTheDoctor() {
    Diagnosis d =
        diagnose(
            result("gateway.errorlog", Hop.GATEWAY_3SCALE, Status.FAIL, "backend-timeout"),
            result("backend.tcp.connect", Hop.THREESCALE, Status.PASS, null));

    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(d.cause()).isEqualTo("backend-timeout");
  }

  @Test
  void locatesTheApiBeforeTheHopsItExplains() {
    Diagnosis d =
        diagnose(
            result("api.tcp.connect", Hop.API, Status.FAIL, "api-unreachable"),
            result("gateway.errorlog", Hop.GATEWAY_API, Status.FAIL, "upstream-connect-refused"),
            result("client.request", Hop.CLIENT, Status.FAIL, "client-error-status"));

    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.API);
    assertThat(d.cause()).isEqualTo("api-unreachable");
    assertThat(d.nextSteps()).isNotEmpty();
    assertThat(d.explanation()).contains("api.tcp.connect");
  }

  @Test
  void prefersTheFirstResultWithACauseAtTheFailingHop() {
    Diagnosis d =
        diagnose(
            result("threescale.status", Hop.THREESCALE, Status.FAIL, null),
            result("backend.threescale.authorize", Hop.THREESCALE, Status.FAIL, "limits-exceeded"));

    assertThat(d.cause()).isEqualTo("limits-exceeded");
  }

  @Test
  void callsARunWithErrorsButNoFailureInconclusiveNotHealthy() {
    Diagnosis d =
        diagnose(
            result("api.tcp.connect", Hop.API, Status.PASS, null),
            result("gateway.errorlog", Hop.GATEWAY, Status.ERROR, null));

    assertThat(d.status()).isEqualTo(DiagnosisStatus.INCONCLUSIVE);
    assertThat(d.likelyFailurePoint()).isNull();
    assertThat(d.explanation()).contains("gateway.errorlog");
  }

  @Test
  void callsARunWhereNothingRanInconclusive() {
    Diagnosis d = diagnose(result("api.tcp.connect", Hop.API, Status.SKIP, null));

    assertThat(d.status()).isEqualTo(DiagnosisStatus.INCONCLUSIVE);
  }

  @Test
  void callsWarningsDegradedAndAllPassesHealthy() {
    assertThat(diagnose(result("a.b", Hop.API, Status.WARN, "tls-expiring-soon")).status())
        .isEqualTo(DiagnosisStatus.DEGRADED);
    Diagnosis healthy = diagnose(result("a.b", Hop.API, Status.PASS, null));
    assertThat(healthy.status()).isEqualTo(DiagnosisStatus.HEALTHY);
    assertThat(healthy.likelyFailurePoint()).isNull();
    assertThat(healthy.cause()).isNull();
  }

  @Test
  void saysHowEachHopWasTested() {
    Diagnosis d =
        diagnose(
            result("api.tcp.connect", Hop.API, Status.PASS, null),
            result("gateway.errorlog", Hop.GATEWAY_API, Status.PASS, null).withTested(Tested.LOGS));

    assertThat(d.hop(Hop.API).get().tested()).isEqualTo("direct");
    assertThat(d.hop(Hop.GATEWAY_API).get().tested()).isEqualTo("logs");
    assertThat(d.hop(Hop.CLIENT).get().tested()).isEqualTo("not-tested");
  }

  @Test
  void aFailingDependencyBesideTheApiNeverMakesTheApiTheFailurePoint() {
    CheckResult store =
        result("myapp.store-ping", Hop.API, Status.FAIL, "api-unreachable")
            .withDependency(Dependency.of("session-store", "Redis"));
    Diagnosis d = diagnose(result("api.tcp.connect", Hop.API, Status.PASS, null), store);

    assertThat(d.status()).isEqualTo(DiagnosisStatus.FAILING);
    assertThat(d.likelyFailurePoint()).isNull();
    assertThat(d.cause()).isEqualTo("api-unreachable");
    assertThat(d.hop(Hop.API).orElseThrow().status()).isEqualTo(Status.PASS);
    assertThat(d.explanation()).startsWith("The 3scale chain works as tested");
    assertThat(d.dependencies())
        .extracting(r -> r.dependency().id())
        .containsExactly("session-store");
  }

  @Test
  void aDependencyThatOnlySkippedLeavesAHealthyChainHealthy() {
    CheckResult store =
        result("myapp.store-ping", Hop.API, Status.SKIP, null)
            .withDependency(Dependency.of("session-store", "Redis"));
    Diagnosis d = diagnose(result("api.tcp.connect", Hop.API, Status.PASS, null), store);

    assertThat(d.status()).isEqualTo(DiagnosisStatus.HEALTHY);
    assertThat(d.dependencies().get(0).status()).isEqualTo(Status.SKIP);
  }
}
