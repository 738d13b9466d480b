package io.threescaledoctor.checks.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.threescaledoctor.checks.cluster.Installation.SecretView;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The custom resources of YAML files (several documents, or a {@code List}) as checks, one per
 * {@code APIManager} and {@code Tenant}, before {@code oc create} (guide chapter 3). Secrets in the
 * same files count as present, as {@code oc create -f} would create them first.
 */
public final class CustomResourceFiles {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private CustomResourceFiles() {}

  /** A document that is not usable at all, with where it is. */
  private record Bad(String where, String problem) {}

  /**
   * The checks for {@code files}.
   *
   * @param wildcardDomain the installation's, or null (then an APIManager in the files, or {@code
   *     cluster}'s)
   * @param namespace where the resources go, or null
   * @param cluster the installation they go to, when the doctor could read it, or null
   * @throws IOException when a file cannot be read or is not YAML (the message names it)
   */
  public static List<Check> checks(
      List<Path> files, String wildcardDomain, String namespace, Installation cluster)
      throws IOException {
    List<GenericKubernetesResource> resources = new ArrayList<>();
    List<Bad> bad = new ArrayList<>();
    Set<SecretView> secrets = new HashSet<>();
    for (Path file : files) {
      read(file, resources, bad, secrets);
    }
    String domain = wildcardDomain;
    String ns = namespace;
    if (cluster != null) {
      if (!cluster.hidden("secrets")) {
        secrets.addAll(cluster.secrets());
      }
      domain =
          domain != null
              ? domain
              : RouteJudge.wildcardDomain(cluster).map(RouteJudge.Wildcard::domain).orElse(null);
      ns = ns != null ? ns : cluster.namespace();
    }
    List<Installation.ApiManagerView> managers = new ArrayList<>();
    for (GenericKubernetesResource r : resources) {
      if ("APIManager".equals(r.getKind())) {
        managers.add(ModelMapper.apiManager(r));
      }
    }
    if (domain == null) {
      domain =
          managers.stream()
              .map(Installation.ApiManagerView::wildcardDomain)
              .filter(d -> d != null && !d.isBlank())
              .findFirst()
              .orElse(null);
    }
    CustomResourceLinter.Context ctx =
        new CustomResourceLinter.Context(
            domain, ns, Set.copyOf(secrets), cluster != null && !cluster.hidden("secrets"));
    List<Check> out = new ArrayList<>();
    int n = 0;
    for (Bad b : bad) {
      n++;
      out.add(
          new Linted(
              "cr.document." + n,
              "The document is a 3scale custom resource",
              c ->
                  CheckResult.fail(b.where() + ": " + b.problem())
                      .withCause("cr-invalid")
                      .withEvidence("where", b.where())));
    }
    for (GenericKubernetesResource r : resources) {
      String inFile = r.getMetadata().getNamespace();
      if ("APIManager".equals(r.getKind())) {
        Installation.ApiManagerView m = ModelMapper.apiManager(r);
        out.add(
            new Linted(
                "cr.apimanager." + m.name(),
                "The APIManager has a valid wildcardDomain",
                c -> CustomResourceLinter.apiManager(m, inFile, ctx)));
      } else {
        Installation.TenantView t = ModelMapper.tenant(r);
        out.add(
            new Linted(
                "cr.tenant." + t.name(),
                "The Tenant is complete and its secrets exist",
                c -> CustomResourceLinter.tenant(t, inFile, ctx)));
      }
    }
    return out;
  }

  private static void read(
      Path file, List<GenericKubernetesResource> resources, List<Bad> bad, Set<SecretView> secrets)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such file");
    }
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null
            && "List".equals(doc.path("kind").asText())
            && doc.path("items").isArray()) {
          doc.path("items").forEach(docs::add);
        } else if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(
          file + ":" + e.getLocation().getLineNr() + ": invalid YAML: " + e.getOriginalMessage());
    } catch (RuntimeException e) {
      throw new IOException(file + ": invalid YAML: " + e.getMessage());
    }
    int i = 0;
    for (JsonNode doc : docs) {
      i++;
      String where = file + " document " + i;
      if (!doc.isObject()) {
        bad.add(new Bad(where, "not a YAML mapping"));
        continue;
      }
      String kind = doc.path("kind").asText("");
      String apiVersion = doc.path("apiVersion").asText("");
      String name = doc.path("metadata").path("name").asText("");
      if (kind.equals("Secret")) {
        Set<String> keys = new TreeSet<>();
        for (String field : List.of("data", "stringData")) {
          Iterator<String> names = doc.path(field).fieldNames();
          names.forEachRemaining(keys::add);
        }
        secrets.add(new SecretView(name, doc.path("type").asText("Opaque"), keys));
        continue;
      }
      if (!kind.equals("APIManager") && !kind.equals("Tenant")) {
        bad.add(new Bad(where, "kind '" + kind + "' is neither APIManager nor Tenant"));
        continue;
      }
      String group = kind.equals("APIManager") ? "apps.3scale.net/" : "capabilities.3scale.net/";
      if (!apiVersion.startsWith(group)) {
        bad.add(
            new Bad(
                where, kind + " has apiVersion '" + apiVersion + "'; it is " + group + "v1alpha1"));
        continue;
      }
      if (name.isBlank()) {
        bad.add(new Bad(where, kind + " has no metadata.name"));
        continue;
      }
      resources.add(SERIALIZATION.unmarshal(doc.toString(), GenericKubernetesResource.class));
    }
  }

  /** One linted resource as a check. */
  private record Linted(
      String id, String description, java.util.function.Function<CheckContext, CheckResult> lint)
      implements Check {
    @Override
    public Hop hop() {
      return Hop.THREESCALE;
    }

    @Override
    public CheckResult run(CheckContext context) {
      return lint.apply(context);
    }
  }
}
