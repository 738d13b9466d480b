package io.threescaledoctor.checks.threescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BackendErrorCatalogTest {
  private final BackendErrorCatalog catalog = BackendErrorCatalog.standard();

  @Test
  void everyCodePointsToAKnownIssue() {
    KnownIssueCatalog issues = KnownIssueCatalog.standard();
    assertThat(catalog.all()).hasSizeGreaterThan(40);
    for (BackendErrorCode c : catalog.all()) {
      assertThat(issues.contains(c.issue())).as("%s -> %s", c.code(), c.issue()).isTrue();
      assertThat(c.meaning()).isNotBlank();
      assertThat(c.remedy()).isNotBlank();
      assertThat(c.status()).isIn(400, 403, 404, 409, 422);
    }
  }

  @Test
  void carriesTheStatusesApisonatorAnswersWith() {
    assertThat(catalog.find("user_key_invalid").orElseThrow().status()).isEqualTo(403);
    assertThat(catalog.find("application_not_found").orElseThrow().status()).isEqualTo(404);
    assertThat(catalog.find("metric_invalid").orElseThrow().status()).isEqualTo(404);
    assertThat(catalog.find("service_id_missing").orElseThrow().status()).isEqualTo(422);
    assertThat(catalog.find("content_type_invalid").orElseThrow().status()).isEqualTo(400);
    assertThat(catalog.find("limits_exceeded").orElseThrow().status()).isEqualTo(409);
  }

  @Test
  void recognisesRejectionsByTheirReasonText() {
    assertThat(catalog.byReason("usage limits are exceeded"))
        .map(BackendErrorCode::code)
        .contains("limits_exceeded");
    assertThat(catalog.byReason("application key \"abc\" is invalid"))
        .map(BackendErrorCode::code)
        .contains("application_key_invalid");
    assertThat(catalog.byReason("application key is missing"))
        .map(BackendErrorCode::code)
        .contains("application_key_invalid");
    assertThat(catalog.byReason("referrer is missing"))
        .map(BackendErrorCode::code)
        .contains("referrer_not_allowed");
    assertThat(catalog.byReason("application is not active"))
        .map(BackendErrorCode::code)
        .contains("application_not_active");
    assertThat(catalog.byReason("something new")).isEmpty();
  }

  @Test
  void mapsTheGuidesStatusesToIssues() {
    assertThat(BackendErrorCatalog.issueForStatus(400)).contains("bad-request");
    assertThat(BackendErrorCatalog.issueForStatus(403)).contains("credentials-invalid");
    assertThat(BackendErrorCatalog.issueForStatus(404)).contains("entity-not-found");
    assertThat(BackendErrorCatalog.issueForStatus(422)).contains("missing-parameters");
    assertThat(BackendErrorCatalog.issueForStatus(503)).isEmpty();
  }

  @Test
  void knowsTheGuidesOauthTokenCodesAsOlderBackendsOnly() {
    BackendErrorCode invalid = catalog.find("access_token_invalid").orElseThrow();
    assertThat(invalid.status()).isEqualTo(404);
    assertThat(invalid.issue()).isEqualTo("credentials-invalid");
    assertThat(invalid.olderBackendsOnly()).isTrue();
    assertThat(invalid.olderBackendsNote()).contains("apisonator 3.0.0 removed it");
    for (String code :
        List.of(
            "access_token_already_exists",
            "access_token_storage_error",
            "access_token_format_invalid",
            "access_token_invalid_ttl")) {
      assertThat(catalog.find(code)).as(code).get().matches(BackendErrorCode::olderBackendsOnly);
    }
    assertThat(catalog.find("user_key_invalid").orElseThrow().olderBackendsOnly()).isFalse();
  }

  /**
   * Shaped like apisonator's error codes (a class name in snake case ending in what went wrong), so
   * that profile keys and nginx directives ({@code user_key}, {@code proxy_read_timeout}) are not.
   */
  private static final Pattern CODE_SHAPED =
      Pattern.compile(
          "\\b[a-z]+(?:_[a-z]+)*_(?:invalid|not_found|not_active|exceeded|not_allowed|missing"
              + "|not_enabled|required|error|exists|no_longer_supported|invalid_ttl)\\b");

  @Test
  void everyCodeACatalogNamesIsOneExplainKnows() throws IOException {
    List<String> texts = new ArrayList<>();
    ClassLoader loader = getClass().getClassLoader();
    for (URL url :
        Collections.list(loader.getResources("META-INF/threescale-doctor/known-issues.yaml"))) {
      try (InputStream in = url.openStream()) {
        texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(texts).as("the core and checks catalogs").hasSizeGreaterThanOrEqualTo(2);
    for (String resource :
        List.of(
            "io/threescaledoctor/checks/threescale/backend-error-codes.yaml",
            "io/threescaledoctor/checks/logs/error-log-messages.yaml")) {
      try (InputStream in = loader.getResourceAsStream(resource)) {
        texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    List<String> unknown = new ArrayList<>();
    int named = 0;
    for (String text : texts) {
      Matcher m = CODE_SHAPED.matcher(text);
      while (m.find()) {
        named++;
        if (catalog.find(m.group()).isEmpty()) {
          unknown.add(m.group());
        }
      }
    }
    assertThat(named).as("codes the catalogs name").isGreaterThan(20);
    assertThat(unknown).as("codes named in a catalog that explain refuses").isEmpty();
  }
}
