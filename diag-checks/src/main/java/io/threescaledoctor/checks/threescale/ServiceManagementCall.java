package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.core.profile.Profile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The authorize (or, only when asked, authrep) call the doctor makes to the Service Management API,
 * built from the profile the way a gateway builds it: service token or provider key, service id,
 * the application's credentials, usage and referrer as query parameters.
 *
 * @param endpoint e.g. {@code authorize.xml}, {@code oauth_authrep.xml}
 * @param credentialMode {@code user_key}, {@code app_id+app_key}, {@code app_id} or {@code
 *     access_token}
 */
public record ServiceManagementCall(
    String endpoint,
    String credentialMode,
    boolean reportsUsage,
    URI uri,
    Map<String, String> headers) {

  /**
   * Asks the backend to name the rejection reason in a header and to send limit headers, as APIcast
   * does (apisonator listener.rb, threescale_extensions).
   */
  static final String OPTIONS_HEADER = "3scale-options";

  static final String OPTIONS = "rejection_reason_header=1&limit_headers=1";

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

  /** The call for this profile against {@code backend}; {@link #missingInput} must be empty. */
  public static ServiceManagementCall from(Profile profile, URI backend) {
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
    boolean oauth = false;
    String mode;
    if (c.accessToken() != null) {
      // apisonator's OAuth endpoints identify the application by app_id (the token's client
      // id); the token itself is validated by the gateway, but is sent so the call is the
      // client's own.
      oauth = true;
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
    t.usageOrDefault().forEach((metric, n) -> q.put("usage[" + metric + "]", String.valueOf(n)));
    if (t.referrer() != null && !t.referrer().isBlank()) {
      q.put("referrer", t.referrer());
    }
    boolean report = t.reportUsageOrDefault();
    String endpoint = (oauth ? "oauth_" : "") + (report ? "authrep" : "authorize") + ".xml";
    String base = backend.toString().replaceAll("/+$", "");
    URI uri = URI.create(base + "/transactions/" + endpoint + "?" + encode(q));
    return new ServiceManagementCall(endpoint, mode, report, uri, Map.of(OPTIONS_HEADER, OPTIONS));
  }

  public HttpProbe.Request request() {
    return new HttpProbe.Request("GET", uri, headers, null);
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
