package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lints the integration settings of the service the gateway serves (read-only): a private base URL
 * with a path (APIcast Hosted's "The accepted format is 'protocol://address(:port)'"), a public
 * base URL beginning with a digit (wildcard routing, guide §1.3), credentials read from another
 * place than the client sends them, and a staging configuration newer than production.
 */
public final class PortalProxyCheck implements Check {

  @Override
  public String id() {
    return "portal.proxy";
  }

  @Override
  public Hop hop() {
    return Hop.THREESCALE;
  }

  @Override
  public String description() {
    return "The service's integration settings: private base URL without path, public base URLs,"
        + " credentials location, staging promoted to production";
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
    PortalService ps = found.get();
    AdminJson.Proxy p = ps.proxy();
    List<CheckResult> findings = new ArrayList<>();
    privateBaseUrl(p).ifPresent(findings::add);
    digitSubdomain("production", p.production()).ifPresent(findings::add);
    digitSubdomain("staging", p.staging()).ifPresent(findings::add);
    credentialsLocation(context.profile(), p).ifPresent(findings::add);
    AdminApi api = AdminApi.from(context);
    HttpExchange staging =
        api.get("/admin/api/services/" + ps.service().id() + "/proxy/configs/sandbox/latest.json");
    HttpExchange production =
        api.get(
            "/admin/api/services/" + ps.service().id() + "/proxy/configs/production/latest.json");
    promotion(staging, production).ifPresent(findings::add);

    CheckResult r =
        findings.stream()
            .filter(f -> f.status() == Status.FAIL)
            .findFirst()
            .or(() -> findings.stream().findFirst())
            .orElse(
                CheckResult.pass(
                    "service " + ps.service().describe() + ": integration settings look right"));
    r =
        r.withEvidence("service", ps.service().describe())
            .withEvidence("privateBaseUrl", p.privateBaseUrl())
            .withEvidence("productionPublicBaseUrl", p.production())
            .withEvidence("stagingPublicBaseUrl", p.staging())
            .withEvidence("credentialsLocation", p.credentialsLocation())
            .withEvidence("stagingConfig", version(staging))
            .withEvidence("productionConfig", version(production));
    if (findings.size() > 1) {
      // Each lint finding is its own line in the report and its own next step.
      for (CheckResult f : findings) {
        r = r.withFinding(new CheckResult.Finding(f.status(), f.cause().orElse(null), f.summary()));
      }
    }
    return AdminApi.onHop(r).withReproduce(staging.curl(context.redactor()));
  }

  static Optional<CheckResult> privateBaseUrl(AdminJson.Proxy p) {
    if (p.privateBaseUrl() == null) {
      return Optional.empty();
    }
    try {
      String path = URI.create(p.privateBaseUrl()).getRawPath();
      if (path != null && !path.isEmpty() && !path.equals("/")) {
        return Optional.of(
            CheckResult.fail(
                    "the private base URL "
                        + p.privateBaseUrl()
                        + " has a path ("
                        + path
                        + "): The accepted format is 'protocol://address(:port)'")
                .withCause("private-base-url-has-path"));
      }
    } catch (IllegalArgumentException e) {
      return Optional.of(
          CheckResult.fail("the private base URL " + p.privateBaseUrl() + " is not a URL")
              .withCause("private-base-url-has-path"));
    }
    return Optional.empty();
  }

  static Optional<CheckResult> digitSubdomain(String environment, String url) {
    String host = PortalServicesCheck.host(url);
    if (!host.isEmpty()
        && Character.isDigit(host.charAt(0))
        && !host.matches("[0-9.]+")
        && !host.contains(":")) {
      return Optional.of(
          CheckResult.fail(
                  "the "
                      + environment
                      + " public base URL "
                      + url
                      + " begins with a digit; wildcard routes are not created for such endpoints")
              .withCause("public-base-url-digit-subdomain"));
    }
    return Optional.empty();
  }

  static Optional<CheckResult> credentialsLocation(Profile profile, AdminJson.Proxy p) {
    if (profile.credentials().isEmpty() || p.credentialsLocation() == null) {
      return Optional.empty();
    }
    String service = p.credentialsLocation();
    String client = profile.credentials().inOrDefault().id();
    boolean serviceReadsHeaders = service.equals("headers") || service.equals("authorization");
    boolean clientSendsHeaders = client.equals("header");
    if (serviceReadsHeaders != clientSendsHeaders) {
      return Optional.of(
          CheckResult.fail(
                  "the service reads credentials from "
                      + service
                      + " but the client sends them in the "
                      + client
                      + " (credentials.in)")
              .withCause("credentials-location-mismatch"));
    }
    if (profile.credentials().userKey() != null
        && p.userKeyName() != null
        && !p.userKeyName().equals("user_key")
        && !service.equals("authorization")) {
      return Optional.of(
          CheckResult.fail(
                  "the service reads the user key as '"
                      + p.userKeyName()
                      + "' but the doctor (like a default client) sends 'user_key'")
              .withCause("credentials-location-mismatch"));
    }
    return Optional.empty();
  }

  static Optional<CheckResult> promotion(HttpExchange staging, HttpExchange production) {
    Optional<AdminJson.ProxyConfig> s = config(staging);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (production.status() == 404) {
      return Optional.of(
          CheckResult.warn(
                  "the staging configuration (version "
                      + s.get().version()
                      + ") was never promoted to production")
              .withCause("proxy-config-not-promoted"));
    }
    Optional<AdminJson.ProxyConfig> p = config(production);
    if (p.isPresent() && s.get().version() > p.get().version()) {
      return Optional.of(
          CheckResult.warn(
                  "staging runs configuration version "
                      + s.get().version()
                      + " but production runs version "
                      + p.get().version()
                      + ": changes were not promoted")
              .withCause("proxy-config-not-promoted"));
    }
    return Optional.empty();
  }

  private static Optional<AdminJson.ProxyConfig> config(HttpExchange ex) {
    if (ex.status() != 200) {
      return Optional.empty();
    }
    try {
      return AdminJson.latestProxyConfig(ex.bodyExcerpt());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String version(HttpExchange ex) {
    return config(ex)
        .map(c -> "version " + c.version() + (c.createdAt() == null ? "" : " of " + c.createdAt()))
        .orElse(ex.status() < 0 ? "no answer" : "unavailable (" + ex.statusLine() + ")");
  }
}
