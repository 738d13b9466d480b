package io.threescaledoctor.checks.apicast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.checks.http.OwnProbes;
import io.threescaledoctor.checks.nginx.NginxConfigException;
import io.threescaledoctor.checks.nginx.NginxConfigParser;
import io.threescaledoctor.checks.nginx.NginxDirective;
import io.threescaledoctor.checks.threescale.AdminApi;
import io.threescaledoctor.checks.threescale.Exchanges;
import io.threescaledoctor.checks.threescale.PortalService;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guide's ActiveDocs test (§4.4.1), for every operation the service documents: each is called
 * through the gateway with credentials no application has. The gateway's authentication failure
 * proves that the path client → gateway → 3scale works for that operation; a 404 with no mapping
 * rule means the gateway does not route it to 3scale at all, and an answer from the API itself
 * means the gateway lets it through without asking 3scale. Both point at the mapping rules.
 *
 * <p>The spec is the file {@code threescale.activeDocs}, or else the service's specs from the admin
 * portal's ActiveDocs list. When the gateway's nginx.conf shows an allow-list of client addresses,
 * the guide's advice applies: ActiveDocs calls come through 3scale's proxy from floating addresses,
 * which no allow-list can follow.
 */
public final class ClientActiveDocsCheck implements Check {
  /** Enough for a large API; a bigger spec costs more calls than a check should make. */
  static final int MAX_OPERATIONS = 64;

  /** Made when the check first runs, not when the standard checks are loaded (StartupCostTest). */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private static final int MAX_SPEC_BYTES = 8 << 20;

  /** What one operation's answer means. */
  enum Outcome {
    AUTHENTICATED("the gateway asked 3scale, which rejected the invalid credentials"),
    NO_CREDENTIALS_FOUND("the gateway found no credentials where the spec sends them"),
    NOT_MAPPED("no mapping rule (or location) covers it"),
    NO_3SCALE_CHECK("answered without any 3scale check"),
    REDIRECTED("the gateway redirected it elsewhere before any 3scale check"),
    GATEWAY_ERROR("the gateway answered with an error of its own");

    final String meaning;

    Outcome(String meaning) {
      this.meaning = meaning;
    }
  }

  @Override
  public String id() {
    return "client.activedocs";
  }

  @Override
  public Hop hop() {
    return Hop.CLIENT_GATEWAY;
  }

  @Override
  public String description() {
    return "Each operation of the service's ActiveDocs spec, called through the gateway with"
        + " invalid credentials, meets 3scale's authentication (guide 4.4.1)";
  }

  @Override
  public List<String> runsAfter() {
    return List.of("tcp.connect", "tls.handshake", "portal.services");
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    String url = profile.gateway().url();
    if (url == null || url.isBlank()) {
      return Optional.of("gateway.url");
    }
    String file = profile.threescale().activeDocs();
    if ((file == null || file.isBlank()) && profile.endpointUrl(Endpoint.ADMIN).isEmpty()) {
      return Optional.of("threescale.activeDocs");
    }
    return Optional.empty();
  }

