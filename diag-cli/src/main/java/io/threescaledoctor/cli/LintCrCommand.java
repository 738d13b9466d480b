package io.threescaledoctor.cli;

import io.threescaledoctor.checks.cluster.CustomResourceFiles;
import io.threescaledoctor.checks.cluster.Installation;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor lint-cr FILE...}: APIManager and Tenant resources before oc create. */
@Command(
    name = "lint-cr",
    sortOptions = false,
    description = {
      "Check the 3scale operator's custom resources before oc create (guide chapter 3):"
          + " APIManager (a wildcardDomain that is a bare DNS domain) and Tenant (username,"
          + " email, organizationName, systemMasterUrl under the wildcard domain, the secrets"
          + " masterCredentialsRef, passwordCredentialsRef and tenantSecretRef named).",
      "",
      "Secrets in the same files count as present. With --cluster, the installation of the"
          + " current kubeconfig context is read too: its wildcard domain, its namespace, and"
          + " whether the secrets the resources name exist there. Without it nothing leaves this"
          + " host.",
      "",
      "Examples:",
      "  3scale-doctor lint-cr apimanager.yaml",
      "  3scale-doctor lint-cr ecorp-admin-secret.yaml ecorp-tenant.yaml --wildcard-domain apps.example.com",
      "  3scale-doctor lint-cr ecorp-tenant.yaml --cluster -n 3scale --format json",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no resource has a FAIL finding (warnings allowed)",
      "1:a resource would not work",
      "2:bad input (a file missing or not YAML; the cluster cannot be read with --cluster)",
      "3:the doctor itself broke"
    })
public final class LintCrCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "YAML files with the resources.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--wildcard-domain",
      paramLabel = "DOMAIN",
      description =
          "The installation's wildcard domain (default: an APIManager in FILE, or the cluster's).")
  String wildcardDomain;

  @Option(
      names = "--cluster",
      description =
          "Also read the installation of the kubeconfig context (secrets, domain, namespace).")
  boolean cluster;

  @Mixin KubeOptions kube;

  @Mixin OutputOptions outputOptions;

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment environment) {
    this.env = environment;
  }

  @Override
  public Integer call() {
    outputOptions.validate();
    Installation inst = cluster ? kube.read(Profile.empty(), null).installation() : null;
    List<Check> checks;
    try {
      checks = CustomResourceFiles.checks(files, wildcardDomain, kube.namespace(), inst);
    } catch (IOException e) {
      throw new BadInputException(e.getMessage());
    }
    if (checks.isEmpty()) {
      throw new BadInputException("no APIManager or Tenant in " + files);
    }
    return ReportRun.run(
        env,
        spec.commandLine(),
        outputOptions,
        Profile.empty(),
        CheckRegistry.of(checks),
        List.of(),
        List.of());
  }
}
