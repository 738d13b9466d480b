package io.threescaledoctor.checks.openapi;

import io.threescaledoctor.checks.threescale.MappingRule;
import io.threescaledoctor.checks.threescale.MappingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code 3scale import openapi} makes of a definition, following the 3scale toolbox: the
 * service named from {@code info.title} (system name: lower case, every other character {@code _}),
 * one method per operation named by its {@code operationId} (or, without one, by method and path),
 * and one mapping rule per operation: {@code METHOD basePath+path}, ending in {@code $} unless
 * prefix matching is asked for, counting that operation's method.
 *
 * @param systemName the service's system name: {@code --target-system-name}, or from the title
 * @param credentialsLocation {@code query} or {@code headers} for an API key, {@code headers} for
 *     OAuth, or null when the definition says nothing
 */
public record ImportPlan(
    String serviceName,
    String systemName,
    List<PlannedMethod> methods,
    MappingRules rules,
    String privateBaseUrl,
    String publicBasePath,
    String credentialsLocation,
    String userKeyName,
    boolean prefixMatching) {

  /** A method the import creates or updates, and the operation it comes from. */
  public record PlannedMethod(
      String friendlyName, String systemName, OpenApiDefinition.Operation operation) {
    public boolean fromOperationId() {
      return operation.operationId() != null;
    }
  }

  public static ImportPlan of(
      OpenApiDefinition definition, String targetSystemName, boolean prefixMatching) {
    String title = definition.title() == null ? "" : definition.title();
    String system =
        targetSystemName != null && !targetSystemName.isBlank()
            ? targetSystemName
            : systemName(title);
    List<PlannedMethod> methods = new ArrayList<>();
    List<MappingRule> rules = new ArrayList<>();
    String base = definition.basePath();
    int position = 0;
    for (OpenApiDefinition.Operation op : definition.operations()) {
      String friendly =
          op.operationId() != null
              ? op.operationId()
              : op.method().toLowerCase(Locale.ROOT) + op.path().replaceAll("[^A-Za-z0-9_]", "");
      PlannedMethod m = new PlannedMethod(friendly, systemName(friendly), op);
      methods.add(m);
      String pattern = base + op.path() + (prefixMatching ? "" : "$");
      rules.add(new MappingRule(op.method(), pattern, m.systemName(), 1, false, ++position));
    }
    OpenApiDefinition.Security s = definition.security();
    String location = null;
    String keyName = null;
    if (s != null && s.type().equals("apiKey")) {
      location = "header".equals(s.in()) ? "headers" : s.in();
      keyName = s.name();
    } else if (s != null && (s.type().equals("oauth2") || s.type().equals("openIdConnect"))) {
      location = "headers";
    }
    return new ImportPlan(
        title,
        system,
        methods,
        new MappingRules(rules),
        definition.serverHost().orElse(null),
        base.isEmpty() ? "/" : base,
        location,
        keyName,
        prefixMatching);
  }

  /** The toolbox's system name: lower case, every character but letters, digits and _ as _. */
  static String systemName(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }
}
