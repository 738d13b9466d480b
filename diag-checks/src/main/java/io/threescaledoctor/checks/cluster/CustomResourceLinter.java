package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.checks.cluster.Installation.ApiManagerView;
import io.threescaledoctor.checks.cluster.Installation.SecretRef;
import io.threescaledoctor.checks.cluster.Installation.SecretView;
import io.threescaledoctor.checks.cluster.Installation.TenantView;
import io.threescaledoctor.core.check.CheckResult;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The 3scale operator's custom resources, before {@code oc create} and as they run (guide chapter
 * 3): an {@code APIManager} needs a {@code wildcardDomain} that is a DNS domain (no scheme, no
 * {@code *.}, no port); a {@code Tenant} needs its username, email, organization, {@code
 * systemMasterUrl} (an https URL under the wildcard domain) and the secrets it names (the master's
 * credentials and the admin password must exist in its namespace, when the doctor can see them).
 */
final class CustomResourceLinter {
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /**
   * What the linter can compare against.
   *
   * @param wildcardDomain the installation's wildcard domain, if known
   * @param namespace the namespace the resources go to, if known
   * @param secrets the secrets known (of that namespace, or written beside the resources)
   * @param allSecretsKnown whether {@code secrets} are all of the namespace's, so a name not among
   *     them does not exist
   */
  record Context(
      String wildcardDomain, String namespace, Set<SecretView> secrets, boolean allSecretsKnown) {}

  private CustomResourceLinter() {}

  static CheckResult apiManager(ApiManagerView m, String namespaceInFile, Context ctx) {
    Verdict v =
        new Verdict()
            .context("wildcardDomain", m.wildcardDomain())
            .context("tenantName", m.tenantName());
    String d = m.wildcardDomain();
    if (d == null || d.isBlank()) {
      v.fail(
          "cr-field-missing",
          "APIManager " + m.name() + " has no spec.wildcardDomain, which the operator requires",
          Verdict.evidence("field", "spec.wildcardDomain"),
          null);
    } else if (!DOMAIN.matcher(d).matches()) {
      v.fail(
          "cr-wildcard-domain-invalid",
          "APIManager "
              + m.name()
              + " has wildcardDomain '"
              + d
              + "', which is not a DNS domain ("
              + domainProblem(d)
              + ")",
          Verdict.evidence("field", "spec.wildcardDomain"),
          null);
    }
    namespace(v, "APIManager " + m.name(), namespaceInFile, ctx);
    for (var c : m.conditions()) {
      if (("Available".equals(c.type()) || "Ready".equals(c.type()))
          && "False".equals(c.status())) {
        v.warn(
            "apimanager-not-available",
            "APIManager "
                + m.name()
                + " is not available"
                + (m.deploymentsStarting().isEmpty()
                    ? ""
                    : "; starting: " + String.join(", ", m.deploymentsStarting()))
                + (m.deploymentsStopped().isEmpty()
                    ? ""
                    : "; stopped: " + String.join(", ", m.deploymentsStopped())),
            Verdict.evidence(
                "condition",
                c.type() + "=False" + (c.reason() == null ? "" : " " + c.reason()),
                "message",
                c.message()),
            "oc get apimanager " + m.name() + " -o yaml");
      }
    }
    if (!m.deploymentsReady().isEmpty()) {
      v.context("deploymentsReady", m.deploymentsReady().size());
    }
    return v.result(
        "APIManager " + m.name() + " is valid" + (m.conditions().isEmpty() ? "" : " and available"),
        null);
  }

  static CheckResult tenant(TenantView t, String namespaceInFile, Context ctx) {
    Verdict v =
        new Verdict()
            .context("organizationName", t.organizationName())
            .context("systemMasterUrl", t.systemMasterUrl());
    required(v, t, "spec.username", t.username());
    required(v, t, "spec.email", t.email());
    required(v, t, "spec.organizationName", t.organizationName());
    required(v, t, "spec.systemMasterUrl", t.systemMasterUrl());
    required(
        v,
        t,
        "spec.masterCredentialsRef.name",
        t.masterCredentialsRef() == null ? null : t.masterCredentialsRef().name());
    required(
        v,
        t,
        "spec.passwordCredentialsRef.name",
        t.passwordCredentialsRef() == null ? null : t.passwordCredentialsRef().name());
    required(
        v,
        t,
        "spec.tenantSecretRef.name",
        t.tenantSecretRef() == null ? null : t.tenantSecretRef().name());
    if (t.email() != null
        && !t.email().isBlank()
        && !t.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      v.fail(
          "cr-field-invalid",
          "Tenant " + t.name() + " has email '" + t.email() + "', which is not an e-mail address",
          Verdict.evidence("field", "spec.email"),
          null);
    }
    masterUrl(v, t, ctx);
    namespace(v, "Tenant " + t.name(), namespaceInFile, ctx);
    String tenantNs = t.namespace() != null ? t.namespace() : ctx.namespace();
    secret(
        v,
        t,
        "masterCredentialsRef",
        t.masterCredentialsRef(),
        "MASTER_ACCESS_TOKEN",
        tenantNs,
        ctx);
    secret(
        v,
        t,
        "passwordCredentialsRef",
        t.passwordCredentialsRef(),
        "admin_password",
        tenantNs,
        ctx);
    if (t.tenantId() != null) {
      v.context("tenantId", t.tenantId());
    }
    return v.result("Tenant " + t.name() + " is valid", null);
  }

