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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in APIcast's wildcard routing (guide §1.3): with {@code gateway.wildcardDomain} (the
 * installation's {@code WILDCARD_DOMAIN}), every staging and production public base URL of every
 * service must be one label under that domain and must not begin with a digit, or the router's
 * wildcard route does not serve it. Each URL gets the route it is served by, or the one it needs.
 */
public final class PortalWildcardCheck implements Check {
  private static final int SHOWN_ROUTES = 20;
  private static final Set<String> PORTAL_DOWN =
      Set.of("portal-token-forbidden", "portal-unreachable", "portal-error-status");

  @Override
  public String id() {
    return "portal.wildcard";
  }

  @Override
  public Hop hop() {
    return Hop.CLIENT_GATEWAY;
  }

  @Override
  public Hop hop(Endpoint endpoint) {
    // What it finds is whether clients can reach the gateway at those hosts.
    return Hop.CLIENT_GATEWAY;
  }

  @Override
  public String description() {
    return "Every staging and production public base URL lies under gateway.wildcardDomain and"
        + " begins with a letter, so the built-in APIcast's wildcard route serves it";
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.ADMIN);
  }

  @Override
  public List<String> runsAfter() {
    return List.of("portal.services");
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    String domain = profile.gateway().wildcardDomain();
    return domain == null || domain.isBlank()
        ? Optional.of("gateway.wildcardDomain")
        : Optional.empty();
  }

  @Override
  public CheckResult run(CheckContext context) {
    Optional<String> portalDown =
        context
            .resultOf("portal.services")
            .flatMap(CheckResult::cause)
            .filter(PORTAL_DOWN::contains);
    if (portalDown.isPresent()) {
      return CheckResult.skip(
          "the admin portal's API is not usable (" + portalDown.get() + ", see portal.services)");
    }
    AdminApi api = AdminApi.from(context);
    if (!api.hasToken()) {
      return CheckResult.error(
          "threescale.admin has no access token: write it as https://TOKEN@tenant-admin.example.com");
    }
    String domain = normalize(context.profile().gateway().wildcardDomain());
    AdminApi.ServiceList listed = api.services(context);
    if (listed.failed().isPresent()) {
      return listed.failed().get();
    }
    List<AdminJson.Service> services = listed.services();
    List<String> routes = new ArrayList<>();
    List<CheckResult> findings = new ArrayList<>();
    int urls = 0;
    for (AdminJson.Service s : services.stream().limit(PortalServicesCheck.MAX_SERVICES).toList()) {
      if (context.cancelled()) {
        return CheckResult.error("cancelled while reading the services' public base URLs");
      }
      HttpExchange ex = api.get("/admin/api/services/" + s.id() + "/proxy.json");
      if (ex.status() != 200) {
        return AdminApi.failure(ex, "the proxy settings of service " + s.id());
      }
      AdminJson.Proxy p;
      try {
        p = AdminJson.proxy(ex.bodyExcerpt());
      } catch (IOException e) {
        return AdminApi.onHop(
            CheckResult.fail(
                    "the admin portal's proxy.json of service " + s.id() + " is not readable")
                .withCause("portal-error-status"));
      }
      for (String[] env :
          new String[][] {{"production", p.production()}, {"staging", p.staging()}}) {
        String url = env[1];
        if (url == null || url.isBlank()) {
          continue;
        }
        urls++;
        String where = s.describe() + " " + env[0];
        Optional<CheckResult> finding = judge(domain, env[0], url, where);
        finding.ifPresent(findings::add);
        routes.add(route(domain, env[0], url, finding) + " [" + where + "]");
      }
    }
    CheckResult r = summarize(domain, urls, findings);
    r =
        r.withEvidence("wildcardDomain", domain)
            .withEvidence("services", services.size())
            .withEvidence("publicBaseUrls", urls)
            .withEvidence(
                "routes",
                String.join(" | ", routes.stream().limit(SHOWN_ROUTES).toList())
                    + (routes.size() > SHOWN_ROUTES ? " | ..." : ""));
    if (findings.size() > 1) {
      r =
          r.withEvidence(
              "findings",
              String.join(
                  " | ",
                  findings.stream()
                      .limit(SHOWN_ROUTES)
                      .map(f -> f.cause().orElse("?") + ": " + f.summary())
                      .toList()));
    }
    return AdminApi.onHop(r).withReproduce(listed.exchange().curl(context.redactor()));
  }

  /** A finding about one public base URL, or none when the wildcard route serves it. */
  static Optional<CheckResult> judge(String domain, String environment, String url, String where) {
    Optional<CheckResult> digit = PortalProxyCheck.digitSubdomain(environment, url);
    if (digit.isPresent()) {
      return Optional.of(digit.get().withSummary(digit.get().summary() + " (" + where + ")"));
    }
    String host = PortalServicesCheck.host(url);
    if (!host.endsWith("." + domain)) {
      return Optional.of(
          CheckResult.warn(
                  "the "
                      + environment
                      + " public base URL "
                      + url
                      + " is not under the wildcard domain "
                      + domain
                      + " ("
                      + where
                      + "): the built-in APIcast serves it only through a route of its own")
              .withCause("public-base-url-outside-wildcard-domain"));
    }
    String label = host.substring(0, host.length() - domain.length() - 1);
    if (label.contains(".")) {
      return Optional.of(
          CheckResult.warn(
                  "the "
                      + environment
                      + " public base URL "
                      + url
                      + " is "
                      + (label.split("\\.").length)
                      + " labels under "
                      + domain
                      + " ("
                      + where
                      + "): a wildcard route covers one label only")
              .withCause("public-base-url-outside-wildcard-domain"));
    }
    return Optional.empty();
  }

  /** The route that serves {@code url}, or the {@code oc} command that would make one. */
  static String route(String domain, String environment, String url, Optional<CheckResult> f) {
    String host = PortalServicesCheck.host(url);
    String service = "apicast-" + environment;
    if (f.isEmpty()) {
      return host + ": served by the wildcard route *." + domain + " (" + service + ")";
    }
    if (f.get().cause().orElse("").equals("public-base-url-digit-subdomain")) {
      return host + ": no route; rename it to begin with a letter";
    }
    String name = (service + "-" + host).replaceAll("[^a-z0-9-]", "-");
    if (name.length() > 63) {
      name = name.substring(0, 63).replaceAll("-+$", "");
    }
    String command =
        url.toLowerCase(Locale.ROOT).startsWith("http://")
            ? "oc expose service " + service + " --name=" + name + " --hostname=" + host
            : "oc create route edge "
                + name
                + " --service="
                + service
                + " --hostname="
                + host
                + " --port=gateway";
    return host + ": needs its own route: " + command;
  }

  private static CheckResult summarize(String domain, int urls, List<CheckResult> findings) {
    if (urls == 0) {
      return CheckResult.pass("no service has a staging or production public base URL yet");
    }
    if (findings.isEmpty()) {
      return CheckResult.pass(
          "all "
              + urls
              + " public base URLs are one label under "
              + domain
              + " and begin with a letter: the wildcard route serves them");
    }
    CheckResult worst =
        findings.stream()
            .filter(f -> f.status() == Status.FAIL)
            .findFirst()
            .orElse(findings.get(0));
    if (findings.size() == 1) {
      return worst;
    }
    return worst.withSummary(
        findings.size()
            + " of "
            + urls
            + " public base URLs need attention; first: "
            + worst.summary());
  }

  /** {@code *.Apps.Example.com.} is {@code apps.example.com}. */
  static String normalize(String domain) {
    String d = domain.trim().toLowerCase(Locale.ROOT);
    if (d.startsWith("*.")) {
      d = d.substring(2);
    }
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }
}
