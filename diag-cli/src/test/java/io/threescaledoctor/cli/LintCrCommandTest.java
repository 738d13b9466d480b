package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.cluster.FakeCluster;
import io.threescaledoctor.checks.cluster.FakeInstallation;
import io.threescaledoctor.core.report.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCrCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The guide's chapter 3 example, completed: the admin password secret, then the tenant. */
  private static final String GUIDE_TENANT =
      """
      apiVersion: v1
      kind: Secret
      metadata:
        name: ecorp-admin-secret
      type: Opaque
      stringData:
        admin_password: not-a-real-password-1234
      ---
      apiVersion: capabilities.3scale.net/v1alpha1
      kind: Tenant
      metadata:
        name: ecorp-tenant
      spec:
        username: admin
        systemMasterUrl: https://master.apps.example.com
        email: admin@ecorp.com
        organizationName: ECorp
        masterCredentialsRef:
          name: system-seed
        passwordCredentialsRef:
          name: ecorp-admin-secret
        tenantSecretRef:
          name: ecorp-tenant-secret
          namespace: 3scale
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static JsonNode result(CliRun run, String id) throws Exception {
    return ClusterCommandTest.result(JSON.readTree(run.out()), id);
  }

  @Test
  void offersNoLogWindowBecauseItReadsNoLogs() {
    CliRun lint = CliRun.of("lint-cr", "--help");
    CliRun cluster = CliRun.of("cluster", "--help");

    assertThat(lint.out()).contains("--namespace").doesNotContain("--since");
    assertThat(cluster.out()).contains("--since");
    assertThat(CliRun.of("lint-cr", "x.yaml", "--since", "1h").exit()).isEqualTo(2);
  }

  @Test
  void theGuidesTenantPassesOffline() throws Exception {
    CliRun run =
        CliRun.of(
            "lint-cr",
            write("tenant.yaml", GUIDE_TENANT).toString(),
            "--wildcard-domain",
            "apps.example.com",
            "--format",
            "json");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(result(run, "cr.tenant.ecorp-tenant").path("status").asText()).isEqualTo("PASS");
  }

  @Test
  void namesEveryMissingFieldAndAMasterUrlOutsideTheWildcardDomain() throws Exception {
    String broken =
        GUIDE_TENANT
            .replace("  email: admin@ecorp.com\n", "")
            .replace("master.apps.example.com", "master.other.example.org");
    CliRun run =
        CliRun.of(
            "lint-cr",
            write("t.yaml", broken).toString(),
            "--wildcard-domain",
            "apps.example.com",
            "--format",
            "json");
    assertThat(run.exit()).isEqualTo(ExitCode.FAILING);
    JsonNode r = result(run, "cr.tenant.ecorp-tenant");
    assertThat(r.path("cause").asText()).isEqualTo("cr-field-missing");
    assertThat(r.path("evidence").path("field").asText()).isEqualTo("spec.email");
    assertThat(r.path("evidence").toString()).contains("cr-master-url-outside-wildcard-domain");
  }

  @Test
  void anApiManagerWithASchemeInItsWildcardDomainIsNamed() throws Exception {
    Path file =
        write(
            "apimanager.yaml",
            "apiVersion: apps.3scale.net/v1alpha1\nkind: APIManager\nmetadata:\n  name: 3scale\nspec:\n  wildcardDomain: https://apps.example.com\n");
    CliRun run = CliRun.of("lint-cr", file.toString(), "--format", "json");
    assertThat(run.exit()).isEqualTo(ExitCode.FAILING);
    JsonNode r = result(run, "cr.apimanager.3scale");
    assertThat(r.path("cause").asText()).isEqualTo("cr-wildcard-domain-invalid");
    assertThat(r.path("summary").asText()).contains("remove the scheme");
  }

  @Test
  void withTheClusterASecretTheTenantNamesMustExistThere() throws Exception {
    try (FakeCluster cluster = new FakeCluster(FakeInstallation.healthy())) {
      Path tenantOnly =
          write("tenant.yaml", GUIDE_TENANT.substring(GUIDE_TENANT.indexOf("---") + 4));
      CliRun run =
          CliRun.of(
              Map.of("KUBECONFIG", cluster.kubeconfig(dir).toString()),
              "lint-cr",
              tenantOnly.toString(),
              "--cluster",
              "--format",
              "json");
      assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.FAILING);
      JsonNode r = result(run, "cr.tenant.ecorp-tenant");
      assertThat(r.path("cause").asText()).isEqualTo("secret-missing");
      assertThat(r.path("evidence").path("secret").asText()).isEqualTo("ecorp-admin-secret");
      assertThat(cluster.requests())
          .allSatisfy(request -> assertThat(request).startsWith("GET "))
          .noneMatch(request -> request.contains("/log"));
    }
  }

  @Test
  void brokenYamlOrAnotherKindIsNamed() throws Exception {
    CliRun broken = CliRun.of("lint-cr", write("b.yaml", "kind: Tenant\nspec: [\n").toString());
    assertThat(broken.exit()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(broken.err()).contains("b.yaml").contains("invalid YAML");
    CliRun other =
        CliRun.of(
            "lint-cr",
            write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n").toString(),
            "--format",
            "json");
    assertThat(other.exit()).isEqualTo(ExitCode.FAILING);
    assertThat(result(other, "cr.document.1").path("cause").asText()).isEqualTo("cr-invalid");
  }
}
