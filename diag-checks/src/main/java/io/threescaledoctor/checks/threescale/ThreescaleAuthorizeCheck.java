package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Calls the Service Management API the way the gateway does (guide §4.3.5: the direct authorization
 * call) and says what 3scale decides for this application: authorized with its plan and usage,
 * rejected with the reason, or which error code with which status. Uses {@code authorize}, which
 * changes nothing in the account; {@code authrep} (which counts the call) only with {@code
 * threescale.reportUsage} / {@code --report-usage}.
 *
 * <p>Like APIcast it predicts the call's usage ({@code usage[hits]=1} unless the profile says
 * otherwise) and asks for the rejection reason and limit headers ({@code 3scale-options}). It reads
 * the backend's version from {@code /status}, decodes a JWT access token for its client the way
 * APIcast's OpenID Connect integration does (never verifying it, never sending it to 3scale), and
 * makes a second authorize call where the first answer leaves a question open: whether a wrong app
 * key would be refused too, and whether a rejected service token is wrong or names a service that
 * does not exist (when a provider key can tell).
 */
public final class ThreescaleAuthorizeCheck implements Check {
  /** Share of a limit used above which an authorized call is a WARN. */
  static final double NEAR_LIMIT_PERCENT = 80.0;

  /** Enough for a plan with many limits; authorize answers are small otherwise. */
  private static final int AUTHORIZE_BODY_BYTES = 64 * 1024;

  @Override
  public String id() {
    return "threescale.authorize";
  }

  @Override
  public Hop hop() {
    return Hop.THREESCALE;
  }

