package io.threescaledoctor.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileLoader;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

  /** Reads a module's catalog file as written, entry by entry. */
  static List<Map<String, Object>> entriesOf(URL file) throws Exception {
    try (InputStream in = file.openStream()) {
      return CatalogYaml.entries(in, file.toString());
    }
  }

  @Test
  void loadsEveryEntryOfThisModulesCatalogWithItsOwnFields() throws Exception {
    List<URL> files =
        Collections.list(getClass().getClassLoader().getResources(KnownIssueCatalog.RESOURCE));
    assertThat(files).as("diag-core ships one catalog").hasSize(1);
    List<Map<String, Object>> written = entriesOf(files.get(0));
    KnownIssueCatalog catalog = KnownIssueCatalog.standard();

    assertThat(catalog.all())
        .extracting(KnownIssue::id)
        .containsExactlyElementsOf(written.stream().map(e -> (String) e.get("id")).toList());
    for (Map<String, Object> e : written) {
      String id = (String) e.get("id");
      assertThat(catalog.contains(id)).as(id).isTrue();
      KnownIssue issue = catalog.find(id).orElseThrow();
      assertThat(issue.hop().id()).as(id).isEqualTo(e.get("hop"));
      assertThat(issue.title()).as(id).isEqualTo(e.get("title"));
      assertThat(issue.explanation()).as(id).isEqualTo(e.get("explanation"));
      assertThat(issue.reference()).as(id).isEqualTo(e.get("reference"));
      assertThat(issue.explainedBy())
          .as(id)
          .isEqualTo(e.get("explainedBy") == null ? List.of() : e.get("explainedBy"));
      assertThat(issue.remedy())
          .as(id)
          .isEqualTo(RemedyTemplate.render((String) e.get("remedy"), Profile.empty()));
    }
    assertThat(catalog.contains("no-such-issue")).isFalse();
    assertThat(catalog.find("no-such-issue")).isEmpty();
  }

  @Test
  void everyReferenceIsASectionOfTheGuideAndEveryRemedyRendersPlainText() {
    for (KnownIssue issue : KnownIssueCatalog.standard().all()) {
      assertThat(GuideSections.title(issue.reference())).as(issue.id()).isPresent();
      assertThat(GuideSections.line(issue.reference()))
          .as(issue.id())
          .isEqualTo(
              "Guide section "
                  + issue.reference()
                  + ": "
                  + GuideSections.title(issue.reference()).orElseThrow());
      assertThat(issue.remedy()).as(issue.id()).isNotBlank().doesNotContainPattern("[\\[\\]{}]");
    }
  }

  @Test
  void forASetupTheRemediesNameItsEndpointsAndTheStandardCatalogStaysGeneric() throws Exception {
    Profile p =
        new ProfileLoader(k -> null)
            .fromOverrides(Map.of("threescale.backend", "http://backend.internal:3001"));
    KnownIssueCatalog forSetup = KnownIssueCatalog.standard().forSetup(p);

    assertThat(forSetup.find("backend-unreachable").orElseThrow().remedy())
        .contains("backend.internal:3001 (HTTP)");
    assertThat(KnownIssueCatalog.standard().find("backend-unreachable").orElseThrow().remedy())
        .contains("the backend's host and port")
        .doesNotContain("backend.internal");
    assertThat(forSetup.all()).hasSameSizeAs(KnownIssueCatalog.standard().all());
    assertThat(KnownIssueCatalog.standard()).isSameAs(KnownIssueCatalog.standard());
  }

  /** A class loader that sees only {@code catalogs}, one known-issues file each. */
  private static KnownIssueCatalog load(String... catalogs) throws Exception {
    URL[] roots = new URL[catalogs.length];
    for (int i = 0; i < catalogs.length; i++) {
      Path root = Files.createTempDirectory("catalog");
      Path file = root.resolve(KnownIssueCatalog.RESOURCE);
      Files.createDirectories(file.getParent());
      Files.writeString(file, catalogs[i]);
      roots[i] = root.toUri().toURL();
    }
    try (URLClassLoader loader = new URLClassLoader(roots, null)) {
      return KnownIssueCatalog.load(loader);
    }
  }

  private static final String GOOD =
      "- {id: one, hop: api, title: t, explanation: e, remedy: r, reference: \"4.3.1\"}\n";

  @Test
  void mergesTheCatalogsOfSeveralModules() throws Exception {
    KnownIssueCatalog c =
        load(
            GOOD,
            "- {id: two, hop: 3scale, title: t2, explanation: e2, remedy: \"open {backend.port}\","
                + " reference: \"4.3.5\", explainedBy: [one]}\n");

    assertThat(c.all()).extracting(KnownIssue::id).containsExactly("one", "two");
    KnownIssue two = c.find("two").orElseThrow();
    assertThat(two.hop()).isEqualTo(Hop.THREESCALE);
    assertThat(two.remedy()).isEqualTo("open the 3scale backend's port");
    assertThat(two.explainedBy()).containsExactly("one");
  }

  @Test
  void refusesACatalogThatWouldMisleadWithTheFileAndTheEntryNamed() {
    assertThatThrownBy(() -> load(GOOD, GOOD))
        .hasMessageContaining("known issue 'one' is defined twice");
    assertThatThrownBy(
            () ->
                load(
                    "- {id: one, hop: api, title: t, explanation: e, remedy: \"open {backend.prot}\","
                        + " reference: \"4.3.1\"}\n"))
        .hasMessageContaining("the remedy of known issue one: unknown placeholder {backend.prot}");
    assertThatThrownBy(() -> load(GOOD.replace("hop: api", "hop: nowhere")))
        .hasMessageContaining("known issue one has unknown hop");
    assertThatThrownBy(() -> load(GOOD.replace("title: t, ", "")))
        .hasMessageContaining("a known issue lacks 'title'");
    assertThatThrownBy(() -> load(GOOD.replace("title: t, ", "title: \" \", ")))
        .hasMessageContaining("a known issue lacks 'title'");
    assertThatThrownBy(() -> load(GOOD.replace("}", ", explainedBy: two}")))
        .hasMessageContaining("known issue one: explainedBy is a list of ids");
    assertThatThrownBy(() -> load(GOOD.replace("}", ", explainedBy: [[two]]}")))
        .hasMessageContaining("known issue one: explainedBy is a list of ids");
    assertThatThrownBy(() -> load("id: one\n"))
        .hasMessageContaining("a catalog is a list of entries");
    assertThatThrownBy(() -> load("- one\n")).hasMessageContaining("line 1 is not an entry");
  }
}
