package io.threescaledoctor.checks.apicast;

import io.threescaledoctor.checks.http.Failure;
import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.checks.threescale.Exchanges;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The doctor's own probe: the client's request through the gateway, as the client makes it, with
 * {@code X-3scale-debug} carrying the service token so that APIcast shows which mapping rules
 * matched, which credentials it read and which usage it reports (guide §4.3.5 point 3, §4.3.7). The
 * answer is told apart by status and body ({@link GatewayAnswer}); findings are attributed to the
 * client hop, keeping the cause, since the probe sees the symptom the client sees.
 */
public final class ClientRequestCheck implements Check {
  /**
   * Findings about what the gateway is configured to serve (its mapping rules, its services'
   * hosts): the client's call only reveals them, the fix is in the gateway's configuration.
   */
  private static final Set<String> GATEWAY_CONFIGURATION =
      Set.of("mapping-rule-no-match", "mapping-rule-double-count", "service-not-found-for-host");

  private static final List<String> SHOWN_HEADERS =
      List.of(
          "Content-Type",
          "Server",
          "WWW-Authenticate",
          "Retry-After",
          "X-3scale-matched-rules",
          "X-3scale-credentials",
          "X-3scale-usage",
          "X-3scale-hostname",
          "X-3scale-service-id",
          "X-3scale-service-name");

  @Override
  public String id() {
    return "client.request";
  }

  @Override
  public Hop hop() {
    return Hop.CLIENT;
  }

  @Override
  public String description() {
    return "The client's request through the gateway with X-3scale-debug: answer classified,"
        + " matched rules, credentials and usage read from APIcast's debug headers";
  }

  /**
   * After the gateway's plain request: when that timed out, the gateway is silent and the engine
   * skips this call instead of waiting on it a second time.
   */
  @Override
  public List<String> runsAfter() {
    return List.of("gateway.http.request", "threescale.authorize");
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    String url = profile.gateway().url();
    return url == null || url.isBlank() ? Optional.of("gateway.url") : Optional.empty();
  }

  @Override
  public CheckResult run(CheckContext context) {
    Profile profile = context.profile();
    ProbeRequest probe = ProbeRequest.of(profile, false, true);
    HttpExchange ex = HttpProbe.from(context).send(probe.request());
    Optional<CheckResult> authorize = context.resultOf("threescale.authorize");
    CheckResult r = judge(probe, ex, authorize);
    if (r.hop() == null) {
      r =
          r.withHop(
              r.cause().filter(GATEWAY_CONFIGURATION::contains).isPresent()
                  ? Hop.GATEWAY
                  : Hop.CLIENT);
    }
    return r.withReproduce(ex.curl(context.redactor()));
  }

  /**
   * As {@link #judge(ProbeRequest, HttpExchange, boolean)}, told what 3scale answered when the
   * doctor asked it directly with the same credentials: when 3scale failed them there, a refusal or
   * a 500 through the gateway is that same failure (nginx passes 401/403 on and turns any other
   * refusal into 500), so the client's result carries its cause rather than blaming the client's
   * key.
   */
  static CheckResult judge(
      ProbeRequest probe, HttpExchange ex, Optional<CheckResult> directAuthorize) {
    boolean credentialsValid =
        directAuthorize
            .map(a -> a.status() == Status.PASS || a.status() == Status.WARN)
            .orElse(false);
    CheckResult r = judge(probe, ex, credentialsValid);
    Optional<CheckResult> refused =
        directAuthorize.filter(a -> a.status() == Status.FAIL && a.cause().isPresent());
    if (r.status() != Status.FAIL || refused.isEmpty() || !refusedThroughGateway(ex)) {
      return r;
    }
    CheckResult a = refused.get();
    String what = probe.request().method() + " " + probe.request().uri().getRawPath();
    return r.withSummary(
            what
                + " -> "
                + ex.statusLine()
                + ": the same failure as the doctor's direct authorize call ("
                + a.cause().get()
                + "): "
                + a.summary())
        .withCause(a.cause().get())
        .withEvidence("explainedBy", a.id());
  }

  /** A refusal as APIcast or nginx words it, or the 500 nginx makes of any other refusal. */
  private static boolean refusedThroughGateway(HttpExchange ex) {
    return switch (GatewayAnswer.classify(ex.status(), ex.bodyExcerpt())) {
      case AUTH_FAILED, NGINX_FORBIDDEN, LIMITS_EXCEEDED -> true;
      case ERROR_STATUS -> ex.status() == 401 || ex.status() == 500;
      default -> false;
    };
  }

