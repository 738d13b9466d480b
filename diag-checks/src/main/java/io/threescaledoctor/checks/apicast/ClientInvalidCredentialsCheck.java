package io.threescaledoctor.checks.apicast;

import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.checks.threescale.Exchanges;
import io.threescaledoctor.checks.threescale.PortalService;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import java.util.List;
import java.util.Optional;

/**
 * The guide's "call the API with incorrect credentials" test (§4.4.1 point 3): the client's request
 * with credentials no application has. A rejection from the gateway (403 "Authentication failed",
 * or another status with APIcast's text) proves that calls travel from the client to the gateway
 * and that the gateway asks 3scale; success means the gateway lets anyone through.
 */
public final class ClientInvalidCredentialsCheck implements Check {

  @Override
  public String id() {
    return "client.invalid-credentials";
  }

  @Override
  public Hop hop() {
    return Hop.CLIENT_GATEWAY;
  }

  @Override
  public String description() {
    return "A call through the gateway with deliberately invalid credentials is rejected"
        + " (403 or the configured status): the client -> gateway path works";
  }

  /**
   * After the gateway's plain request: when that timed out, the gateway is silent and the engine
   * skips this call instead of waiting on it a second time.
   */
  @Override
  public List<String> runsAfter() {
    return List.of("gateway.http.request", "portal.services");
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    String url = profile.gateway().url();
    return url == null || url.isBlank() ? Optional.of("gateway.url") : Optional.empty();
  }

  @Override
  public CheckResult run(CheckContext context) {
    ProbeRequest probe = ProbeRequest.of(context.profile(), true, false);
    HttpExchange ex = HttpProbe.from(context).send(probe.request());
    Integer configured =
        context
            .resultOf("portal.services")
            .flatMap(r -> r.facts(PortalService.class))
            .map(ps -> ps.proxy().authFailedStatus())
            .orElse(null);
    return judge(probe, ex, configured).withReproduce(ex.curl(context.redactor()));
  }

  /**
   * @param authFailedStatus the service's configured status for failed authentication, when the
   *     admin portal told it; APIcast's default is 403
   */
  static CheckResult judge(ProbeRequest probe, HttpExchange ex, Integer authFailedStatus) {
    String what =
        probe.request().method()
            + " "
            + probe.request().uri().getRawPath()
            + " with invalid credentials";
    if (ex.status() < 0) {
      return Exchanges.noResponse(
          ex,
          what + ": no answer from the gateway",
          "gateway-unreachable",
          "gateway-unreachable",
          "gateway-closed-connection");
    }
    GatewayAnswer answer = GatewayAnswer.classify(ex.status(), ex.bodyExcerpt());
    String seen = what + " -> " + ex.statusLine();
    if (authFailedStatus != null
        && ex.status() == authFailedStatus
        && answer != GatewayAnswer.SERVICE_NOT_FOUND) {
      answer = GatewayAnswer.AUTH_FAILED;
    }
    CheckResult r =
        switch (answer) {
          case AUTH_FAILED, NGINX_FORBIDDEN ->
              CheckResult.pass(
                  seen
                      + ": the gateway received the call and rejected the credentials, so the client ->"
                      + " gateway path works");
          case AUTH_MISSING ->
              CheckResult.pass(
                  seen
                      + ": the gateway received the call (it found"
                      + " no credentials where it reads them; see client.request)");
          case LIMITS_EXCEEDED, NO_MAPPING_RULE ->
              CheckResult.pass(seen + ": the gateway received the call (" + answer.meaning() + ")");
          case SERVICE_NOT_FOUND ->
              CheckResult.fail(
                      seen
                          + " with an empty body: the gateway has no"
                          + " service for host '"
                          + probe.request().uri().getHost()
                          + "'")
                  .withCause("service-not-found-for-host")
                  .withHop(Hop.GATEWAY);
          case REDIRECT ->
              CheckResult.warn(
                      seen
                          + " to "
                          + ex.redirectLocation().orElse("no Location header")
                          + ": the gateway redirected the call before judging the credentials,"
                          + " so whether it authorizes calls is not known from this URL")
                  .withCause("gateway-redirects")
                  .withEvidence("location", ex.redirectLocation().orElse("none"));
          case SUCCESS ->
              CheckResult.fail(
                      seen + ": the gateway let a call with invalid credentials" + " through")
                  .withCause("gateway-accepts-invalid-credentials")
                  .withHop(Hop.GATEWAY);
          // An error status still proves the path: what fails behind the gateway (a dead 3scale,
          // a Lua error) is for the checks of those hops to locate.
          default ->
              CheckResult.warn(
                  seen
                      + ": the gateway received the call but answered with an"
                      + " error instead of rejecting the credentials; see the gateway and 3scale checks");
        };
    r =
        r.withEvidence("status", ex.status())
            .withEvidence("answer", answer.name().toLowerCase().replace('_', '-'))
            .withEvidence("credentialsIn", probe.credentialsIn());
    if (!ex.bodyExcerpt().isEmpty()) {
      r = r.withEvidence("body", Exchanges.excerpt(ex.bodyExcerpt()));
    }
    return Exchanges.withTimings(r, ex);
  }
}
