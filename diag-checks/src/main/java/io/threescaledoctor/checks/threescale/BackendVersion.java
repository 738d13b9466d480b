package io.threescaledoctor.checks.threescale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.checks.http.HttpProbe;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * The backend's version, from its public {@code GET /status} ({@code {"status":"ok","version":
 * {"backend":"3.4.3"}}} since apisonator 2.x). It decides what an answer means: a 3.x backend keeps
 * no access tokens, a 2.x one (the guide's 3scale 2.5) still does.
 *
 * @param version e.g. {@code 3.4.3}; null when the backend did not say
 * @param evidence the version, or why it is unknown
 */
record BackendVersion(String version, String evidence) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STATUS_BODY_BYTES = 4096;

  static BackendVersion ask(HttpProbe probe, URI backend) {
    URI status = URI.create(backend.toString().replaceAll("/+$", "") + "/status");
    HttpExchange ex = probe.send(HttpProbe.Request.get(status), STATUS_BODY_BYTES);
    if (ex.status() < 0) {
      return unknown("GET /status got no answer");
    }
    if (ex.status() != 200) {
      return unknown("GET /status answered HTTP " + ex.status());
    }
    try {
      JsonNode body = JSON.readTree(ex.bodyExcerpt());
      String v = body == null ? "" : body.path("version").path("backend").asText("");
      if (v.isBlank()) {
        return unknown("GET /status names no version");
      }
      String state = body.path("status").asText("");
      return new BackendVersion(
          v,
          "apisonator " + v + (state.isEmpty() || state.equals("ok") ? "" : ", status " + state));
    } catch (IOException e) {
      return unknown("GET /status is not JSON");
    }
  }

  private static BackendVersion unknown(String why) {
    return new BackendVersion(null, "unknown (" + why + ")");
  }

  /** The major version, when known. */
  Optional<Integer> major() {
    if (version == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(version.split("\\.")[0].trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** True when the backend is known to keep access tokens (before apisonator 3.0). */
  boolean keepsAccessTokens() {
    return major().map(m -> m < 3).orElse(false);
  }
}
