package io.threescaledoctor.checks.openapi;

import io.threescaledoctor.checks.threescale.MappingRule;
import io.threescaledoctor.checks.threescale.MappingRules;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verdict on an import before it runs: findings (each with a known-issue id) and, when the
 * admin portal was asked, what happens to the existing service's methods and mapping rules.
 */
public record ImportPreview(
    OpenApiDefinition definition,
    ImportPlan plan,
    List<Finding> findings,
    Optional<ServiceChanges> changes) {

  /** One problem with the import. */
  public record Finding(Status status, String cause, String message) {}

  /**
   * What the import does to an existing service: methods added (new system name), replaced (same
   * system name), kept but left without any mapping rule; rules deleted for good, re-created as
   * they were, and new.
   */
  public record ServiceChanges(
      ExistingService service,
      List<String> methodsAdded,
      List<String> methodsReplaced,
      List<String> methodsLeftWithoutRules,
      List<MappingRule> rulesDeleted,
      List<MappingRule> rulesRecreated,
      List<MappingRule> rulesAdded) {}

  /**
   * Judges {@code plan}; {@code existing} is the service of the same system name on the admin
   * portal (empty when it would be created, or when no portal was asked); {@code profile} gives
   * {@code api.url} and {@code credentials.in} to compare with when there is no service.
   */
  public static ImportPreview of(
      OpenApiDefinition definition,
      ImportPlan plan,
      Optional<ExistingService> existing,
      Profile profile) {
    List<Finding> findings = new ArrayList<>();
    validity(definition, findings);
    operationIds(plan, findings);
    overlaps(plan, findings);
    security(definition, plan, existing, profile, findings);
    privateBaseUrl(plan, existing, profile, findings);
    Optional<ServiceChanges> changes = existing.map(s -> changes(plan, s));
    changes.ifPresent(c -> deletions(c, findings));
    findings.sort((a, b) -> b.status().severity() - a.status().severity());
    return new ImportPreview(definition, plan, List.copyOf(findings), changes);
  }

  /** The worst status of the findings; PASS when there are none. */
  public Status status() {
    return findings.stream().map(Finding::status).reduce(Status.PASS, Status::worst);
  }

  private static void validity(OpenApiDefinition d, List<Finding> findings) {
    if (!d.messages().isEmpty()) {
      findings.add(
          new Finding(
              Status.FAIL,
              "openapi-invalid",
              "not valid OpenAPI "
                  + d.version()
                  + ": "
                  + String.join("; ", d.messages().stream().limit(5).toList())
                  + (d.messages().size() > 5
                      ? " (and " + (d.messages().size() - 5) + " more)"
                      : "")));
    }
    if (!d.swagger2()) {
      findings.add(
          new Finding(
              Status.WARN,
              "openapi-version-3",
              "OpenAPI "
                  + d.version()
                  + ": the 3scale 2.5 toolbox validates definitions as OpenAPI 2.0 and rejects"
                  + " this one; newer toolbox releases import 3.0"));
    }
  }

  private static void operationIds(ImportPlan plan, List<Finding> findings) {
    List<String> missing =
        plan.methods().stream()
            .filter(m -> !m.fromOperationId())
            .map(m -> m.operation().describe() + " -> " + m.systemName())
            .toList();
    if (!missing.isEmpty()) {
      findings.add(
          new Finding(
              Status.WARN,
              "openapi-operation-id-missing",
              missing.size()
                  + " operation(s) without operationId get methods named from method and path,"
                  + " which match no existing method and are created anew: "
                  + String.join(", ", missing)));
    }
    Map<String, List<ImportPlan.PlannedMethod>> bySystemName = new LinkedHashMap<>();
    for (ImportPlan.PlannedMethod m : plan.methods()) {
      bySystemName.computeIfAbsent(m.systemName(), k -> new ArrayList<>()).add(m);
    }
    for (Map.Entry<String, List<ImportPlan.PlannedMethod>> e : bySystemName.entrySet()) {
      List<ImportPlan.PlannedMethod> same = e.getValue();
      if (same.size() < 2) {
        continue;
      }
      Set<String> ids = new LinkedHashSet<>();
      same.forEach(m -> ids.add(m.friendlyName()));
      String operations =
          String.join(", ", same.stream().map(m -> m.operation().describe()).toList());
      findings.add(
          new Finding(
              Status.FAIL,
              "openapi-operation-id-duplicate",
              (ids.size() == 1
                      ? "operationId '" + ids.iterator().next() + "' is used by " + operations
                      : "operationIds "
                          + String.join(", ", ids.stream().map(i -> "'" + i + "'").toList())
                          + " make the same method system name '"
                          + e.getKey()
                          + "' for "
                          + operations)
                  + ": one method '"
                  + e.getKey()
                  + "' counts all of them"));
    }
  }

  private static void overlaps(ImportPlan plan, List<Finding> findings) {
    for (MappingRules.Overlap o : plan.rules().overlaps()) {
      findings.add(
          new Finding(
              Status.WARN,
              "mapping-rule-double-count",
              "one request is counted twice: " + o.describe()));
    }
  }

  private static void security(
      OpenApiDefinition d,
      ImportPlan plan,
      Optional<ExistingService> existing,
      Profile profile,
      List<Finding> findings) {
    OpenApiDefinition.Security s = d.security();
    if (s == null) {
      return;
    }
    if (!s.type().equals("apiKey") && plan.credentialsLocation() == null) {
      findings.add(
          new Finding(
              Status.WARN,
              "openapi-security-mismatch",
              "security scheme "
                  + s.describe()
                  + ": the toolbox maps only apiKey and oauth2 schemes to 3scale authentication"));
      return;
    }
    String service;
    String serviceKey;
    String where;
    if (existing.isPresent()) {
      service = existing.get().proxy().credentialsLocation();
      serviceKey = existing.get().proxy().userKeyName();
      where = "service " + existing.get().service().describe();
    } else if (!profile.credentials().isEmpty()) {
      service =
          profile.credentials().inOrDefault() == Profile.CredentialsLocation.HEADER
              ? "headers"
              : "query";
      serviceKey = "user_key";
      where = "the profile's credentials.in";
    } else {
      return;
    }
    if (service == null || plan.credentialsLocation() == null) {
      return;
    }
    boolean sameLocation = service.equals(plan.credentialsLocation());
    boolean sameName =
        plan.userKeyName() == null || serviceKey == null || plan.userKeyName().equals(serviceKey);
    if (!sameLocation || !sameName) {
      findings.add(
          new Finding(
              Status.WARN,
              "openapi-security-mismatch",
              "the definition sends credentials as "
                  + s.describe()
                  + " (credentials location "
                  + plan.credentialsLocation()
                  + (plan.userKeyName() == null ? "" : ", key '" + plan.userKeyName() + "'")
                  + ") but "
                  + where
                  + " reads them from "
                  + service
                  + (serviceKey == null ? "" : " as '" + serviceKey + "'")
                  + ": clients that follow the definition are refused, or, if the import"
                  + " changes the service, clients that follow the service are"));
    }
  }

  private static void privateBaseUrl(
      ImportPlan plan,
      Optional<ExistingService> existing,
      Profile profile,
      List<Finding> findings) {
    String current = existing.map(e -> e.proxy().privateBaseUrl()).orElse(profile.api().url());
    if (plan.privateBaseUrl() == null || current == null || current.isBlank()) {
      return;
    }
    if (!origin(plan.privateBaseUrl()).equals(origin(current))) {
      findings.add(
          new Finding(
              Status.WARN,
              "openapi-private-base-url-mismatch",
              "the definition's server "
                  + plan.privateBaseUrl()
                  + " is not the private base URL "
                  + current
                  + (existing.isPresent() ? " of the service" : " (api.url)")
                  + ": an import that takes the private base URL from the definition points the"
                  + " gateway there"));
    }
  }

  private static String origin(String url) {
    try {
      URI u = URI.create(url);
      String scheme = u.getScheme() == null ? "https" : u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort() > 0 ? u.getPort() : scheme.equals("http") ? 80 : 443;
      return scheme + "://" + String.valueOf(u.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  private static ServiceChanges changes(ImportPlan plan, ExistingService s) {
    List<String> added = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    Set<String> planned = new LinkedHashSet<>();
    for (ImportPlan.PlannedMethod m : plan.methods()) {
      if (!planned.add(m.systemName())) {
        continue;
      }
      (s.methods().containsKey(m.systemName()) ? replaced : added).add(m.systemName());
    }
    List<String> leftWithoutRules = new ArrayList<>();
    for (String method : s.methods().keySet()) {
      boolean hadRule = s.rules().stream().anyMatch(r -> r.metric().equals(method));
      if (hadRule && !planned.contains(method)) {
        leftWithoutRules.add(method);
      }
    }
    List<MappingRule> deleted = new ArrayList<>();
    List<MappingRule> recreated = new ArrayList<>();
    for (MappingRule r : s.rules()) {
      boolean again =
          plan.rules().rules().stream()
              .anyMatch(
                  p ->
                      p.httpMethod().equalsIgnoreCase(r.httpMethod())
                          && p.pattern().equals(r.pattern())
                          && p.metric().equals(r.metric()));
      (again ? recreated : deleted).add(r);
    }
    List<MappingRule> newRules =
        plan.rules().rules().stream()
            .filter(
                p ->
                    recreated.stream()
                        .noneMatch(
                            r ->
                                p.httpMethod().equalsIgnoreCase(r.httpMethod())
                                    && p.pattern().equals(r.pattern())
                                    && p.metric().equals(r.metric())))
            .toList();
    return new ServiceChanges(s, added, replaced, leftWithoutRules, deleted, recreated, newRules);
  }

  private static void deletions(ServiceChanges c, List<Finding> findings) {
    if (c.rulesDeleted().isEmpty()) {
      return;
    }
    findings.add(
        new Finding(
            Status.WARN,
            "openapi-import-deletes-mapping-rules",
            "the import deletes all "
                + c.service().rules().size()
                + " mapping rules of service "
                + c.service().service().describe()
                + "; "
                + c.rulesDeleted().size()
                + " of them are not in the definition and are lost: "
                + String.join(
                    "; ", c.rulesDeleted().stream().limit(10).map(MappingRule::describe).toList())
                + (c.methodsLeftWithoutRules().isEmpty()
                    ? ""
                    : "; methods left without a mapping rule (no longer counted): "
                        + String.join(", ", c.methodsLeftWithoutRules()))));
  }
}
