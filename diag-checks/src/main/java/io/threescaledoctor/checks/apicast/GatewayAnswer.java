package io.threescaledoctor.checks.apicast;

import java.util.Locale;
import java.util.Optional;

/**
 * What the gateway's answer to a client call means, told apart by status and body. APIcast's texts
 * and default statuses come from 3scale/APIcast gateway/src/apicast/configuration.lua and
 * errors.lua ("Authentication parameters missing" 401, "Authentication failed" 403, "No Mapping
 * Rule matched" 404, "Limits exceeded" 429, and an empty 404 when no service has the host); the
 * statuses can be configured per service, so the body decides first. Plain nginx answers with its
 * own HTML error pages.
 */
public enum GatewayAnswer {
  SUCCESS(null, "the gateway passed the call on and the API answered"),
  AUTH_MISSING("credentials-missing", "APIcast: Authentication parameters missing"),
  AUTH_FAILED("credentials-invalid", "APIcast: Authentication failed"),
  NO_MAPPING_RULE("mapping-rule-no-match", "APIcast: No Mapping Rule matched"),
  LIMITS_EXCEEDED("limits-exceeded", "APIcast: Limits exceeded"),
  SERVICE_NOT_FOUND(
      "service-not-found-for-host",
      "APIcast: empty 404, no service has this host as public base URL"),
  NGINX_FORBIDDEN("credentials-invalid", "nginx: 403 Forbidden (authorization refused)"),
  REDIRECT(
      "gateway-redirects",
      "the gateway sent the call elsewhere (a redirect) instead of serving it"),
  ERROR_STATUS("client-error-status", "an error status no more specific finding explains");

  private final String issue;
  private final String meaning;

  GatewayAnswer(String issue, String meaning) {
    this.issue = issue;
    this.meaning = meaning;
  }

  /** The known issue this answer points to; empty for success. */
  public Optional<String> issue() {
    return Optional.ofNullable(issue);
  }

  public String meaning() {
    return meaning;
  }

  /** Classifies one answer; {@code body} may be an excerpt. */
  public static GatewayAnswer classify(int status, String body) {
    String text = body == null ? "" : body.trim();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("authentication parameters missing")) {
      return AUTH_MISSING;
    }
    if (lower.startsWith("authentication failed")) {
      return AUTH_FAILED;
    }
    if (lower.startsWith("no mapping rule matched")) {
      return NO_MAPPING_RULE;
    }
    if (lower.startsWith("limits exceeded")) {
      return LIMITS_EXCEEDED;
    }
    if (status == 404 && text.isEmpty()) {
      return SERVICE_NOT_FOUND;
    }
    if (status >= 300 && status < 400 && status != 304) {
      return REDIRECT;
    }
    if (status >= 200 && status < 400) {
      return SUCCESS;
    }
    if (status == 403) {
      return NGINX_FORBIDDEN;
    }
    if (status == 429) {
      return LIMITS_EXCEEDED;
    }
    return ERROR_STATUS;
  }

  /** Whether the body looks like one of nginx's own error pages. */
  public static boolean isNginxErrorPage(String body) {
    return body != null && body.contains("<center>nginx");
  }
}