  @Override
  public CheckResult run(CheckContext context) {
    Specs specs = specs(context);
    if (specs.result != null) {
      return specs.result;
    }
    List<ActiveDocsSpec.Operation> operations = new ArrayList<>();
    for (ActiveDocsSpec s : specs.found) {
      for (ActiveDocsSpec.Operation o : s.operations()) {
        if (operations.stream().noneMatch(known -> known.label().equals(o.label()))) {
          operations.add(o);
        }
      }
    }
    if (operations.isEmpty()) {
      return CheckResult.warn(specs.source + " documents no operation: nothing to call")
          .withEvidence("spec", specs.source);
    }
    ActiveDocsSpec spec = specs.found.get(0);
    List<ActiveDocsSpec.Credential> credentials = credentials(spec, context.profile());
    Integer authFailedStatus =
        context
            .resultOf("portal.services")
            .flatMap(r -> r.facts(PortalService.class))
            .map(ps -> ps.proxy().authFailedStatus())
            .orElse(null);
    HttpProbe probe = HttpProbe.from(context);
    Map<String, String> perOperation = new LinkedHashMap<>();
    Map<Outcome, List<String>> byOutcome = new EnumMap<>(Outcome.class);
    HttpExchange firstProblem = null;
    HttpExchange first = null;
    int called = 0;
    // Half the per-check timeout: a slow gateway costs fewer calls, never the whole result.
    long budgetNanos = context.profile().timeouts().perCheckOrDefault().toNanos() / 2;
    long start = System.nanoTime();
    String stopped = null;
    for (ActiveDocsSpec.Operation o : operations) {
      if (context.cancelled() || called == MAX_OPERATIONS) {
        stopped = called == MAX_OPERATIONS ? "at most " + MAX_OPERATIONS + " are called" : null;
        break;
      }
      if (System.nanoTime() - start > budgetNanos) {
        stopped = "half the per-check timeout (timeouts.check) had passed";
        break;
      }
      HttpExchange ex = probe.send(request(context.profile(), spec.basePath(), o, credentials));
      called++;
      first = first == null ? ex : first;
      if (ex.status() < 0) {
        return Exchanges.noResponse(
                ex,
                o.label() + " with invalid credentials: the gateway cannot be reached",
                "gateway-unreachable",
                "gateway-unreachable")
            .withReproduce(ex.curl(context.redactor()));
      }
      Outcome outcome = classify(ex, authFailedStatus);
      byOutcome.computeIfAbsent(outcome, k -> new ArrayList<>()).add(o.label());
      perOperation.put(o.label(), answer(ex) + ": " + outcome.meaning);
      if (firstProblem == null && outcome != Outcome.AUTHENTICATED) {
        firstProblem = ex;
      }
    }
    CheckResult r = judge(byOutcome, called, operations.size());
    Optional<String> allowList = clientAllowList(context.profile());
    if (allowList.isPresent() && r.status() == Status.PASS) {
      r =
          CheckResult.warn(
                  r.summary()
                      + "; but the gateway lets only listed client addresses in, and ActiveDocs"
                      + " calls come from 3scale's proxy at floating addresses")
              .withCause("activedocs-client-ip-filter");
    }
    r =
        r.withEvidence("spec", specs.source)
            .withEvidence("operations", operations.size())
            .withEvidence("called", called)
            .withEvidence("invalidCredentials", describe(credentials));
    if (stopped != null) {
      r = r.withEvidence("notCalled", (operations.size() - called) + ", as " + stopped);
    }
    if (!spec.basePath().isEmpty()) {
      r = r.withEvidence("basePath", spec.basePath());
    }
    r = r.withEvidence(perOperation);
    if (allowList.isPresent()) {
      r = r.withEvidence("clientAllowList", allowList.get());
    }
    HttpExchange shown = firstProblem != null ? firstProblem : first;
    return r.withReproduce(shown.curl(context.redactor()));
  }

  /** The verdict over every operation called; the worst finding names the cause. */
  private static CheckResult judge(Map<Outcome, List<String>> byOutcome, int called, int total) {
    List<String> parts = new ArrayList<>();
    byOutcome.forEach(
        (outcome, labels) ->
            parts.add(
                labels.size()
                    + " "
                    + outcome.meaning
                    + (outcome == Outcome.AUTHENTICATED
                        ? ""
                        : " (" + String.join(", ", labels) + ")")));
    String summary =
        called
            + (called < total ? " of " + total : "")
            + " ActiveDocs operation(s) called through the gateway with invalid credentials: "
            + String.join("; ", parts);
    if (byOutcome.containsKey(Outcome.NO_3SCALE_CHECK)) {
      return CheckResult.fail(summary).withCause("gateway-accepts-invalid-credentials");
    }
    if (byOutcome.containsKey(Outcome.NOT_MAPPED)) {
      return CheckResult.fail(summary).withCause("mapping-rule-no-match");
    }
    if (byOutcome.containsKey(Outcome.NO_CREDENTIALS_FOUND)) {
      return CheckResult.warn(summary).withCause("credentials-location-mismatch");
    }
    if (byOutcome.containsKey(Outcome.REDIRECTED)) {
      return CheckResult.warn(summary).withCause("gateway-redirects");
    }
    if (byOutcome.containsKey(Outcome.GATEWAY_ERROR)) {
      return CheckResult.warn(
          summary + "; the gateway and 3scale checks say why it answers with errors");
    }
    return CheckResult.pass(summary + ": the path client -> gateway -> 3scale works for each");
  }

  /**
   * What an answer to a call with invalid credentials means. 3scale's rejection (APIcast's texts,
   * the service's configured status, nginx's 401/403 after auth_request) proves the check ran; a
   * 404 that is not APIcast's empty "no service" answer means nothing routed the path to 3scale; an
   * answer that is not the gateway's own (no APIcast text, no nginx error page) came from the API.
   */
  static Outcome classify(HttpExchange ex, Integer authFailedStatus) {
    GatewayAnswer answer = GatewayAnswer.classify(ex.status(), ex.bodyExcerpt());
    if (authFailedStatus != null && ex.status() == authFailedStatus) {
      return Outcome.AUTHENTICATED;
    }
    return switch (answer) {
      case AUTH_FAILED, NGINX_FORBIDDEN, LIMITS_EXCEEDED -> Outcome.AUTHENTICATED;
      case AUTH_MISSING -> Outcome.NO_CREDENTIALS_FOUND;
      case NO_MAPPING_RULE, SERVICE_NOT_FOUND -> Outcome.NOT_MAPPED;
      case SUCCESS -> Outcome.NO_3SCALE_CHECK;
      case REDIRECT -> Outcome.REDIRECTED;
      default -> {
        if (ex.status() == 401) {
          yield Outcome.AUTHENTICATED;
        }
        if (ex.status() == 404) {
          yield Outcome.NOT_MAPPED;
        }
        yield GatewayAnswer.isNginxErrorPage(ex.bodyExcerpt())
            ? Outcome.GATEWAY_ERROR
            : Outcome.NO_3SCALE_CHECK;
      }
    };
  }

