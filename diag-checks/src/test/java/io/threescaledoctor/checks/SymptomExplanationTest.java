package io.threescaledoctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.diagnosis.Diagnoser;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.OtherFailure;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A finding that only reports a symptom (a burst of 5xx in the access log, nginx's "auth request
 * unexpected status", APIcast's "authorization failed", a service without endpoints) never takes
 * the headline from the concrete cause found in the same run: the catalogs say which causes explain
 * each symptom, and the results come in the checklist's order, where the logs often come first.
 */
class SymptomExplanationTest {
  private static final KnownIssueCatalog CATALOG = KnownIssueCatalog.standard();

  private static CheckResult fail(String id, Hop hop, String cause) {
    return CheckResult.fail(id + " saw " + cause).withId(id).withHop(hop).withCause(cause);
  }

  private static Diagnosis diagnose(CheckResult... results) {
    return new Diagnoser(CATALOG)
        .diagnose(Instant.EPOCH, 1, Profile.Vantage.GATEWAY, List.of(results));
  }

  private static String headline(Diagnosis d) {
    return d.likelyFailurePoint().id() + " " + d.cause();
  }

  @Test
  void aBurstOf5xxInTheAccessLogIsExplainedByTheCauseAtAnyHop() {
    Diagnosis d =
        diagnose(
            fail("gateway.accesslog", Hop.GATEWAY, "gateway-error-responses"),
            fail("threescale.authorize", Hop.THREESCALE, "limits-exceeded"));

    assertThat(headline(d)).isEqualTo("3scale limits-exceeded");
    assertThat(d.otherFailures()).isEmpty();
  }

  @Test
  void aBurstOf5xxWithNothingElseToExplainItIsTheHeadline() {
    Diagnosis d = diagnose(fail("gateway.accesslog", Hop.GATEWAY, "gateway-error-responses"));

    assertThat(headline(d)).isEqualTo("gateway gateway-error-responses");
  }

  @Test
  void nginxsRefusedAuthorizationGivesWayTo3scalesOwnReason() {
    Diagnosis d =
        diagnose(
            fail("gateway.errorlog", Hop.THREESCALE, "auth-request-refused-by-3scale"),
            fail("threescale.authorize", Hop.THREESCALE, "application-key-invalid"));

    assertThat(headline(d)).isEqualTo("3scale application-key-invalid");
  }

  @Test
  void aRefusalCausedByCredentialsTheGatewayDropsIsTheClientsTrap() {
    Diagnosis d =
        diagnose(
            fail("gateway.errorlog", Hop.THREESCALE, "auth-request-refused-by-3scale"),
            fail("gateway.config", Hop.CLIENT, "underscores-in-headers-disabled"),
            fail("client.request", Hop.CLIENT, "client-error-status"));

    assertThat(headline(d)).isEqualTo("client underscores-in-headers-disabled");
    assertThat(d.otherFailures()).isEmpty();
  }

  @Test
  void apicastsAuthorizationFailedGivesWayTo3scalesAnswer() {
    Diagnosis d =
        diagnose(
            fail("gateway.errorlog", Hop.THREESCALE, "authorization-failed"),
            fail("threescale.authorize", Hop.THREESCALE, "credentials-invalid"));

    assertThat(headline(d)).isEqualTo("3scale credentials-invalid");
  }

  @Test
  void anUnexpectedAuthStatusAfterAResolverProblemIsNoFailureOfItsOwn() {
    Diagnosis d =
        diagnose(
            fail("errorlog.gateway.no-resolver-defined", Hop.GATEWAY, "dns-no-resolver"),
            fail(
                "errorlog.gateway-3scale.auth-request-unexpected-status",
                Hop.GATEWAY_3SCALE,
                "auth-request-unexpected-status"));

    assertThat(headline(d)).isEqualTo("gateway dns-no-resolver");
    assertThat(d.otherFailures()).extracting(OtherFailure::cause).isEmpty();
  }

  @Test
  void aServiceWithoutEndpointsGivesWayToWhatKeepsItsPodsDown() {
    Diagnosis d =
        diagnose(
            fail("cluster.service.backend-listener", Hop.THREESCALE, "service-no-endpoints"),
            fail("cluster.workload.backend-listener", Hop.THREESCALE, "pod-crash-looping"));

    assertThat(headline(d)).isEqualTo("3scale pod-crash-looping");
  }

  @Test
  void everyCauseThatExplainsAnotherIsInTheCatalog() {
    for (KnownIssue issue : CATALOG.all()) {
      for (String by : issue.explainedBy()) {
        assertThat(by.equals("*") || CATALOG.find(by).isPresent())
            .as("%s is explained by %s, which no catalog defines", issue.id(), by)
            .isTrue();
      }
    }
  }
}