  /**
   * @param credentialsValid whether 3scale authorized the same credentials when the doctor asked it
   *     directly: a rejection through the gateway then means the gateway lost them on the way
   */
  static CheckResult judge(ProbeRequest probe, HttpExchange ex, boolean credentialsValid) {
    String what = probe.request().method() + " " + probe.request().uri().getRawPath();
    if (!ex.ok() && ex.status() < 0) {
      Failure.Kind kind = ex.failure() == null ? Failure.Kind.OTHER : ex.failure().kind();
      if (kind == Failure.Kind.READ_TIMEOUT) {
        return Exchanges.noResponse(
                ex,
                what + " through the gateway got no answer",
                "client-error-status",
                "client-error-status")
            .withHop(Hop.CLIENT);
      }
      return Exchanges.noResponse(
              ex,
              what + ": no answer from the gateway",
              "gateway-unreachable",
              "gateway-unreachable",
              "gateway-closed-connection")
          .withHop(Hop.CLIENT_GATEWAY);
    }
    GatewayAnswer answer = GatewayAnswer.classify(ex.status(), ex.bodyExcerpt());
    DebugHeaders debug = DebugHeaders.read(name -> ex.header(name).orElse(null));
    String seen = what + " -> " + ex.statusLine();
    CheckResult r =
        switch (answer) {
          case SUCCESS -> success(seen, probe, debug);
          case AUTH_MISSING -> authMissing(seen, probe);
          case SERVICE_NOT_FOUND ->
              CheckResult.fail(
                      seen
                          + " with an empty body: no service of the"
                          + " gateway has '"
                          + probe.request().uri().getHost()
                          + "' as public base URL")
                  .withCause("service-not-found-for-host")
                  .withEvidence("host", probe.request().uri().getHost());
          case REDIRECT -> redirected(seen, ex);
          case AUTH_FAILED, NGINX_FORBIDDEN ->
              credentialsValid && probe.credentialHeaderHasUnderscore()
                  ? CheckResult.fail(
                          seen
                              + ": 3scale authorizes these credentials when asked directly,"
                              + " but through the gateway they fail: they travel in header(s) "
                              + String.join(", ", probe.credentialHeaders())
                              + ", which nginx drops unless"
                              + " underscores_in_headers is on")
                      .withCause("underscores-in-headers-disabled")
                  : CheckResult.fail(seen + ": " + answer.meaning())
                      .withCause(answer.issue().orElse("client-error-status"));
          default ->
              CheckResult.fail(seen + ": " + answer.meaning())
                  .withCause(answer.issue().orElse("client-error-status"));
        };
    if (r.status() != Status.FAIL && debug.present() && debug.matchedRules().isEmpty()) {
      r =
          CheckResult.fail(seen + ", but APIcast matched no mapping rule")
              .withCause("mapping-rule-no-match");
    }
    r =
        r.withEvidence("status", ex.status())
            .withEvidence("answer", answer.name().toLowerCase().replace('_', '-'))
            .withEvidence("credentialsIn", probe.credentialsIn());
    for (String h : SHOWN_HEADERS) {
      Optional<String> v = ex.header(h);
      if (v.isPresent()) {
        r = r.withEvidence("header." + h, v.get());
      }
    }
    if (probe.sendsDebugHeader() && !debug.present()) {
      r =
          r.withEvidence(
              "debugHeaders",
              "not returned (the gateway is not APIcast, the request"
                  + " stopped before the mapping rules, or X-3scale-debug differs from the service's"
                  + " token)");
    }
    if (!ex.bodyExcerpt().isEmpty()) {
      r = r.withEvidence("body", Exchanges.excerpt(ex.bodyExcerpt()));
    }
    return Exchanges.withTimings(r, ex);
  }

  /**
   * A redirect answered the client's call: neither 3scale nor the API saw it. Clients that do not
   * follow redirects stop here, and those that do turn a POST into a GET or resend the credentials
   * to wherever the redirect points.
   */
  static CheckResult redirected(String seen, HttpExchange ex) {
    String to = ex.redirectLocation().orElse("no Location header");
    return CheckResult.fail(
            seen
                + " to "
                + to
                + ": the gateway redirects the call instead of serving it, so neither 3scale nor"
                + " the API saw it; call the URL it redirects to (set gateway.url to it)")
        .withCause("gateway-redirects")
        .withHop(Hop.CLIENT_GATEWAY)
        .withEvidence("location", to);
  }

  private static CheckResult success(String seen, ProbeRequest probe, DebugHeaders debug) {
    if (!debug.present()) {
      return CheckResult.pass(seen);
    }
    // One rule with a delta above 1 is deliberate; two rules counting one call are not.
    CheckResult r;
    if (debug.matchedRules().size() > 1) {
      r =
          CheckResult.warn(
                  seen
                      + ", but "
                      + debug.matchedRules().size()
                      + " mapping rules matched ("
                      + String.join(", ", debug.matchedRules())
                      + ") and usage is "
                      + debug.usage()
                      + ": the call is counted more than once")
              .withCause("mapping-rule-double-count");
    } else if (debug.credentials().isEmpty() && !probe.credentialsIn().equals("none")) {
      r =
          CheckResult.warn(seen + ", but APIcast read no credentials from the request")
              .withCause(
                  probe.credentialHeaderHasUnderscore()
                      ? "underscores-in-headers-disabled"
                      : "credentials-missing");
    } else {
      r = CheckResult.pass(seen + "; matched rules: " + String.join(", ", debug.matchedRules()));
    }
    r =
        r.withEvidence("matchedRules", String.join(", ", debug.matchedRules()))
            .withEvidence("usage", debug.usage())
            .withEvidence("credentialsRead", String.join(",", debug.credentials().keySet()));
    if (debug.service().isPresent()) {
      r = r.withEvidence("service", debug.service().get());
    }
    if (debug.hostname() != null) {
      r = r.withEvidence("gatewayHost", debug.hostname());
    }
    return r;
  }

  private static CheckResult authMissing(String seen, ProbeRequest probe) {
    if (probe.credentialsIn().equals("none")) {
      return CheckResult.warn(
          seen
              + ": the gateway wants credentials and the profile has none"
              + " (set credentials.userKey, appId/appKey or accessToken)");
    }
    if (probe.credentialsIn().equals("header") && probe.credentialHeaderHasUnderscore()) {
      return CheckResult.fail(
              seen
                  + ": credentials were sent in header(s) "
                  + String.join(", ", probe.credentialHeaders())
                  + " and the gateway answered as if"
                  + " they were missing: nginx drops header names with underscores unless"
                  + " underscores_in_headers is on")
          .withCause("underscores-in-headers-disabled");
    }
    return CheckResult.fail(
            seen
                + ": credentials were sent in the "
                + probe.credentialsIn()
                + " and the gateway did not find them there")
        .withCause("credentials-missing");
  }
}
