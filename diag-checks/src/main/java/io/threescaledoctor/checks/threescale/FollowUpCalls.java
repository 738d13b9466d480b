package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;

/**
 * Second authorize calls that settle what the first answer leaves open. Both are authorize calls
 * (nothing is counted) that differ from the first in one parameter.
 */
final class FollowUpCalls {
  /** Sent as app_key to learn whether 3scale checks keys at all; no application has it. */
  static final String NOT_A_KEY = "3scale-doctor-wrong-key-probe";

  private static final int BODY_BYTES = 64 * 1024;

  private FollowUpCalls() {}

  /**
   * An authorized app_id + app_key call proves the key only if a wrong key is refused: a service in
   * API key mode (backend_version 1) ignores app_key, and an application without keys accepts any
   * (apisonator's Validators::Key).
   */
  static CheckResult appKeyChecked(
      CheckResult authorized, ServiceManagementCall call, HttpProbe p) {
    HttpExchange ex = p.send(call.with("app_key", NOT_A_KEY).request(), BODY_BYTES);
    AuthorizeResponse a = AuthorizeResponseParser.parse(ex.bodyExcerpt());
    String rejection = ex.header("3scale-rejection-reason").orElse(null);
    if (ex.status() == 200 && Boolean.TRUE.equals(a.authorized())) {
      return authorized
          .withStatus(Status.WARN)
          .withSummary(
              authorized.summary()
                  + ", but it does not check app keys here: a wrong app_key is authorized too")
          .withCause("application-key-not-checked")
          .withEvidence(
              "appKeyChecked",
              "no: a second authorize with a wrong app_key was also authorized (the service is in"
                  + " API key mode, backend_version 1, which ignores app_key; or the application"
                  + " has no keys)");
    }
    if (ex.status() == 409
        && ("application_key_invalid".equals(rejection)
            || BackendErrorCatalog.standard()
                .byReason(a.reason())
                .filter(c -> c.code().equals("application_key_invalid"))
                .isPresent())) {
      return authorized.withEvidence(
          "appKeyChecked", "yes: 3scale refuses a wrong app_key (409 application_key_invalid)");
    }
    return authorized.withEvidence(
        "appKeyChecked",
        "unknown: a second authorize with a wrong app_key answered "
            + (ex.status() < 0 ? "nothing" : "HTTP " + ex.status()));
  }

  /** What a service_token_invalid answer was about, when the provider key can tell. */
  record ServiceIdVerdict(String summary, String remedy, String evidence) {}

  /**
   * 3scale answers service_token_invalid both for a wrong token and for a service id that does not
   * exist. The provider key tells them apart: with it, an unknown service id is service_id_invalid.
   */
  static ServiceIdVerdict serviceIdWithProviderKey(
      ServiceManagementCall call, Profile profile, HttpProbe p) {
    String serviceId = profile.threescale().serviceId();
    String providerKey = profile.threescale().providerKey().reveal();
    HttpExchange ex =
        p.send(call.replacing("service_token", "provider_key", providerKey).request(), BODY_BYTES);
    AuthorizeResponse a = AuthorizeResponseParser.parse(ex.bodyExcerpt());
    String code = a.isError() ? a.errorCode() : null;
    if ("service_id_invalid".equals(code)) {
      return new ServiceIdVerdict(
          "no service has id "
              + serviceId
              + " in the account of the provider key: the service id"
              + " is wrong",
          "Use the id of an existing service (its overview page in the admin portal), with that"
              + " service's token.",
          "the provider key's account has no service " + serviceId + " (service_id_invalid)");
    }
    if ("provider_key_invalid".equals(code)) {
      return new ServiceIdVerdict(
          "the provider key is not valid either, so the doctor cannot tell whether service "
              + serviceId
              + " exists",
          null,
          "the provider key is invalid too (provider_key_invalid)");
    }
    if (ex.status() < 0) {
      return new ServiceIdVerdict(null, null, "no answer to the same call with the provider key");
    }
    return new ServiceIdVerdict(
        "service "
            + serviceId
            + " exists (the provider key reaches it): the service token is wrong or belongs to"
            + " another service",
        "Copy the token of service "
            + serviceId
            + " from the admin portal (Integrate > API Credentials lists each service's tokens)"
            + " into the gateway's configuration and the profile.",
        "with the provider key the same call answers HTTP "
            + ex.status()
            + (code == null ? "" : " " + code)
            + ": service "
            + serviceId
            + " exists");
  }
}
