package io.threescaledoctor.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownIssueCatalogTest {
  private static final List<String> DESIGN_IDS =
      List.of(
          "api-unreachable",
          "api-timeout",
          "api-error-status",
          "gateway-down",
          "upstream-connect-refused",
          "upstream-timeout",
          "backend-unreachable",
          "backend-timeout",
          "dns-no-resolver",
          "dns-resolution-failed",
          "dns-stale-address",
          "tls-self-signed",
          "tls-expired",
          "tls-hostname-mismatch",
          "tls-untrusted-issuer",
          "tls-sslv3-accepted",
          "portal-token-forbidden",
          "service-not-found-for-host",
          "private-base-url-has-path",
          "mapping-rule-no-match",
          "mapping-rule-double-count",
          "credentials-missing",
          "credentials-invalid",
          "application-not-active",
          "application-key-invalid",
          "limits-exceeded",
          "referrer-not-allowed",
          "missing-parameters",
          "entity-not-found",
          "bad-request",
          "lua-runtime-error",
          "underscores-in-headers-disabled");

  @Test
  void holdsEveryIdTheDesignPromisesWithTextAndAGuideSection() {
    KnownIssueCatalog catalog = KnownIssueCatalog.standard();

    for (String id : DESIGN_IDS) {
      assertThat(catalog.find(id))
          .as(id)
          .hasValueSatisfying(
              issue -> {
                assertThat(issue.title()).isNotBlank();
                assertThat(issue.explanation()).isNotBlank();
                assertThat(issue.remedy()).isNotBlank();
                assertThat(issue.reference()).matches("\\d+(\\.\\d+)*");
              });
    }
  }

  @Test
  void usesKebabCaseIds() {
    assertThat(KnownIssueCatalog.standard().all())
        .allSatisfy(i -> assertThat(i.id()).matches("[a-z0-9]+(-[a-z0-9]+)*"));
  }
}
