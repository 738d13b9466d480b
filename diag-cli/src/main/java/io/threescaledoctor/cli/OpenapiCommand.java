package io.threescaledoctor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threescaledoctor.checks.openapi.ExistingService;
import io.threescaledoctor.checks.openapi.ImportPlan;
import io.threescaledoctor.checks.openapi.ImportPreview;
import io.threescaledoctor.checks.openapi.OpenApiDefinition;
import io.threescaledoctor.checks.openapi.OpenApiException;
import io.threescaledoctor.checks.openapi.OpenApiSource;
import io.threescaledoctor.checks.openapi.ProfileContext;
import io.threescaledoctor.checks.threescale.MappingRule;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.report.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor openapi FILE|URL}: what {@code 3scale import openapi} would do (§2.5). */
@Command(
    name = "openapi",
    sortOptions = false,
    description = {
      "Preview '3scale import openapi' for a definition (JSON or YAML, OpenAPI 2.0 or 3.x) and say"
          + " where it will hurt:",
      "  * not valid OpenAPI 2.0 (what the 3scale 2.5 toolbox validates) or 3.x"
          + " (openapi-invalid, FAIL; 3.x: openapi-version-3, WARN);",
      "  * operations without operationId: their methods are created anew"
          + " (openapi-operation-id-missing, WARN); duplicate operationIds, also after the"
          + " toolbox lower-cases them (openapi-operation-id-duplicate, FAIL);",
      "  * the mapping rules it creates (METHOD basePath+path, ending in $) and those that one"
          + " request matches twice (mapping-rule-double-count, WARN);",
      "  * the service name (info.title) and system name; the security scheme against the"
          + " service's credentials location; the server (host/basePath) against the private"
          + " base URL.",
      "Every import deletes all mapping rules of the service. With an admin portal"
          + " (threescale.admin, or --admin) the preview reads the service of that system name"
          + " (GET only) and lists the methods and mapping rules the import would add, replace"
          + " and delete (openapi-import-deletes-mapping-rules, WARN). A FILE is read without any"
          + " network call unless an admin portal is given.",
      "",
      "Examples:",
      "  3scale-doctor openapi petstore.yaml",
      "  3scale-doctor openapi https://petstore.example.com/v2/swagger.json --format json",
      "  3scale-doctor openapi petstore.yaml --admin prod -t petstore",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the import would go through (warnings allowed)",
      "1:at least one FAIL finding",
      "2:bad input (unreadable file or URL, not JSON/YAML, not OpenAPI, bad option)",
      "3:the doctor itself broke",
      "4:the admin portal could not be compared (nothing failed otherwise)"
    })
public final class OpenapiCommand implements Callable<Integer>, DoctorSubcommand {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE|URL", description = "The OpenAPI definition, a file or a URL.")
  String source;

  @Option(
      names = {"-t", "--target-system-name"},
      paramLabel = "NAME",
      description = "The service's system name, as the toolbox's -t (default: from info.title).")
  String targetSystemName;

  @Option(
      names = "--prefix-matching",
      description = "Patterns without the trailing $, as the toolbox's --prefix-matching.")
  boolean prefixMatching;

  @Mixin TextOrJson output;

  @Mixin Verbosity verbosity;

  @Mixin ProfileOptions profileOptions;

