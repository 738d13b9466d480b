package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.core.issue.CatalogYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every error code the 3scale backend (apisonator) answers with, read from {@value #RESOURCE}:
 * data, so a new code is one entry and no code change.
 */
public final class BackendErrorCatalog {
  static final String RESOURCE = "backend-error-codes.yaml";

  private static final BackendErrorCatalog STANDARD = load();

  private final Map<String, BackendErrorCode> byCode;

  private BackendErrorCatalog(Map<String, BackendErrorCode> byCode) {
    this.byCode = Collections.unmodifiableMap(byCode);
  }

  public static BackendErrorCatalog standard() {
    return STANDARD;
  }

  private static BackendErrorCatalog load() {
    List<Map<String, Object>> entries;
    URL file = BackendErrorCatalog.class.getResource(RESOURCE);
    if (file == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the class path");
    }
    try {
      entries = CatalogYaml.entries(file, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    Map<String, BackendErrorCode> byCode = new LinkedHashMap<>();
    for (Map<String, Object> e : entries) {
      Object reason = e.get("reason");
      BackendErrorCode code =
          new BackendErrorCode(
              (String) e.get("code"),
              Integer.parseInt((String) e.get("status")),
              BackendErrorCode.Form.valueOf(((String) e.get("form")).toUpperCase(Locale.ROOT)),
              (String) e.get("issue"),
              (String) e.get("meaning"),
              (String) e.get("remedy"),
              reason == null ? null : Pattern.compile((String) reason),
              (String) e.get("removedIn"));
      if (byCode.put(code.code(), code) != null) {
        throw new IllegalStateException(RESOURCE + ": code " + code.code() + " appears twice");
      }
    }
    return new BackendErrorCatalog(byCode);
  }

  public Optional<BackendErrorCode> find(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
  }

  /** The rejection whose reason text this is, e.g. "usage limits are exceeded". */
  public Optional<BackendErrorCode> byReason(String reasonText) {
    if (reasonText == null) {
      return Optional.empty();
    }
    String text = reasonText.trim();
    return byCode.values().stream()
        .filter(c -> c.reason() != null && c.reason().matcher(text).find())
        .findFirst();
  }

  public Collection<BackendErrorCode> all() {
    return byCode.values();
  }

  /**
   * The known issue a status points to when no code says more, per the guide's list of the
   * backend's statuses (§4.5.2). Empty for statuses outside that contract (5xx, redirects).
   */
  public static Optional<String> issueForStatus(int status) {
    return switch (status) {
      case 400 -> Optional.of("bad-request");
      case 403 -> Optional.of("credentials-invalid");
      case 404 -> Optional.of("entity-not-found");
      case 422 -> Optional.of("missing-parameters");
      default -> Optional.empty();
    };
  }

  /** What the guide (§4.5.2) says a status from the backend means. */
  public static Optional<String> statusMeaning(int status) {
    return switch (status) {
      case 200 -> Optional.of("authorized");
      case 400 ->
          Optional.of(
              "bad request: invalid encoding, payload too large, or an invalid"
                  + " Content-Type on a POST");
      case 403 -> Optional.of("credentials are not valid, or a GET carried body data");
      case 404 -> Optional.of("a referenced entity (application, metric, service) does not exist");
      case 409 ->
          Optional.of(
              "not authorized: usage limits exceeded, application not active,"
                  + " application key invalid or missing, or referrer not allowed or missing");
      case 422 -> Optional.of("a required parameter is missing");
      default -> Optional.empty();
    };
  }
}
