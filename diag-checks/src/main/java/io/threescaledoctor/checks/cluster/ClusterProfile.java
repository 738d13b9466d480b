package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.checks.cluster.Installation.RouteView;
import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The profile a {@code run} needs, found in the installation: the gateway's public base URL (a
 * route to apicast-production), the backend's (a route to backend-listener) and the tenant's admin
 * portal (a route to system-provider), with the admin portal's access token taken by reference from
 * secret {@code system-seed}. Written out, the token is the placeholder {@code
 * ${THREESCALE_ADMIN_TOKEN}}, never its value.
 *
 * @param gatewayUrl the production gateway's URL, or null
 * @param backendUrl the Service Management API's URL, or null
 * @param adminUrl the admin portal's URL, without a token, or null
 * @param otherGatewayUrls the other production routes (one per public base URL)
 * @param wildcardDomain the installation's wildcard domain (APIManager or router), or null
 */
public record ClusterProfile(
    String gatewayUrl,
    String backendUrl,
    String adminUrl,
    List<String> otherGatewayUrls,
    String wildcardDomain) {

  /** The environment variable the written profile reads the admin token from. */
  public static final String TOKEN_VARIABLE = "THREESCALE_ADMIN_TOKEN";

  public static ClusterProfile of(Installation inst) {
    List<RouteView> gateways = routesTo(inst, "apicast-production");
    String tenant =
        inst.apiManagers().stream()
            .map(Installation.ApiManagerView::tenantName)
            .filter(t -> t != null && !t.isBlank())
            .findFirst()
            .orElse("3scale");
    Optional<RouteView> admin =
        routesTo(inst, "system-provider").stream()
            .sorted(Comparator.comparing((RouteView r) -> !r.host().startsWith(tenant + "-admin.")))
            .findFirst();
    return new ClusterProfile(
        gateways.isEmpty() ? null : gateways.get(0).url(),
        routesTo(inst, "backend-listener").stream().findFirst().map(RouteView::url).orElse(null),
        admin.map(RouteView::url).orElse(null),
        gateways.stream().skip(1).map(RouteView::url).toList(),
        RouteJudge.wildcardDomain(inst).map(RouteJudge.Wildcard::domain).orElse(null));
  }

  /** Admitted routes to a service first, then by host. */
  private static List<RouteView> routesTo(Installation inst, String service) {
    return inst.routes().stream()
        .filter(r -> service.equals(r.serviceName()) && r.host() != null)
        .sorted(
            Comparator.comparing(
                    (RouteView r) ->
                        r.ingresses().stream().noneMatch(i -> Boolean.TRUE.equals(i.admitted())))
                .thenComparing(RouteView::host))
        .toList();
  }

  /** The admin URL with a token in it: {@code https://TOKEN@host}. */
  static String adminWithToken(String adminUrl, String token) {
    int scheme = adminUrl.indexOf("://") + 3;
    return adminUrl.substring(0, scheme) + token + "@" + adminUrl.substring(scheme);
  }

  /**
   * The profile as YAML: the token as {@code ${THREESCALE_ADMIN_TOKEN}}, and comments saying where
   * every value came from and how to read the token with {@code oc}.
   */
  public String yaml(Installation inst) {
    StringBuilder sb = new StringBuilder();
    sb.append("# 3scale-doctor profile for namespace ")
        .append(inst.namespace())
        .append(", read from ")
        .append(inst.source())
        .append(" at ")
        .append(inst.observedAt())
        .append('\n');
    if (adminUrl != null) {
      sb.append("# Set the admin portal's access token before a run:\n")
          .append("#   export ")
          .append(TOKEN_VARIABLE)
          .append("=$(oc get secret system-seed -n ")
          .append(inst.namespace())
          .append(" -o jsonpath='{.data.ADMIN_ACCESS_TOKEN}' | base64 -d)\n");
    }
    for (String other : otherGatewayUrls) {
      sb.append("# another public base URL of apicast-production: ").append(other).append('\n');
    }
    sb.append("vantage: client\n");
    if (gatewayUrl != null || wildcardDomain != null) {
      sb.append("gateway:\n");
    }
    if (gatewayUrl != null) {
      sb.append("  url: ").append(gatewayUrl).append("    # route to apicast-production\n");
    }
    if (wildcardDomain != null) {
      sb.append("  wildcardDomain: ").append(wildcardDomain).append('\n');
    }
    if (backendUrl != null || adminUrl != null) {
      sb.append("threescale:\n");
      if (backendUrl != null) {
        sb.append("  backend: ").append(backendUrl).append("    # route to backend-listener\n");
      }
      if (adminUrl != null) {
        sb.append("  admin: ")
            .append(adminWithToken(adminUrl, "${" + TOKEN_VARIABLE + "}"))
            .append("    # route to system-provider\n");
      }
    }
    return sb.toString();
  }

  /**
   * {@code user} with what it does not set taken from the installation: what the user set always
   * wins. The admin portal is added only with a token ({@code token}, or none).
   */
  public Profile fill(Profile user, Secret token) throws ProfileException {
    Profile.Gateway g = user.gateway();
    Profile.Threescale t = user.threescale();
    Profile.Builder filled = user.toBuilder();
    if (blank(g.url())) {
      filled.gatewayUrl(gatewayUrl);
    }
    if (blank(g.wildcardDomain())) {
      filled.gatewayWildcardDomain(wildcardDomain);
    }
    if (blank(t.backend())) {
      filled.threescaleBackend(backendUrl);
    }
    if (blank(t.admin()) && adminUrl != null && token != null && !token.isEmpty()) {
      filled.threescaleAdmin(adminWithToken(adminUrl, token.reveal()));
    }
    return filled.build();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
