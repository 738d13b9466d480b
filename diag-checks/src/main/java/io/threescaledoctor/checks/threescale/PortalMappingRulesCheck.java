package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the service's mapping rules (read-only) and matches them as APIcast does: the client's
 * request must match at least one rule, and no request should match two rules (each would count its
 * metric, so one call is counted twice).
 */
public final class PortalMappingRulesCheck implements Check {
  private static final int SHOWN_OVERLAPS = 5;

  @Override
  public String id() {
    return "portal.mappingrules";
  }

  @Override
  public Hop hop() {
    return Hop.THREESCALE;
  }

  @Override
  public String description() {
    return "The service's mapping rules match the client's request once, and no two rules match"
        + " the same request";
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.ADMIN);
  }

  @Override
  public List<String> dependsOn() {
    return List.of("portal.services");
  }

  @Override
  public CheckResult run(CheckContext context) {
    Optional<PortalService> found = PortalService.found(context);
    if (found.isEmpty()) {
      return PortalService.notIdentified();
    }
    String serviceId = found.get().service().id();
    HttpExchange ex =
        AdminApi.from(context)
            .get("/admin/api/services/" + serviceId + "/proxy/mapping_rules.json");
    if (ex.status() != 200) {
      return AdminApi.failure(ex, "the mapping rules of service " + serviceId)
          .withReproduce(ex.curl(context.redactor()));
    }
    MappingRules rules;
    try {
      rules = AdminJson.mappingRules(ex.bodyExcerpt());
    } catch (IOException e) {
      return AdminApi.onHop(
              CheckResult.fail("the admin portal's mapping_rules.json is not" + " readable")
                  .withCause("portal-error-status")
                  .withEvidence("body", Exchanges.excerpt(ex.bodyExcerpt())))
          .withReproduce(ex.curl(context.redactor()));
    }
    CheckResult r =
        judge(context.profile(), rules)
            .withEvidence("service", found.get().service().describe())
            .withEvidence("rules", rules.rules().size());
    return AdminApi.onHop(Exchanges.withTimings(r, ex)).withReproduce(ex.curl(context.redactor()));
  }

  static CheckResult judge(Profile profile, MappingRules rules) {
    String method = profile.client().methodOrDefault();
    String path = profile.client().pathOrDefault();
    String request = method + " " + path;
    if (rules.rules().isEmpty()) {
      return CheckResult.fail("the service has no mapping rules, so APIcast matches no request")
          .withCause("mapping-rule-no-match");
    }
    List<MappingRule> matched = rules.matching(method, path);
    List<MappingRules.Overlap> overlaps = rules.overlaps();
    CheckResult r;
    if (matched.isEmpty()) {
      r =
          CheckResult.fail("no mapping rule matches the client's request " + request)
              .withCause("mapping-rule-no-match");
    } else if (matched.size() > 1) {
      r =
          CheckResult.warn(
                  "the client's request "
                      + request
                      + " matches "
                      + matched.size()
                      + " mapping rules, so it is counted "
                      + matched.size()
                      + " times")
              .withCause("mapping-rule-double-count");
    } else if (!overlaps.isEmpty()) {
      r =
          CheckResult.warn(
                  overlaps.size()
                      + " pair(s) of mapping rules can match the same"
                      + " request, e.g. "
                      + overlaps.get(0).describe())
              .withCause("mapping-rule-double-count");
    } else {
      r =
          CheckResult.pass(
              "the client's request "
                  + request
                  + " matches exactly one mapping"
                  + " rule: "
                  + matched.get(0).describe());
    }
    r =
        r.withEvidence("request", request)
            .withEvidence(
                "matchedRules",
                matched.isEmpty()
                    ? "none"
                    : String.join("; ", matched.stream().map(MappingRule::describe).toList()));
    if (!overlaps.isEmpty()) {
      r =
          r.withEvidence(
              "overlaps",
              String.join(
                      " | ",
                      overlaps.stream()
                          .limit(SHOWN_OVERLAPS)
                          .map(MappingRules.Overlap::describe)
                          .toList())
                  + (overlaps.size() > SHOWN_OVERLAPS ? " | ..." : ""));
    }
    return r;
  }
}