  @Override
  public String description() {
    return "3scale authorizes the application's credentials (authorize.xml; authrep only with"
        + " --report-usage), with plan, usage against limits, or the error code";
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.BACKEND);
  }

  @Override
  public List<String> runsAfter() {
    return List.of("dns.resolve", "tcp.connect", "tls.handshake");
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    return ServiceManagementCall.missingInput(profile);
  }

  @Override
  public CheckResult run(CheckContext context) {
    Profile profile = context.profile();
    Secret rawToken = profile.credentials().accessToken();
    AccessToken token = rawToken == null ? null : AccessToken.read(rawToken);
    ServiceManagementCall call = ServiceManagementCall.from(profile, context.target(), token);
    HttpProbe probe = HttpProbe.from(context);
    HttpExchange ex = probe.send(call.request(), AUTHORIZE_BODY_BYTES);
    CheckResult r;
    BackendVersion version = null;
    if (ex.status() < 0) {
      r =
          Exchanges.noResponse(
              ex,
              "no answer from the 3scale backend",
              "backend-unreachable",
              "backend-timeout",
              "backend-closed-connection");
    } else {
      r =
          interpret(
              ex.status(), ex.header("3scale-rejection-reason").orElse(null), ex.bodyExcerpt());
      r = withLimitHeaders(r, ex);
      // The second calls only refine the answer: a run that is being cut short goes without.
      if (!context.cancelled()) {
        r = followUp(r, call, profile, probe);
      }
      if (!context.cancelled()) {
        version = BackendVersion.ask(probe, context.target());
        r = r.withEvidence("backendVersion", version.evidence());
      }
      r = Exchanges.withTimings(r, ex);
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("call", call.describe());
    evidence.put("credentials", call.credentialMode());
    evidence.put(
        "usageSent",
        call.usage()
            + (call.reportsUsage()
                ? " (reported: counted against the limits)"
                : " (predicted: checked against the limits, not counted)"));
    evidence.putAll(r.evidence());
    r = r.withEvidenceReplaced(evidence).withHop(Hop.THREESCALE);
    if (token != null) {
      r = AccessTokenFindings.apply(r, token, profile, version, context.clock().instant());
    }
    return r.withReproduce(ex.curl(context.redactor()));
  }

  /** The limit headers 3scale sent (asked for with 3scale-options), as evidence and in words. */
  private static CheckResult withLimitHeaders(CheckResult r, HttpExchange ex) {
    Optional<LimitHeaders> limits = LimitHeaders.of(ex);
    if (limits.isEmpty()) {
      return r;
    }
    LimitHeaders h = limits.get();
    r = h.addTo(r);
    return h.constrained() && r.status() != Status.FAIL
        ? r.withSummary(r.summary() + "; " + h.describe())
        : r;
  }

  /** Second calls that settle what the first answer leaves open (see {@link FollowUpCalls}). */
  private static CheckResult followUp(
      CheckResult r, ServiceManagementCall call, Profile profile, HttpProbe probe) {
    boolean authorized = r.status() == Status.PASS || r.status() == Status.WARN;
    if (authorized && call.credentialMode().equals("app_id+app_key")) {
      return FollowUpCalls.appKeyChecked(r, call, probe);
    }
    String code = r.evidence().get("errorCode");
    if ("service_token_invalid".equals(code)) {
      String id = profile.threescale().serviceId();
      r =
          r.withSummary(
              "3scale answered HTTP 403 service_token_invalid: the service token is not valid for"
                  + " service id "
                  + id
                  + " (a wrong token, the token of another service, or no service "
                  + id
                  + ": 3scale answers the same for all three)");
      Secret providerKey = profile.threescale().providerKey();
      if (providerKey == null || providerKey.isEmpty()) {
        return r.withEvidence(
            "serviceIdCheck",
            "not possible: with threescale.providerKey as well, the doctor would ask 3scale"
                + " whether service "
                + id
                + " exists");
      }
      FollowUpCalls.ServiceIdVerdict v =
          FollowUpCalls.serviceIdWithProviderKey(call, profile, probe);
      r = r.withEvidence("serviceIdCheck", v.evidence());
      if (v.summary() != null) {
        r =
            r.withSummary(
                "3scale answered HTTP 403 service_token_invalid for service id "
                    + id
                    + ": "
                    + v.summary());
      }
      return v.remedy() == null ? r : r.withRemedy(v.remedy());
    }
    if ("provider_key_invalid".equals(code)) {
      return r.withSummary(
          "3scale answered HTTP 403 provider_key_invalid: no account has this provider key");
    }
    if ("service_id_invalid".equals(code)) {
      String id = profile.threescale().serviceId();
      return r.withSummary(
          "3scale answered HTTP 403 service_id_invalid: no service has id "
              + id
              + " in the account of this provider key (unknown service id)");
    }
    return r;
  }

  /**
   * What an answer of the backend means. Pure, so each response form is tested on its own.
   *
   * @param rejectionHeader the {@code 3scale-rejection-reason} header, if the backend sent one
   */
  static CheckResult interpret(int status, String rejectionHeader, String body) {
    BackendErrorCatalog catalog = BackendErrorCatalog.standard();
    AuthorizeResponse a = AuthorizeResponseParser.parse(body);
    if (status >= 500 || (status < 200) || (status >= 300 && status < 400)) {
      return CheckResult.fail(
              "3scale backend answered HTTP "
                  + status
                  + (a.isError() ? " " + a.errorCode() : "")
                  + ": not an authorization answer")
          .withCause("backend-error-status")
          .withEvidence("status", status)
          .withEvidence("body", Exchanges.excerpt(body));
    }
    if (a.isStatus() && Boolean.TRUE.equals(a.authorized())) {
      // APIcast's auth_request lets any 2xx through; a 4xx saying "authorized" contradicts itself.
      return status < 300 ? authorized(status, a) : contradictory(status, body);
    }
    if (a.isStatus() && Boolean.FALSE.equals(a.authorized())) {
      return rejected(status, rejectionHeader, a, catalog);
    }
    if (a.isError()) {
      return error(status, a, catalog);
    }
    String meaning = BackendErrorCatalog.statusMeaning(status).orElse("unexpected status");
    CheckResult r =
        CheckResult.fail(
                "3scale backend answered HTTP "
                    + status
                    + " ("
                    + meaning
                    + ") without a readable authorization body: "
                    + a.unreadable())
            .withEvidence("status", status)
            .withEvidence("body", Exchanges.excerpt(body));
    Optional<String> issue = BackendErrorCatalog.issueForStatus(status);
    return issue.isPresent() ? r.withCause(issue.get()) : r.withCause("backend-error-status");
  }

  private static CheckResult contradictory(int status, String body) {
    return CheckResult.fail(
            "3scale backend answered HTTP "
                + status
                + " ("
                + BackendErrorCatalog.statusMeaning(status).orElse("unexpected status")
                + ") with a body that says authorized: the status and the body contradict each"
                + " other")
        .withCause(BackendErrorCatalog.issueForStatus(status).orElse("backend-error-status"))
        .withEvidence("status", status)
        .withEvidence("body", Exchanges.excerpt(body));
  }

  private static CheckResult authorized(int status, AuthorizeResponse a) {
    List<UsageReport> near = a.reportsAbove(NEAR_LIMIT_PERCENT);
    String plan = a.planName().map(p -> " on plan '" + p + "'").orElse("");
    CheckResult r =
        near.isEmpty()
            ? CheckResult.pass(
                "3scale authorized the application"
                    + plan
                    + (a.usageReports().isEmpty() ? " (no usage limits)" : ""))
            : CheckResult.warn(
                    "3scale authorized the application"
                        + plan
                        + ", but "
                        + near.get(0).describe()
                        + " is above "
                        + (int) NEAR_LIMIT_PERCENT
                        + "% of its limit")
                .withCause("limits-near");
    r = r.withEvidence("status", status).withEvidence("authorized", true);
    if (a.plan() != null) {
      r = r.withEvidence("plan", a.plan());
    }
    return usage(r, a);
  }

  private static CheckResult rejected(
      int status, String header, AuthorizeResponse a, BackendErrorCatalog catalog) {
    Optional<BackendErrorCode> code =
        header != null && !header.isBlank()
            ? catalog.find(header.trim())
            : catalog.byReason(a.reason());
    String codeName =
        header != null && !header.isBlank()
            ? header.trim()
            : code.map(BackendErrorCode::code).orElse(null);
    String exhausted =
        a.usageReports().stream()
            .filter(u -> u.exceeded() || u.currentValue() >= u.maxValue())
            .map(UsageReport::describe)
            .collect(java.util.stream.Collectors.joining(", "));
    CheckResult r =
        CheckResult.fail(
                "3scale did not authorize the application (HTTP "
                    + status
                    + (codeName == null ? "" : " " + codeName)
                    + "): "
                    + a.reason()
                    + (exhausted.isEmpty() || !"limits_exceeded".equals(codeName)
                        ? ""
                        : " (" + exhausted + ", with the call's own usage on top)"))
            .withEvidence("status", status)
            .withEvidence("authorized", false)
            .withEvidence("reason", a.reason());
    if (codeName != null) {
      r =
          r.withEvidence("rejectionCode", codeName)
              .withEvidence(
                  "rejectionCodeFrom",
                  header != null && !header.isBlank()
                      ? "the 3scale-rejection-reason header"
                      : "the reason text");
    }
    if (a.plan() != null) {
      r = r.withEvidence("plan", a.plan());
    }
    r = usage(r, a);
    if (code.isPresent()) {
      return r.withCause(code.get().issue()).withRemedy(code.get().remedy());
    }
    return r.withEvidence("knownCode", false);
  }

  private static CheckResult error(int status, AuthorizeResponse a, BackendErrorCatalog catalog) {
    Optional<BackendErrorCode> code = catalog.find(a.errorCode());
    CheckResult r =
        CheckResult.fail(
                "3scale answered HTTP " + status + " " + a.errorCode() + ": " + a.errorMessage())
            .withEvidence("status", status)
            .withEvidence("errorCode", a.errorCode())
            .withEvidence("errorMessage", a.errorMessage());
    if (code.isPresent()) {
      BackendErrorCode c = code.get();
      r = r.withEvidence("meaning", c.meaning());
      if (c.status() != status) {
        r = r.withEvidence("expectedStatus", c.status());
      }
      return r.withCause(c.issue()).withRemedy(c.remedy());
    }
    r = r.withEvidence("knownCode", false);
    Optional<String> meaning = BackendErrorCatalog.statusMeaning(status);
    if (meaning.isPresent()) {
      r = r.withEvidence("statusMeaning", meaning.get());
    }
    return r.withCause(BackendErrorCatalog.issueForStatus(status).orElse("backend-error-status"));
  }

  private static CheckResult usage(CheckResult r, AuthorizeResponse a) {
    for (UsageReport u : a.usageReports()) {
      r =
          r.withEvidence(
              "usage." + u.metric() + "." + u.period(),
              u.currentValue()
                  + "/"
                  + u.maxValue()
                  + String.format(java.util.Locale.ROOT, " (%.0f%%)", u.percentUsed())
                  + (u.exceeded() ? " exceeded" : "")
                  + (u.periodEnd() == null ? "" : ", period ends " + u.periodEnd()));
    }
    return r;
  }
}
