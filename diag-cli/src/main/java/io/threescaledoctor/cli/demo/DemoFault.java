package io.threescaledoctor.cli.demo;

import java.util.Arrays;
import java.util.Optional;

/**
 * A fault the demo can inject, with the hop and cause a correct diagnosis names: the design's
 * localization rule applied to the demo, which runs on the gateway host ({@code vantage: gateway}).
 * 3scale down is {@code 3scale}, not {@code gateway-3scale}; a gateway host refusing its own port
 * is {@code gateway}; a missing mapping rule is the gateway's configuration, as the catalog places
 * it.
 */
public enum DemoFault {
  NONE("none", "nothing is broken: the chain works end to end", null, null),
  API_DOWN(
      "api-down", "the API is not running (nothing listens on its port)", "api", "api-unreachable"),
  API_SLOW(
      "api-slow",
      "the API accepts calls but answers after the gateway gave up",
      "api",
      "api-timeout"),
  API_ERROR(
      "api-error",
      "the API answers every call with 500 Internal Server Error",
      "api",
      "api-error-status"),
  BACKEND_DOWN(
      "backend-down",
      "3scale's Service Management API is not reachable",
      "3scale",
      "backend-unreachable"),
  BAD_KEY(
      "bad-key", "the client's user_key is not one 3scale knows", "3scale", "credentials-invalid"),
  LIMITS(
      "limits",
      "the application has used up its plan's limit for this minute",
      "3scale",
      "limits-exceeded"),
  APP_SUSPENDED(
      "app-suspended",
      "the application is suspended in 3scale",
      "3scale",
      "application-not-active"),
  NO_MAPPING_RULE(
      "no-mapping-rule",
      "the service has no mapping rule for GET /hello",
      "gateway",
      "mapping-rule-no-match"),
  CREDENTIALS_IN_HEADER(
      "credentials-in-header",
      "the gateway reads user_key from a header; the client sends it in the query",
      "client",
      "credentials-missing"),
  NOT_CONFIGURED(
      "not-configured",
      "APIcast runs but could not load its configuration from the admin portal",
      "gateway",
      "apicast-not-configured"),
  GATEWAY_DOWN("gateway-down", "the gateway is not running", "gateway", "gateway-down");

  private final String id;
  private final String description;
  private final String hop;
  private final String cause;

  DemoFault(String id, String description, String hop, String cause) {
    this.id = id;
    this.description = description;
    this.hop = hop;
    this.cause = cause;
  }

  /** The name {@code --fault} takes. */
  public String id() {
    return id;
  }

  /** One line: what is broken. */
  public String description() {
    return description;
  }

  /** The hop a correct diagnosis names as the likely failure point; empty for {@link #NONE}. */
  public Optional<String> expectedHop() {
    return Optional.ofNullable(hop);
  }

  /** The known-issue id a correct diagnosis names; empty for {@link #NONE}. */
  public Optional<String> expectedCause() {
    return Optional.ofNullable(cause);
  }

  /** The fault {@code --fault id} names. */
  public static Optional<DemoFault> byId(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
  }
}