  /** {@code 404 Not Found "No Mapping Rule matched"}: the status, and the body when it is text. */
  private static String answer(HttpExchange ex) {
    String status = ex.statusLine().replaceFirst("^HTTP(/[0-9.]+)? ", "");
    String text = ex.bodyExcerpt().strip().lines().findFirst().orElse("");
    if (text.isEmpty() || text.startsWith("<") || text.startsWith("{")) {
      return status;
    }
    return status + " \"" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "\"";
  }

  /** The call: the gateway's URL, the spec's base path, the operation's path, the credentials. */
  private static HttpProbe.Request request(
      Profile profile,
      String basePath,
      ActiveDocsSpec.Operation o,
      List<ActiveDocsSpec.Credential> credentials) {
    URI gateway = URI.create(profile.gateway().url().replaceAll("/+$", ""));
    String prefix = gateway.getRawPath() == null ? "" : gateway.getRawPath();
    String base = prefix.endsWith(basePath) ? prefix : prefix + basePath;
    StringBuilder query = new StringBuilder();
    Map<String, String> headers = new LinkedHashMap<>(profile.client().headersOrEmpty());
    for (ActiveDocsSpec.Credential c : credentials) {
      switch (c.in()) {
        case "bearer" -> headers.put("Authorization", "Bearer " + ProbeRequest.INVALID_VALUE);
        case "header" -> headers.put(c.name(), ProbeRequest.INVALID_VALUE);
        default ->
            query
                .append(query.length() == 0 ? "?" : "&")
                .append(URLEncoder.encode(c.name(), StandardCharsets.UTF_8))
                .append('=')
                .append(ProbeRequest.INVALID_VALUE);
      }
    }
    URI uri =
        OwnProbes.marked(
            URI.create(
                gateway.getScheme()
                    + "://"
                    + gateway.getRawAuthority()
                    + base
                    + o.callPath()
                    + query),
            "activedocs");
    return new HttpProbe.Request(o.method(), uri, headers, null);
  }

  /**
   * The credentials to send: as the spec sends them, else as the profile's client sends them
   * ({@code credentials.in}), else APIcast's default {@code user_key} in the query.
   */
  private static List<ActiveDocsSpec.Credential> credentials(ActiveDocsSpec spec, Profile p) {
    if (!spec.credentials().isEmpty()) {
      return spec.credentials();
    }
    Profile.Credentials c = p.credentials();
    String in = c.inOrDefault() == Profile.CredentialsLocation.HEADER ? "header" : "query";
    if (c.accessToken() != null) {
      return List.of(new ActiveDocsSpec.Credential("Authorization", "bearer"));
    }
    if (c.appId() != null) {
      return List.of(
          new ActiveDocsSpec.Credential("app_id", in),
          new ActiveDocsSpec.Credential("app_key", in));
    }
    return List.of(new ActiveDocsSpec.Credential("user_key", in));
  }

  private static String describe(List<ActiveDocsSpec.Credential> credentials) {
    List<String> parts = new ArrayList<>();
    for (ActiveDocsSpec.Credential c : credentials) {
      parts.add(
          c.in().equals("bearer")
              ? "Authorization: Bearer (header)"
              : c.name() + " (" + c.in() + ")");
    }
    return String.join(", ", parts) + " = " + ProbeRequest.INVALID_VALUE;
  }

  /** The specs to call, and where they came from; or the result that ends the check. */
  private record Specs(List<ActiveDocsSpec> found, String source, CheckResult result) {
    static Specs of(List<ActiveDocsSpec> found, String source) {
      return new Specs(found, source, null);
    }

    static Specs ending(CheckResult result) {
      return new Specs(List.of(), null, result);
    }
  }

  private static Specs specs(CheckContext context) {
    Profile profile = context.profile();
    String file = profile.threescale().activeDocs();
    if (file != null && !file.isBlank()) {
      return fromFile(Path.of(file));
    }
    return fromPortal(context, profile.endpointUrl(Endpoint.ADMIN).orElseThrow());
  }

