package io.threescaledoctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.threescale.BackendErrorCatalog;
import io.threescaledoctor.checks.threescale.BackendErrorCode;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileLoader;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every remedy of every catalog on the class path, rendered for setups that use no default port,
 * never prints a default where the profile says otherwise, and never a value the profile lacks.
 */
class CatalogRemediesTest {
  /** Values a remedy could only have taken from habit, not from the profile. */
  private static final Pattern DEFAULTS =
      Pattern.compile("\\b(443|80|8080|8090)\\b|su1\\.3scale\\.net|8\\.8\\.8\\.8|8\\.8\\.4\\.4");

  private static final Pattern TEMPLATE_SYNTAX = Pattern.compile("[\\[\\]{}]");

  private static Profile profile(Map<String, String> keys) throws Exception {
    return new ProfileLoader(k -> null).fromOverrides(keys);
  }

  private static final Map<String, String> HTTPS_ON_OTHER_PORTS =
      Map.of(
          "api.url", "http://api.internal:8081",
          "gateway.url", "https://gw.example.test:8443",
          "gateway.management", "http://127.0.0.1:9091",
          "threescale.backend", "https://backend.example.test:3001",
          "threescale.admin", "https://s3cr3tAdminTok@tenant-admin.example.test:8444",
          "dns.resolvers", "10.9.9.9");

  private static final Map<String, String> PLAIN_HTTP =
      Map.of(
          "api.url", "http://10.0.0.5:7001",
          "gateway.url", "http://gw.internal:7002",
          "gateway.management", "http://gw.internal:7003",
          "threescale.backend", "http://backend-listener:7004",
          "threescale.admin", "http://s3cr3tAdminTok@admin.internal:7005");

  @Test
  void noRemedyPrintsADefaultWhereTheProfileSaysOtherwise() throws Exception {
    for (Map<String, String> setup : List.of(HTTPS_ON_OTHER_PORTS, PLAIN_HTTP)) {
      KnownIssueCatalog catalog = KnownIssueCatalog.standard().forSetup(profile(setup));
      for (KnownIssue issue : catalog.all()) {
        assertThat(issue.remedy())
            .as(issue.id() + " for " + setup)
            .doesNotContainPattern(DEFAULTS)
            .doesNotContainPattern(TEMPLATE_SYNTAX)
            .doesNotContain("s3cr3tAdminTok");
        if (setup == PLAIN_HTTP) {
          assertThat(issue.remedy().toLowerCase()).as(issue.id()).doesNotContain("https");
        }
      }
    }
  }

  @Test
  void withoutAProfileNoRemedyNamesAValue() {
    for (KnownIssue issue : KnownIssueCatalog.standard().all()) {
      assertThat(issue.remedy())
          .as(issue.id())
          .doesNotContainPattern(DEFAULTS)
          .doesNotContainPattern(TEMPLATE_SYNTAX)
          .doesNotContain("null");
    }
    for (BackendErrorCode code : BackendErrorCatalog.standard().all()) {
      assertThat(code.remedy()).as(code.code()).doesNotContainPattern(DEFAULTS);
    }
  }

  @Test
  void theRemediesAboutAnEndpointNameItsHostAndPort() throws Exception {
    KnownIssueCatalog catalog =
        KnownIssueCatalog.standard().forSetup(profile(HTTPS_ON_OTHER_PORTS));

    assertThat(remedy(catalog, "backend-unreachable")).contains("backend.example.test:3001");
    assertThat(remedy(catalog, "backend-tls-failed"))
        .contains("-connect backend.example.test:3001 -servername backend.example.test");
    assertThat(remedy(catalog, "client-tls-handshake-failed"))
        .contains("-connect gw.example.test:8443");
    assertThat(remedy(catalog, "apicast-management-unreachable")).contains("port 9091");
    assertThat(remedy(catalog, "portal-token-forbidden"))
        .contains("https://tenant-admin.example.test:8444/admin/api/services.json");
    assertThat(remedy(catalog, "dns-no-resolver")).contains("resolver 10.9.9.9;");
    assertThat(remedy(catalog, "dns-stale-address"))
        .contains("\"https://backend.example.test:3001\"");
    assertThat(remedy(catalog, "upstream-connect-refused")).contains("api.internal:8081");
  }

  private static String remedy(KnownIssueCatalog catalog, String id) {
    return catalog.find(id).orElseThrow().remedy();
  }
}