  private static void required(Verdict v, TenantView t, String field, String value) {
    if (value == null || value.isBlank()) {
      v.fail(
          "cr-field-missing",
          "Tenant " + t.name() + " has no " + field + ", which the operator requires",
          Verdict.evidence("field", field),
          null);
    }
  }

  private static void masterUrl(Verdict v, TenantView t, Context ctx) {
    String url = t.systemMasterUrl();
    if (url == null || url.isBlank()) {
      return;
    }
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      v.fail(
          "cr-field-invalid",
          "Tenant "
              + t.name()
              + " has systemMasterUrl '"
              + url
              + "', which is not an http(s) URL with a host",
          Verdict.evidence("field", "spec.systemMasterUrl"),
          null);
      return;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (ctx.wildcardDomain() != null && !host.endsWith("." + ctx.wildcardDomain())) {
      v.fail(
          "cr-master-url-outside-wildcard-domain",
          "Tenant "
              + t.name()
              + "'s systemMasterUrl host "
              + host
              + " is not under the wildcard domain "
              + ctx.wildcardDomain()
              + " (expected https://master."
              + ctx.wildcardDomain()
              + ")",
          Verdict.evidence("field", "spec.systemMasterUrl", "wildcardDomain", ctx.wildcardDomain()),
          null);
    }
  }

  private static void namespace(Verdict v, String what, String inFile, Context ctx) {
    if (inFile != null && ctx.namespace() != null && !inFile.equals(ctx.namespace())) {
      v.warn(
          "cr-namespace-mismatch",
          what
              + " names namespace "
              + inFile
              + " but the installation is in "
              + ctx.namespace()
              + ": the operator only watches its own namespace",
          Verdict.evidence("metadataNamespace", inFile, "installationNamespace", ctx.namespace()),
          null);
    }
  }

  private static void secret(
      Verdict v,
      TenantView t,
      String field,
      SecretRef ref,
      String key,
      String tenantNs,
      Context ctx) {
    if (ref == null || ref.name() == null || ref.name().isBlank()) {
      return;
    }
    String ns = ref.namespace() != null ? ref.namespace() : tenantNs;
    if (ns != null && ctx.namespace() != null && !ns.equals(ctx.namespace())) {
      return;
    }
    Optional<SecretView> s =
        ctx.secrets().stream().filter(x -> x.name().equals(ref.name())).findFirst();
    if (s.isEmpty() && !ctx.allSecretsKnown()) {
      return;
    }
    if (s.isEmpty()) {
      v.fail(
          "secret-missing",
          "Tenant "
              + t.name()
              + "'s "
              + field
              + " names secret "
              + ref.name()
              + ", which does not exist in namespace "
              + ns,
          Verdict.evidence("field", "spec." + field + ".name", "secret", ref.name()),
          "oc get secret " + ref.name() + " -n " + ns);
    } else if (!s.get().keys().contains(key)) {
      v.fail(
          "secret-missing",
          "secret " + ref.name() + " (Tenant " + t.name() + "'s " + field + ") has no key " + key,
          Verdict.evidence("secret", ref.name(), "keys", String.join(", ", s.get().keys())),
          "oc get secret " + ref.name() + " -n " + ns + " -o jsonpath='{.data}'");
    }
  }

  private static String domainProblem(String d) {
    if (d.contains("://")) {
      return "remove the scheme";
    }
    if (d.startsWith("*")) {
      return "give the domain without '*.'";
    }
    if (d.contains(":")) {
      return "remove the port";
    }
    if (d.endsWith(".")) {
      return "remove the trailing dot";
    }
    if (!d.equals(d.toLowerCase(Locale.ROOT))) {
      return "use lower case";
    }
    if (!d.contains(".")) {
      return "a single label is no wildcard domain";
    }
    return "labels are letters, digits and '-'";
  }
}
