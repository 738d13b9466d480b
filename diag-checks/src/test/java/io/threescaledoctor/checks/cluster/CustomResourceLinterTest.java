package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.cluster.Installation.ApiManagerView;
import io.threescaledoctor.checks.cluster.Installation.SecretRef;
import io.threescaledoctor.checks.cluster.Installation.SecretView;
import io.threescaledoctor.checks.cluster.Installation.TenantView;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomResourceLinterTest {
  private static final CustomResourceLinter.Context IN_CLUSTER =
      new CustomResourceLinter.Context(
          "apps.example.com",
          "3scale",
          Set.of(
              new SecretView("system-seed", "Opaque", Set.of("MASTER_ACCESS_TOKEN")),
              new SecretView("ecorp-admin-secret", "Opaque", Set.of("password"))),
          true);

  private static TenantView tenant(String masterUrl) {
    return new TenantView(
        "ecorp-tenant",
        "3scale",
        "admin",
        "admin@ecorp.com",
        "ECorp",
        masterUrl,
        new SecretRef("ecorp-tenant-secret", "3scale"),
        new SecretRef("ecorp-admin-secret", null),
        new SecretRef("system-seed", null),
        null);
  }

  @Test
  void aSecretWithoutTheKeyTheOperatorReadsFails() {
    CheckResult r =
        CustomResourceLinter.tenant(tenant("https://master.apps.example.com"), null, IN_CLUSTER);
    assertThat(r.cause()).contains("secret-missing");
    assertThat(r.summary()).contains("has no key admin_password");
  }

  @Test
  void aMasterUrlThatIsNoUrlIsInvalid() {
    CheckResult r =
        CustomResourceLinter.tenant(tenant("master.apps.example.com"), null, IN_CLUSTER);
    assertThat(r.cause()).contains("cr-field-invalid");
  }

  @Test
  void aResourceForAnotherNamespaceIsAWarning() {
    ApiManagerView m =
        new ApiManagerView(
            "3scale", "apps.example.com", null, List.of(), List.of(), List.of(), List.of());
    CheckResult r = CustomResourceLinter.apiManager(m, "default", IN_CLUSTER);
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("cr-namespace-mismatch");
  }

  @Test
  void wildcardDomainsAreBareLowerCaseDnsDomains() {
    for (String bad :
        List.of(
            "*.apps.example.com",
            "apps.example.com.",
            "apps.example.com:443",
            "Apps.Example.com",
            "localhost")) {
      ApiManagerView m =
          new ApiManagerView("3scale", bad, null, List.of(), List.of(), List.of(), List.of());
      assertThat(CustomResourceLinter.apiManager(m, null, IN_CLUSTER).cause())
          .as(bad)
          .contains("cr-wildcard-domain-invalid");
    }
    ApiManagerView good =
        new ApiManagerView(
            "3scale",
            "apps.cluster-1.example.com",
            null,
            List.of(),
            List.of(),
            List.of(),
            List.of());
    assertThat(CustomResourceLinter.apiManager(good, null, IN_CLUSTER).status())
        .isEqualTo(Status.PASS);
  }

  @Test
  void anApiManagerTheOperatorCallsUnavailableListsWhatIsStarting() {
    ApiManagerView m =
        new ApiManagerView(
            "3scale",
            "apps.example.com",
            null,
            List.of(new Installation.Condition("Available", "False", null, null)),
            List.of("apicast-production"),
            List.of("backend-listener", "system-app"),
            List.of());
    CheckResult r = CustomResourceLinter.apiManager(m, null, IN_CLUSTER);
    assertThat(r.cause()).contains("apimanager-not-available");
    assertThat(r.summary()).contains("starting: backend-listener, system-app");
  }
}
