package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
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
    ServiceManagementCall call = ServiceManagementCall.from(context.profile(), context.target());
    HttpExchange ex = HttpProbe.from(context).send(call.request(), AUTHORIZE_BODY_BYTES);
    CheckResult r;
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
      r = Exchanges.withTimings(r, ex);
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("call", call.describe());
    evidence.put("credentials", call.credentialMode());
    if (call.credentialMode().equals("access_token")) {
      evidence.put(
          "note",
          "3scale's OAuth authorize identifies the application by app_id (the"
              + " token's client_id); set credentials.appId to authorize it");
    }
    evidence.putAll(r.evidence());
    return r.withEvidenceReplaced(evidence)
        .withHop(Hop.THREESCALE)
        .withReproduce(ex.curl(context.redactor()));
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
    if (a.isStatus() && Boolean.TRUE.equals(a.authorized()) && status == 200) {
      return authorized(a);
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

  private static CheckResult authorized(AuthorizeResponse a) {
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
    r = r.withEvidence("status", 200).withEvidence("authorized", true);
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
    CheckResult r =
        CheckResult.fail(
                "3scale did not authorize the application (HTTP " + status + "): " + a.reason())
            .withEvidence("status", status)
            .withEvidence("authorized", false)
            .withEvidence("reason", a.reason());
    if (codeName != null) {
      r = r.withEvidence("rejectionCode", codeName);
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
