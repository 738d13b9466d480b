package io.threescaledoctor.checks.openapi;

/** A definition that cannot be read at all: not JSON or YAML, or not OpenAPI. One line. */
public final class OpenApiException extends Exception {
  public OpenApiException(String message) {
    super(message);
  }
}
