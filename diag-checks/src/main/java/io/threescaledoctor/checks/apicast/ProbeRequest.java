package io.threescaledoctor.checks.apicast;

import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.checks.http.OwnProbes;
import io.threescaledoctor.core.profile.Profile;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's request as the profile describes it ({@code client.method}, {@code client.path},
 * {@code client.headers}) against {@code gateway.url}, with the application's credentials where
 * {@code credentials.in} says: query parameters, or headers named as APIcast reads them ({@code
 * user_key}, {@code app_id}, {@code app_key}; {@code Authorization: Bearer} for a token).
 *
 * @param credentialHeaders the names of the headers that carry credentials
 */
record ProbeRequest(
    HttpProbe.Request request, String credentialsIn, List<String> credentialHeaders) {

  /** Credentials with the profile's names but values no application has. */
  static final String INVALID_VALUE = OwnProbes.INVALID_CREDENTIAL;

  static ProbeRequest of(Profile profile, boolean invalidCredentials, boolean debugHeader) {
    Profile.Credentials c = profile.credentials();
    Map<String, String> credentials = new LinkedHashMap<>();
    boolean bearer = false;
    if (c.accessToken() != null) {
      bearer = true;
      credentials.put(
          "access_token", invalidCredentials ? INVALID_VALUE : c.accessToken().reveal());
    } else if (c.userKey() != null) {
      credentials.put("user_key", invalidCredentials ? INVALID_VALUE : c.userKey().reveal());
    } else if (c.appId() != null) {
      credentials.put("app_id", invalidCredentials ? INVALID_VALUE : c.appId());
      if (c.appKey() != null) {
        credentials.put("app_key", invalidCredentials ? INVALID_VALUE : c.appKey().reveal());
      }
    } else if (invalidCredentials) {
      credentials.put("user_key", INVALID_VALUE);
    }
    boolean inHeader = c.inOrDefault() == Profile.CredentialsLocation.HEADER;
    Map<String, String> headers = new LinkedHashMap<>(profile.client().headersOrEmpty());
    List<String> credentialHeaders = new ArrayList<>();
    String path = profile.client().pathOrDefault();
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> e : credentials.entrySet()) {
      if (inHeader) {
        String name = bearer ? "Authorization" : e.getKey();
        headers.put(name, bearer ? "Bearer " + e.getValue() : e.getValue());
        credentialHeaders.add(name);
      } else {
        query
            .append(query.length() == 0 && !path.contains("?") ? "?" : "&")
            .append(e.getKey())
            .append('=')
            .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      }
    }
    if (debugHeader) {
      Profile.Threescale t = profile.threescale();
      if (t.serviceToken() != null && !t.serviceToken().isEmpty()) {
        headers.put(DebugHeaders.REQUEST_HEADER, t.serviceToken().reveal());
      } else if (t.providerKey() != null && !t.providerKey().isEmpty()) {
        headers.put(DebugHeaders.REQUEST_HEADER, t.providerKey().reveal());
      }
    }
    String base = profile.gateway().url().replaceAll("/+$", "");
    URI uri = URI.create(base + path + query);
    if (invalidCredentials) {
      uri = OwnProbes.marked(uri, "invalid-credentials");
    } else if (credentials.isEmpty()) {
      // Without credentials this cannot be a client's real call: the gateway's logs must not
      // count what the gateway answers to it against the gateway.
      uri = OwnProbes.marked(uri, "no-credentials");
    }
    String in = credentials.isEmpty() ? "none" : inHeader ? "header" : "query";
    return new ProbeRequest(
        new HttpProbe.Request(profile.client().methodOrDefault(), uri, headers, null),
        in,
        List.copyOf(credentialHeaders));
  }

  boolean sendsDebugHeader() {
    return request.headers().containsKey(DebugHeaders.REQUEST_HEADER);
  }

  /**
   * Whether a credential travels in a header whose name nginx drops without underscores_in_headers.
   */
  boolean credentialHeaderHasUnderscore() {
    return credentialHeaders.stream().anyMatch(h -> h.contains("_"));
  }
}