  private static Specs fromFile(Path file) {
    try {
      if (Files.size(file) > MAX_SPEC_BYTES) {
        return Specs.ending(
            CheckResult.error(
                    "threescale.activeDocs: "
                        + file
                        + " is larger than "
                        + (MAX_SPEC_BYTES >> 20)
                        + " MiB; not an ActiveDocs spec")
                .withEvidence("spec", file));
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return Specs.of(List.of(ActiveDocsSpec.parse(text)), file.toString());
    } catch (IOException | RuntimeException e) {
      String why =
          e instanceof java.nio.file.NoSuchFileException
              ? "no such file"
              : e instanceof java.nio.charset.MalformedInputException
                  ? "not UTF-8 text"
                  : String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable");
      return Specs.ending(
          CheckResult.error("threescale.activeDocs: cannot use " + file + ": " + why)
              .withEvidence("spec", file));
    }
  }

  /** The admin portal's ActiveDocs of the service (threescale.serviceId, or the one found). */
  private static Specs fromPortal(CheckContext context, URI admin) {
    String serviceId = context.profile().threescale().serviceId();
    if (serviceId == null || serviceId.isBlank()) {
      serviceId =
          context
              .resultOf("portal.services")
              .flatMap(r -> r.facts(PortalService.class))
              .map(ps -> ps.service().id())
              .orElse(null);
    }
    if (serviceId == null) {
      return Specs.ending(
          CheckResult.skip(
                  "no service to read ActiveDocs for: set threescale.serviceId (or gateway.url"
                      + " with threescale.admin), or threescale.activeDocs to a spec file")
              .withEvidence("missingInput", "threescale.activeDocs"));
    }
    AdminApi api = AdminApi.of(context, admin);
    HttpExchange list = api.get("/admin/api/active_docs.json");
    if (list.status() != 200) {
      return Specs.ending(
          AdminApi.failure(list, "list of ActiveDocs")
              .withReproduce(list.curl(context.redactor())));
    }
    List<ActiveDocsSpec> found = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int documents = 0;
    try {
      for (JsonNode n : Json.MAPPER.readTree(list.bodyExcerpt()).path("api_docs")) {
        JsonNode doc = n.has("api_doc") ? n.get("api_doc") : n;
        documents++;
        if (!doc.path("service_id").asText().equals(serviceId)) {
          continue;
        }
        String name = doc.path("system_name").asText(doc.path("name").asText("?"));
        try {
          found.add(ActiveDocsSpec.parse(doc.path("body").asText("")));
          names.add(name);
        } catch (IOException e) {
          return Specs.ending(
              CheckResult.fail(
                      "the admin portal's ActiveDocs spec '"
                          + name
                          + "' is unusable: "
                          + e.getMessage())
                  .withEvidence("spec", "admin portal ActiveDocs " + name));
        }
      }
    } catch (IOException e) {
      return Specs.ending(
          AdminApi.failure(list, "list of ActiveDocs (not the Account Management API's JSON)")
              .withReproduce(list.curl(context.redactor())));
    }
    if (found.isEmpty()) {
      return Specs.ending(
          CheckResult.skip(
                  "the admin portal has "
                      + documents
                      + " ActiveDocs spec(s), none for service "
                      + serviceId
                      + ": set threescale.activeDocs to the service's spec file")
              .withEvidence("missingInput", "threescale.activeDocs"));
    }
    return Specs.of(
        found,
        "admin portal ActiveDocs " + String.join(", ", names) + " (service " + serviceId + ")");
  }

  /**
   * Where the gateway's nginx.conf keeps clients out by address ({@code deny all} after {@code
   * allow}s), as file:line, if the profile names the file and it says so.
   */
  private static Optional<String> clientAllowList(Profile profile) {
    String conf = profile.gateway().nginxConf();
    if (conf == null || conf.isBlank()) {
      return Optional.empty();
    }
    try {
      List<NginxDirective> all = new ArrayList<>();
      flatten(NginxConfigParser.parse(Path.of(conf)).directives(), all);
      boolean allows =
          all.stream().anyMatch(d -> d.name().equals("allow") && !d.arg(0).equals("all"));
      return all.stream()
          .filter(d -> d.name().equals("deny") && d.arg(0).equals("all") && allows)
          .findFirst()
          .map(d -> "deny all after allow rules at " + d.where());
    } catch (NginxConfigException | RuntimeException unreadable) {
      // gateway.config reports a configuration it cannot read; here it only adds advice.
      return Optional.empty();
    }
  }

  private static void flatten(List<NginxDirective> directives, List<NginxDirective> into) {
    for (NginxDirective d : directives) {
      into.add(d);
      if (d.isBlock()) {
        flatten(d.children(), into);
      }
    }
  }
}
