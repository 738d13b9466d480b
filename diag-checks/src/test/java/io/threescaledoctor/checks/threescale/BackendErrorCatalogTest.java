package io.threescaledoctor.checks.threescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.issue.KnownIssueCatalog;
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
}
