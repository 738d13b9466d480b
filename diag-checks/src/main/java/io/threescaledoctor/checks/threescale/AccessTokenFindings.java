package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.time.Instant;

/**
 * What the access token adds to 3scale's answer: its claims as evidence, an expired or not yet
 * valid JWT as a finding of its own (the gateway refuses it before asking 3scale), and for an
 * opaque token what the doctor could and could not check.
 */
final class AccessTokenFindings {
  private AccessTokenFindings() {}

  /**
   * @param version the backend's version, or null when the backend did not answer
   */
  static CheckResult apply(
      CheckResult r, AccessToken token, Profile profile, BackendVersion version, Instant now) {
    if (token instanceof AccessToken.Jwt jwt) {
      return jwt(r, jwt, profile.credentials().appId(), now);
    }
    return opaque(r, (AccessToken.Opaque) token, profile.credentials().appId(), version);
  }

  private static CheckResult jwt(CheckResult r, AccessToken.Jwt jwt, String appId, Instant now) {
    r =
        r.withEvidence(
                "tokenType",
                "JWT (alg "
                    + jwt.algorithm()
                    + "), decoded only: the doctor neither verifies its signature nor sends it to"
                    + " 3scale")
            .withEvidence("tokenIssuer", jwt.issuer() == null ? "(no iss claim)" : jwt.issuer())
            .withEvidence(
                "tokenClient",
                jwt.client().map(c -> c + " (claim " + jwt.clientClaim() + ")").orElse("(none)"));
    if (!jwt.audience().isEmpty()) {
      r = r.withEvidence("tokenAudience", String.join(", ", jwt.audience()));
    }
    r =
        r.withEvidence(
            "tokenExpires",
            jwt.expires() == null
                ? "never (no exp claim; APIcast refuses a token without one)"
                : jwt.expires() + " (" + AccessToken.relative(jwt.expires(), now) + ")");
    if (jwt.client().isEmpty() && appId == null) {
      r =
          r.withEvidence(
              "note",
              "the token names no client (no azp or client_id claim), so nothing tells 3scale"
                  + " which application it belongs to: set credentials.appId, or APIcast's"
                  + " claim_with_client_id");
    } else if (appId != null && jwt.client().filter(c -> !c.equals(appId)).isPresent()) {
      r =
          r.withEvidence(
              "note",
              "credentials.appId "
                  + appId
                  + " is not the token's client "
                  + jwt.clientId()
                  + ": APIcast sends the "
                  + jwt.clientClaim()
                  + " claim unless its claim_with_client_id says otherwise");
    }
    if (jwt.expiredAt(now)) {
      return tokenFinding(
          r,
          "the access token expired at "
              + jwt.expires()
              + " ("
              + AccessToken.relative(jwt.expires(), now)
              + ")",
          "access-token-expired");
    }
    if (jwt.notYetValidAt(now)) {
      return tokenFinding(
          r,
          "the access token is not valid before "
              + jwt.notBefore()
              + " ("
              + AccessToken.relative(jwt.notBefore(), now)
              + "; a clock differs between the identity provider and this host)",
          "access-token-not-yet-valid");
    }
    return r;
  }

  /**
   * A token the gateway refuses is the client's problem when 3scale would authorize the
   * application; when 3scale refuses it too, 3scale's answer stays the finding.
   */
  private static CheckResult tokenFinding(CheckResult r, String what, String cause) {
    if (r.status() == Status.FAIL || r.status() == Status.ERROR) {
      return r.withSummary(r.summary() + "; besides, " + what);
    }
    return r.withStatus(Status.FAIL)
        .withHop(Hop.CLIENT)
        .withCause(cause)
        .withRemedy(null)
        .withSummary(
            what
                + ": the gateway refuses it before asking 3scale ("
                + r.summary()
                + " for its client)");
  }

  private static CheckResult opaque(
      CheckResult r, AccessToken.Opaque token, String appId, BackendVersion version) {
    r = r.withEvidence("tokenType", "opaque (" + token.whyNotJwt() + ")");
    if (version != null && version.keepsAccessTokens()) {
      return r.withEvidence(
          "note",
          "this backend ("
              + version.evidence()
              + ") still keeps access tokens: its answer covers the token itself");
    }
    return r.withEvidence(
        "note",
        "the doctor cannot read an opaque token's client, expiry or issuer, and backends since"
            + " apisonator 3.0 keep no access tokens: 3scale's answer is about the application"
            + " (app_id) only; whether the token is valid is for the gateway or the identity"
            + " provider (token introspection) to say"
            + (appId == null
                ? ". 3scale's OAuth authorize identifies the application by app_id (the token's"
                    + " client_id); set credentials.appId to authorize it"
                : ""));
  }
}
