package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.core.profile.Profile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The authorize (or, only when asked, authrep) call the doctor makes to the Service Management API,
 * built from the profile the way a gateway builds it: service token or provider key, service id,
 * the application's credentials, usage and referrer as query parameters.
 *
 * @param endpoint e.g. {@code authorize.xml}, {@code oauth_authrep.xml}
 * @param credentialMode how the application is identified, as evidence shows it: {@code user_key},
 *     {@code app_id+app_key}, {@code app_id}, {@code app_id (the access token's azp)}, {@code
 *     access_token} or {@code access_token+app_id}
 * @param base the backend's base URL
 * @param params the query parameters, in the order they are sent
 */
public record ServiceManagementCall(
    String endpoint,
    String credentialMode,
    boolean reportsUsage,
    URI base,
    Map<String, String> params,
    Map<String, String> headers) {

  /**
   * Asks the backend to name the rejection reason in a header and to send limit headers, as APIcast
   * does (apisonator listener.rb, threescale_extensions).
   */
  static final String OPTIONS_HEADER = "3scale-options";

  static final String OPTIONS = "rejection_reason_header=1&limit_headers=1";

  public ServiceManagementCall {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** The profile key a call cannot be built without, if one is missing. */
  public static Optional<String> missingInput(Profile profile) {
    Profile.Threescale t = profile.threescale();
    boolean token = t.serviceToken() != null && !t.serviceToken().isEmpty();
    boolean providerKey = t.providerKey() != null && !t.providerKey().isEmpty();
    if (!token && !providerKey) {
      return Optional.of("threescale.serviceToken");
    }
    if (token && (t.serviceId() == null || t.serviceId().isBlank())) {
      return Optional.of("threescale.serviceId");
    }
    if (profile.credentials().isEmpty()) {
      return Optional.of("credentials.userKey");
    }
    return Optional.empty();
  }

  /**
   * The call for this profile against {@code backend}; {@link #missingInput} must be empty.
   *
   * @param token {@code credentials.accessToken} as read, or null when the profile has none
   */
  public static ServiceManagementCall from(Profile profile, URI backend, AccessToken token) {
    Profile.Threescale t = profile.threescale();
    Profile.Credentials c = profile.credentials();
    Map<String, String> q = new LinkedHashMap<>();
    if (t.serviceToken() != null && !t.serviceToken().isEmpty()) {
      q.put("service_token", t.serviceToken().reveal());
    } else {
      q.put("provider_key", t.providerKey().reveal());
    }
    if (t.serviceId() != null && !t.serviceId().isBlank()) {
      q.put("service_id", t.serviceId());
    }
    boolean oauth = token != null || (c.redirectUri() != null && !c.redirectUri().isBlank());
    String mode;
    if (token instanceof AccessToken.Jwt jwt) {
      // APIcast's OpenID Connect integration: the gateway validates the JWT and asks 3scale about
      // the token's client only; the token itself never goes to the backend.
      String appId = c.appId() != null ? c.appId() : jwt.clientId();
      mode = c.appId() != null ? "app_id" : "app_id (the access token's " + jwt.clientClaim() + ")";
      if (appId != null) {
        q.put("app_id", appId);
      }
    } else if (token != null) {
      // An opaque token goes where 2.x gateways sent it: the backends that kept tokens looked it
      // up;
      // 3.x backends ignore it and identify the application by app_id alone.
      mode = c.appId() == null ? "access_token" : "access_token+app_id";
      if (c.appId() != null) {
        q.put("app_id", c.appId());
      }
      q.put("access_token", c.accessToken().reveal());
    } else if (c.userKey() != null) {
      mode = "user_key";
      q.put("user_key", c.userKey().reveal());
    } else {
      q.put("app_id", c.appId());
      if (c.appKey() != null) {
        q.put("app_key", c.appKey().reveal());
        mode = "app_id+app_key";
      } else {
        mode = "app_id";
      }
    }
    if (oauth && c.redirectUri() != null && !c.redirectUri().isBlank()) {
      q.put("redirect_uri", c.redirectUri());
    }
    // With authorize the usage is a prediction, and it matters: apisonator checks limits against
    // the current usage plus the predicted one, so without it an application at exactly its limit
    // (3 of 3) is still authorized while its next real call gets 409.
    t.usageOrDefault().forEach((metric, n) -> q.put("usage[" + metric + "]", n.toString()));
    if (t.referrer() != null && !t.referrer().isBlank()) {
      q.put("referrer", t.referrer());
    }
    boolean report = t.reportUsageOrDefault();
    String endpoint = (oauth ? "oauth_" : "") + (report ? "authrep" : "authorize") + ".xml";
    return new ServiceManagementCall(
        endpoint, mode, report, backend, q, Map.of(OPTIONS_HEADER, OPTIONS));
  }

  public URI uri() {
    String root = base.toString().replaceAll("/+$", "");
    return URI.create(root + "/transactions/" + endpoint + "?" + encode(params));
  }

  public HttpProbe.Request request() {
    return new HttpProbe.Request("GET", uri(), headers, null);
  }

  /** This call with one parameter set to {@code value} (in place when it is already there). */
  public ServiceManagementCall with(String name, String value) {
    Map<String, String> q = new LinkedHashMap<>(params);
    q.put(name, value);
    return new ServiceManagementCall(endpoint, credentialMode, reportsUsage, base, q, headers);
  }

  /** This call with {@code name} replaced by {@code replacement}, at the same place. */
  public ServiceManagementCall replacing(String name, String replacement, String value) {
    Map<String, String> q = new LinkedHashMap<>();
    params.forEach((k, v) -> q.put(k.equals(name) ? replacement : k, k.equals(name) ? value : v));
    return new ServiceManagementCall(endpoint, credentialMode, reportsUsage, base, q, headers);
  }

  /** The usage sent, e.g. {@code hits=1}. */
  public String usage() {
    return params.entrySet().stream()
        .filter(e -> e.getKey().startsWith("usage["))
        .map(e -> e.getKey().substring(6, e.getKey().length() - 1) + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** {@code authorize.xml (no usage reported)} or {@code authrep.xml (reports usage)}. */
  public String describe() {
    return endpoint + (reportsUsage ? " (reports usage: --report-usage)" : " (no usage reported)");
  }

  static String encode(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (sb.length() > 0) {
            sb.append('&');
          }
          // Brackets stay percent-encoded: java.net.URI rejects them in a query.
          sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8));
          sb.append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return sb.toString();
  }
}
