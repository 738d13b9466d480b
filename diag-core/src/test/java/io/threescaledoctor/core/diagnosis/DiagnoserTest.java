package io.threescaledoctor.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Dependency;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private final KnownIssueCatalog catalog = KnownIssueCatalog.standard();

  private String remedyOf(String cause) {
    return catalog.find(cause).orElseThrow().remedy();
  }

  @Test
  void aProvenDnsFaultIsTheHeadlineAndItsFixTheFirstStep() {
    Diagnosis d =
        diagnose(
            result("api.tcp.connect", Hop.API, Status.FAIL, "api-unreachable"),
            result("api.http.request", Hop.API, Status.FAIL, "api-unreachable"),
            result("api.dns.bypass", Hop.API, Status.FAIL, "dns-resolution-failed")
                .withExplains("api.*"));

    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.API);
    assertThat(d.cause()).isEqualTo("dns-resolution-failed");
    assertThat(d.nextSteps().get(0)).isEqualTo(remedyOf("dns-resolution-failed"));
    assertThat(d.nextSteps()).doesNotContain(remedyOf("api-unreachable"));
    assertThat(d.otherFailures()).isEmpty();
  }

  @Test
  void aDnsFaultSeenFromTheGatewayMovesTheFailurePointToTheGatewaysLink() {
    Diagnosis d =
        diagnose(
            result("api.tcp.connect", Hop.API, Status.FAIL, "api-unreachable"),
            result("api.dns.bypass", Hop.GATEWAY_API, Status.FAIL, "dns-resolution-failed")
                .withExplains("api.*"));

    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.GATEWAY_API);
    assertThat(d.cause()).isEqualTo("dns-resolution-failed");
  }

  @Test
  void listsEveryOtherHopThatFailsOnItsOwnOnce() {
    Diagnosis d =
        diagnose(
            result("api.tcp.connect", Hop.API, Status.FAIL, "api-unreachable"),
            result("gateway.errorlog", Hop.GATEWAY_API, Status.FAIL, "upstream-connect-refused"),
            result(
                "backend.threescale.authorize", Hop.THREESCALE, Status.FAIL, "credentials-invalid"),
            result("client.request", Hop.CLIENT, Status.FAIL, "credentials-invalid"));

    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.API);
    assertThat(d.otherFailures())
        .as("gateway-api follows from the API, the client's rejection is 3scale's")
        .extracting(o -> o.hop() + " " + o.cause() + " " + o.checkId())
        .containsExactly("3scale credentials-invalid backend.threescale.authorize");
    assertThat(d.nextSteps())
        .contains(
            "Also failing on its own, 3scale (credentials-invalid): "
                + remedyOf("credentials-invalid"));
  }

  /**
   * A catalog of three issues, one explained by another's failure and one by any failure: what the
   * standard catalogs say of gateway-timeout and client-error-status.
   */
  private static Diagnoser explainingCatalog() throws Exception {
    Path root = Files.createTempDirectory("catalog");
    Path file = root.resolve(KnownIssueCatalog.RESOURCE);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        - {id: slow-api, hop: api, title: t, explanation: e, remedy: fix the API, reference: "4.3.1"}
        - {id: slow-gateway, hop: gateway, title: t, explanation: e, remedy: r, reference: "4.3.3",
           explainedBy: [slow-api]}
        - {id: client-error, hop: client, title: t, explanation: e, remedy: r, reference: "4.3.7",
           explainedBy: ["*"]}
        - {id: slow-backend, hop: 3scale, title: t, explanation: e, remedy: r, reference: "4.3.5"}
        """);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
      return new Diagnoser(KnownIssueCatalog.load(loader));
    }
  }

  @Test
  void aFindingWhoseIssueAnotherFailureExplainsIsNotAFailureOfItsOwn() throws Exception {
    Diagnosis d =
        explainingCatalog()
            .diagnose(
                Instant.EPOCH,
                5,
                Profile.Vantage.CLIENT,
                List.of(
                    result("api.http.request", Hop.API, Status.FAIL, "slow-api"),
                    result("gateway.http.request", Hop.GATEWAY, Status.FAIL, "slow-gateway"),
                    result("backend.authorize", Hop.THREESCALE, Status.FAIL, "slow-backend"),
                    result("client.request", Hop.CLIENT, Status.FAIL, "client-error")));

    assertThat(d.cause()).isEqualTo("slow-api");
    assertThat(d.otherFailures())
        .extracting(o -> o.hop().id() + " " + o.cause())
        .containsExactly("3scale slow-backend");
  }

  @Test
  void aFindingExplainedOnlyByAnotherHopsFailureStandsAloneWithoutIt() throws Exception {
    Diagnosis d =
        explainingCatalog()
            .diagnose(
                Instant.EPOCH,
                5,
                Profile.Vantage.CLIENT,
                List.of(
                    result("api.http.request", Hop.API, Status.PASS, null),
                    result("gateway.http.request", Hop.GATEWAY, Status.FAIL, "slow-gateway")));

    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.GATEWAY);
    assertThat(d.cause()).isEqualTo("slow-gateway");
  }

  @Test
  void aChecksOwnRemedyThatRewordsItsKnownIssuesIsTheOnlyOneGiven() {
    Diagnosis d =
        diagnose(
            result("backend.threescale.authorize", Hop.THREESCALE, Status.FAIL, "limits-exceeded")
                .withRemedy(
                    "Wait for the period shown in the usage report to end, raise the limit, or"
                        + " move the application to a plan with higher limits."));

    assertThat(remedyOf("limits-exceeded"))
        .as("the catalog words the same advice differently")
        .isNotEqualTo(d.nextSteps().get(0));
    assertThat(d.nextSteps()).doesNotContain(remedyOf("limits-exceeded"));
  }

  @Test
  void aChecksOwnRemedyThatAddsToItsKnownIssuesKeepsBoth() {
    Diagnosis d =
        diagnose(
            result("backend.tcp.connect", Hop.THREESCALE, Status.FAIL, "backend-unreachable")
                .withRemedy("Start the backend listener (ps shows none on this host)."));

    assertThat(d.nextSteps())
        .startsWith(
            "Start the backend listener (ps shows none on this host).",
            remedyOf("backend-unreachable"));
  }

  @Test
  void nextStepsNeverRepeatTheSameAdvice() {
    Diagnosis d =
        diagnose(
            result("a.one", Hop.API, Status.FAIL, "api-unreachable").withRemedy("Start the API."),
            result("a.two", Hop.API, Status.FAIL, "api-unreachable").withRemedy("start the API"),
            result("a.three", Hop.API, Status.FAIL, null).withRemedy("Start the API"));

    assertThat(d.nextSteps().stream().filter(s -> s.equalsIgnoreCase("start the API.")).count())
        .isEqualTo(1);
    assertThat(d.nextSteps()).doesNotHaveDuplicates();
  }

  @Test
  void eachFindingOfAResultReachesTheNextSteps() {
    Diagnosis d =
        diagnose(
            result("admin.portal.proxy", Hop.THREESCALE, Status.FAIL, "private-base-url-has-path")
                .withFinding(
                    new CheckResult.Finding(
                        Status.FAIL,
                        "private-base-url-has-path",
                        "the private base URL has a path"))
                .withFinding(
                    new CheckResult.Finding(
                        Status.WARN, "mapping-rule-no-match", "no mapping rule matches /")));

    assertThat(d.nextSteps())
        .contains(remedyOf("private-base-url-has-path"), remedyOf("mapping-rule-no-match"));
  }

  @Test
  void aRunWithoutAProfileAsksForTheGatewayUrlFirst() {
    Diagnosis d =
        diagnose(
            CheckResult.skip("needs gateway.management")
                .withId("apicast.status")
                .withHop(Hop.GATEWAY)
                .withEvidence("missingInput", "gateway.management"),
            CheckResult.skip("needs gateway.errorLog")
                .withId("gateway.errorlog")
                .withHop(Hop.GATEWAY)
                .withEvidence("missingInput", "gateway.errorLog"),
            CheckResult.skip("needs gateway.url")
                .withId("client.request")
                .withHop(Hop.CLIENT)
                .withEvidence("missingInput", "gateway.url"));

    assertThat(d.nextSteps().get(0)).isEqualTo("Set gateway.url in the profile (or with a flag).");
  }

  @Test
  void theGuideSectionStepPairsTheNumberWithThatSectionsTitle() {
    Diagnosis d =
        diagnose(result("backend.tcp.connect", Hop.THREESCALE, Status.FAIL, "backend-unreachable"));

    assertThat(d.nextSteps()).contains("Guide section 4.3.4: API gateway > 3scale");
  }

  @Test
  void namesTheEnvironmentVariablesTheCommandsReadOnce() {
    Diagnosis d =
        diagnose(
            result("a.one", Hop.API, Status.FAIL, "api-unreachable")
                .withReproduce("curl 'http://h/?user_key='\"$THREESCALE_USER_KEY\"''"),
            result("b.two", Hop.THREESCALE, Status.FAIL, "backend-unreachable")
                .withReproduce("curl 'http://b/?user_key='\"$THREESCALE_USER_KEY\"''"));

    assertThat(
            d.nextSteps().stream()
                .filter(s -> s.contains("THREESCALE_USER_KEY (credentials.userKey)")))
        .hasSize(1);
  }
}
