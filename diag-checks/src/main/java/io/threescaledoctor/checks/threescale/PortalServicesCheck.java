package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The admin portal's Account Management API, read only: the access token works and has the Account
 * Management scope (the guide's "failed to get list of services: invalid status: 403"), and which
 * service the gateway serves, by matching {@code gateway.url}'s host against every service's
 * staging and production public base URLs (guide §4.1.1).
 */
public final class PortalServicesCheck implements Check {
  /** Services whose proxy settings are read at most; accounts with more are rare. */
  static final int MAX_SERVICES = 100;

  @Override
  public String id() {
    return "portal.services";
  }

  @Override
  public Hop hop() {
    return Hop.THREESCALE;
  }

  @Override
  public String description() {
    return "The admin portal's token lists services (Account Management scope) and one service's"
        + " public base URL matches the gateway's host";
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.ADMIN);
  }

  @Override
  public List<String> runsAfter() {
    return List.of("dns.resolve", "tcp.connect", "tls.handshake");
  }

  @Override
  public CheckResult run(CheckContext context) throws IOException {
    AdminApi api = AdminApi.from(context);
    if (!api.hasToken()) {
      return CheckResult.error(
          "threescale.admin has no access token: write it as"
              + " https://TOKEN@tenant-admin.example.com or name a remote (3scale-doctor remote add)");
    }
    AdminApi.ServiceList listed = api.services(context);
    if (listed.failed().isPresent()) {
      return listed.failed().get();
    }
    List<AdminJson.Service> services = listed.services();
    HttpExchange list = listed.exchange();
    CheckResult r = match(context, api, services);
    return Exchanges.withTimings(r.withEvidence("services", services.size()), list)
        .withReproduce(list.curl(context.redactor()));
  }

  private static CheckResult match(
      CheckContext context, AdminApi api, List<AdminJson.Service> services) {
    Profile profile = context.profile();
    String gatewayUrl = profile.gateway().url();
    String serviceId = profile.threescale().serviceId();
    if (gatewayUrl == null || gatewayUrl.isBlank()) {
      Optional<AdminJson.Service> named =
          services.stream().filter(s -> s.id().equals(serviceId)).findFirst();
      if (named.isEmpty()) {
        return CheckResult.pass(
            "the access token lists "
                + services.size()
                + " service(s); set gateway.url to find the one the gateway serves");
      }
      HttpExchange ex = api.get("/admin/api/services/" + named.get().id() + "/proxy.json");
      if (ex.status() != 200) {
        return AdminApi.failure(ex, "the proxy settings of service " + named.get().id());
      }
      return readProxy(ex)
          .map(
              p ->
                  CheckResult.pass(
                          "the access token lists "
                              + services.size()
                              + " service(s), among them threescale.serviceId "
                              + named.get().describe())
                      .withFacts(new PortalService(named.get(), p, "unknown")))
          .orElseGet(() -> unreadableProxy(ex));
    }
    String host = host(gatewayUrl);
    List<String> known = new ArrayList<>();
    int read = 0;
    for (AdminJson.Service s : services) {
      if (context.cancelled()) {
        return CheckResult.error(
            "cancelled after reading "
                + read
                + " of "
                + services.size()
                + " services' proxy settings");
      }
      if (read++ >= MAX_SERVICES) {
        known.add("(only the first " + MAX_SERVICES + " services were read)");
        break;
      }
      HttpExchange ex = api.get("/admin/api/services/" + s.id() + "/proxy.json");
      if (ex.status() != 200) {
        return AdminApi.failure(ex, "the proxy settings of service " + s.id());
      }
      Optional<AdminJson.Proxy> proxy = readProxy(ex);
      if (proxy.isEmpty()) {
        return unreadableProxy(ex);
      }
      AdminJson.Proxy p = proxy.get();
      String environment =
          host.equals(host(p.production()))
              ? "production"
              : host.equals(host(p.staging())) ? "staging" : null;
      if (environment != null) {
        CheckResult r =
            CheckResult.pass(
                    "'"
                        + host
                        + "' is the "
                        + environment
                        + " public base URL of service "
                        + s.describe())
                .withEvidence("service", s.describe())
                .withEvidence("environment", environment)
                .withFacts(new PortalService(s, p, environment));
        if (serviceId != null && !serviceId.isBlank() && !serviceId.equals(s.id())) {
          r =
              r.withStatus(io.threescaledoctor.core.check.Status.WARN)
                  .withSummary(r.summary() + ", not threescale.serviceId " + serviceId);
        }
        return r;
      }
      known.add(host(p.production()) + " (" + s.id() + " production)");
      known.add(host(p.staging()) + " (" + s.id() + " staging)");
    }
    return AdminApi.onHop(
        CheckResult.fail(
                "no service has '" + host + "' as its staging or" + " production public base URL")
            .withCause("service-not-found-for-host")
            .withEvidence("host", host)
            .withEvidence("knownHosts", String.join(", ", known)));
  }

  private static Optional<AdminJson.Proxy> readProxy(HttpExchange ex) {
    try {
      return Optional.of(AdminJson.proxy(ex.bodyExcerpt()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static CheckResult unreadableProxy(HttpExchange ex) {
    return AdminApi.onHop(
        CheckResult.fail("the admin portal's proxy.json is not readable")
            .withCause("portal-error-status")
            .withEvidence("url", ex.request().uri())
            .withEvidence("body", Exchanges.excerpt(ex.bodyExcerpt())));
  }

  static String host(String url) {
    if (url == null || url.isBlank()) {
      return "-";
    }
    try {
      URI u = URI.create(url.contains("://") ? url : "https://" + url);
      return u.getHost() == null ? url : u.getHost().toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