  @Override
  public Integer call() throws Exception {
    boolean json = output.json();
    Profile profile = profileOptions.load();
    ProfileContext context = new ProfileContext(profile);
    OpenApiDefinition definition;
    try {
      definition = OpenApiDefinition.read(OpenApiSource.read(source, context), source);
    } catch (OpenApiException e) {
      throw new BadInputException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    ImportPlan plan = ImportPlan.of(definition, targetSystemName, prefixMatching);
    Optional<ExistingService> existing = Optional.empty();
    String portalProblem = null;
    boolean portalAsked = profile.threescale().adminUrl().isPresent();
    if (portalAsked) {
      try {
        existing = ExistingService.find(context, plan.systemName());
      } catch (ExistingService.PortalException | IllegalArgumentException e) {
        portalProblem = context.redactor().mask(e.getMessage());
      }
    }
    ImportPreview preview = ImportPreview.of(definition, plan, existing, profile);
    PrintWriter out = spec.commandLine().getOut();
    if (verbosity.quiet()) {
      out.println(verdict(preview, portalProblem));
    } else if (json) {
      // Made here, not in a static field: every verb is instantiated for a bare --version.
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out.println(mapper.writeValueAsString(json(mapper, preview, portalAsked, portalProblem)));
    } else {
      text(preview, portalAsked, portalProblem, out);
    }
    out.flush();
    if (preview.status() == Status.FAIL) {
      return ExitCode.FAILING;
    }
    return portalProblem != null ? ExitCode.INCONCLUSIVE : ExitCode.OK;
  }

  /** The one line of {@code --quiet}: the worst finding and the causes, or that all is clear. */
  private String verdict(ImportPreview p, String portalProblem) {
    String causes =
        p.findings().stream().map(ImportPreview.Finding::cause).distinct().toList().toString();
    String head =
        p.findings().isEmpty()
            ? source + ": PASS, no finding"
            : source + ": " + p.status() + ", " + p.findings().size() + " finding(s) " + causes;
    return portalProblem == null ? head : head + "; admin portal not compared";
  }

  private void text(ImportPreview p, boolean portalAsked, String portalProblem, PrintWriter out) {
    OpenApiDefinition d = p.definition();
    ImportPlan plan = p.plan();
    out.printf(
        "%s: %s %s, %s%n",
        source,
        d.swagger2() ? "Swagger (OpenAPI)" : "OpenAPI",
        d.version(),
        d.messages().isEmpty() ? "valid" : d.messages().size() + " validation error(s)");
    out.printf(
        "service        %s -> system name %s%s%n",
        plan.serviceName().isEmpty() ? "(no info.title)" : "'" + plan.serviceName() + "'",
        plan.systemName(),
        targetSystemName == null ? " (from info.title; -t overrides)" : " (-t)");
    out.printf(
        "server         %s -> private base URL %s, public base path %s%n",
        d.server() == null ? "(none)" : d.server(),
        plan.privateBaseUrl() == null ? "(unchanged)" : plan.privateBaseUrl(),
        plan.publicBasePath());
    out.printf(
        "security       %s%n",
        d.security() == null
            ? "(none: the service's authentication is left as it is)"
            : d.security().describe()
                + (plan.credentialsLocation() == null
                    ? ""
                    : " -> credentials location "
                        + plan.credentialsLocation()
                        + (plan.userKeyName() == null
                            ? ""
                            : ", key '" + plan.userKeyName() + "'")));
    long named = plan.methods().stream().filter(ImportPlan.PlannedMethod::fromOperationId).count();
    out.printf(
        "methods        %d (%d from operationId, %d named from method and path), under Hits%n",
        plan.methods().size(), named, plan.methods().size() - named);
    out.printf(
        "mapping rules  %d, %s; every existing rule of the service is deleted first%n",
        plan.rules().rules().size(),
        plan.prefixMatching() ? "prefix matching" : "strict matching (each pattern ends in $)");
    for (MappingRule r : plan.rules().rules()) {
      out.printf("  %-7s %-40s -> %s%n", r.httpMethod(), r.pattern(), r.metric());
    }
    out.println();
    if (p.findings().isEmpty()) {
      out.println("No finding: the import would go through as shown.");
    } else {
      out.println("Findings:");
      for (ImportPreview.Finding f : p.findings()) {
        out.printf("  %-4s %-38s %s%n", f.status(), f.cause(), f.message());
        if (verbosity.verbose()) {
          KnownIssueCatalog.standard()
              .find(f.cause())
              .ifPresent(
                  i -> out.printf("       remedy: %s (guide %s)%n", i.remedy(), i.reference()));
        }
      }
    }
    if (!portalAsked) {
      out.println();
      out.println(
          "Admin portal: not asked (give --admin or threescale.admin to compare with the service).");
      return;
    }
    out.println();
    if (portalProblem != null) {
      out.println("Admin portal: not compared: " + portalProblem);
      return;
    }
    if (p.changes().isEmpty()) {
      out.printf(
          "Admin portal: no service has system name %s: the import creates it.%n",
          plan.systemName());
      return;
    }
    ImportPreview.ServiceChanges c = p.changes().get();
    out.printf("Admin portal: service %s%n", c.service().service().describe());
    out.printf("  methods added           %s%n", list(c.methodsAdded()));
    out.printf("  methods replaced        %s%n", list(c.methodsReplaced()));
    out.printf("  methods left uncounted  %s%n", list(c.methodsLeftWithoutRules()));
    out.printf("  rules deleted for good  %s%n", rules(c.rulesDeleted()));
    out.printf("  rules re-created        %s%n", rules(c.rulesRecreated()));
    out.printf("  rules added             %s%n", rules(c.rulesAdded()));
  }

  private static String list(List<String> names) {
    return names.isEmpty() ? "none" : names.size() + ": " + String.join(", ", names);
  }

  private static String rules(List<MappingRule> rules) {
    return rules.isEmpty()
        ? "none"
        : rules.size()
            + ": "
            + String.join(
                "; ", rules.stream().map(r -> r.httpMethod() + " " + r.pattern()).toList());
  }

  private ObjectNode json(
      ObjectMapper mapper, ImportPreview p, boolean portalAsked, String portalProblem) {
    OpenApiDefinition d = p.definition();
    ImportPlan plan = p.plan();
    ObjectNode root = mapper.createObjectNode();
    root.put("schemaVersion", 1);
    root.put("kind", "openapi-import-preview");
    root.put("source", source);
    root.put("version", d.version());
    root.put("valid", d.messages().isEmpty());
    ArrayNode messages = root.putArray("validationMessages");
    d.messages().forEach(messages::add);
    ObjectNode service = root.putObject("service");
    service.put("name", plan.serviceName());
    service.put("systemName", plan.systemName());
    root.put("server", d.server());
    root.put("privateBaseUrl", plan.privateBaseUrl());
    root.put("publicBasePath", plan.publicBasePath());
    root.put("credentialsLocation", plan.credentialsLocation());
    root.put("userKeyName", plan.userKeyName());
    root.put("security", d.security() == null ? null : d.security().describe());
    root.put("prefixMatching", plan.prefixMatching());
    ArrayNode methods = root.putArray("methods");
    for (ImportPlan.PlannedMethod m : plan.methods()) {
      ObjectNode n = methods.addObject();
      n.put("friendlyName", m.friendlyName());
      n.put("systemName", m.systemName());
      n.put("operationId", m.operation().operationId());
      n.put("operation", m.operation().describe());
    }
    root.set("mappingRules", rulesJson(mapper, plan.rules().rules()));
    ArrayNode findings = root.putArray("findings");
    for (ImportPreview.Finding f : p.findings()) {
      ObjectNode n = findings.addObject();
      n.put("status", f.status().name());
      n.put("cause", f.cause());
      n.put("message", f.message());
      Optional<KnownIssue> issue = KnownIssueCatalog.standard().find(f.cause());
      n.put("remedy", issue.map(KnownIssue::remedy).orElse(null));
      n.put("reference", issue.map(KnownIssue::reference).orElse(null));
    }
    ObjectNode portal = root.putObject("portal");
    portal.put("asked", portalAsked);
    portal.put("problem", portalProblem);
    if (p.changes().isPresent()) {
      ImportPreview.ServiceChanges c = p.changes().get();
      portal.put("serviceId", c.service().service().id());
      portal.put("exists", true);
      portal.set("methodsAdded", strings(mapper, c.methodsAdded()));
      portal.set("methodsReplaced", strings(mapper, c.methodsReplaced()));
      portal.set("methodsLeftWithoutRules", strings(mapper, c.methodsLeftWithoutRules()));
      portal.set("rulesDeleted", rulesJson(mapper, c.rulesDeleted()));
      portal.set("rulesRecreated", rulesJson(mapper, c.rulesRecreated()));
      portal.set("rulesAdded", rulesJson(mapper, c.rulesAdded()));
    } else {
      portal.put("exists", portalAsked && portalProblem == null ? false : null);
    }
    return root;
  }

  private static ArrayNode strings(ObjectMapper mapper, List<String> values) {
    ArrayNode a = mapper.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  private static ArrayNode rulesJson(ObjectMapper mapper, List<MappingRule> rules) {
    ArrayNode a = mapper.createArrayNode();
    for (MappingRule r : rules) {
      ObjectNode n = a.addObject();
      n.put("httpMethod", r.httpMethod());
      n.put("pattern", r.pattern());
      n.put("metric", r.metric());
    }
    return a;
  }
}
