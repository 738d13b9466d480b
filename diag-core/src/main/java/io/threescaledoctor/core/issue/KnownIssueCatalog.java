package io.threescaledoctor.core.issue;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every known issue, read from each {@value #RESOURCE} on the class path, so a module (or an
 * embedder's jar) adds causes by shipping its own file. Ids must be unique across files.
 *
 * <p>Remedies may name the setup's endpoints ({@link RemedyTemplate}); a catalog shows them
 * rendered for one profile: {@link #standard()} and {@link #load} for none (generic phrases, never
 * a default value), {@link #forSetup} for the profile of a run.
 */
public final class KnownIssueCatalog {
  public static final String RESOURCE = "META-INF/threescale-doctor/known-issues.yaml";

  private static volatile KnownIssueCatalog standard;

  private final Map<String, KnownIssue> written;
  private final Map<String, KnownIssue> byId;

  private KnownIssueCatalog(Map<String, KnownIssue> written, Profile setup) {
    this.written = written;
    Map<String, KnownIssue> rendered = new LinkedHashMap<>();
    written.forEach(
        (id, i) ->
            rendered.put(
                id,
                new KnownIssue(
                    i.id(),
                    i.hop(),
                    i.title(),
                    i.explanation(),
                    RemedyTemplate.render(i.remedy(), setup),
                    i.reference(),
                    i.explainedBy())));
    this.byId = Collections.unmodifiableMap(rendered);
  }

  /** This catalog with every remedy speaking about {@code profile}'s endpoints. */
  public KnownIssueCatalog forSetup(Profile profile) {
    return new KnownIssueCatalog(written, profile);
  }

  /** The catalog of this class's class loader, loaded once. */
  public static KnownIssueCatalog standard() {
    KnownIssueCatalog c = standard;
    if (c == null) {
      synchronized (KnownIssueCatalog.class) {
        c = standard;
        if (c == null) {
          c = load(KnownIssueCatalog.class.getClassLoader());
          standard = c;
        }
      }
    }
    return c;
  }

  public static KnownIssueCatalog load(ClassLoader loader) {
    Map<String, KnownIssue> all = new LinkedHashMap<>();
    try {
      Enumeration<URL> files = loader.getResources(RESOURCE);
      while (files.hasMoreElements()) {
        URL file = files.nextElement();
        List<Map<String, Object>> entries = CatalogYaml.entries(file, file.toString());
        for (Map<String, Object> e : entries) {
          KnownIssue issue = toIssue(e, file);
          if (all.putIfAbsent(issue.id(), issue) != null) {
            throw new IllegalStateException(
                "known issue '" + issue.id() + "' is defined twice (again in " + file + ")");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the known-issue catalog", e);
    }
    return new KnownIssueCatalog(Collections.unmodifiableMap(all), Profile.empty());
  }

  private static KnownIssue toIssue(Map<String, Object> e, URL file) {
    String id = require(e, "id", file);
    try {
      RemedyTemplate.validate(require(e, "remedy", file));
    } catch (IllegalArgumentException bad) {
      throw new IllegalStateException(
          file + ": the remedy of known issue " + id + ": " + bad.getMessage());
    }
    Hop hop =
        Hop.byId(require(e, "hop", file))
            .orElseThrow(
                () -> new IllegalStateException(file + ": known issue " + id + " has unknown hop"));
    return new KnownIssue(
        id,
        hop,
        require(e, "title", file),
        require(e, "explanation", file),
        require(e, "remedy", file),
        require(e, "reference", file),
        explainedBy(e, id, file));
  }

  private static List<String> explainedBy(Map<String, Object> e, String id, URL file) {
    Object v = e.get("explainedBy");
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw new IllegalStateException(
          file + ": known issue " + id + ": explainedBy is a list of ids");
    }
    return list.stream().map(String.class::cast).toList();
  }

  private static String require(Map<String, Object> e, String key, URL file) {
    if (!(e.get(key) instanceof String v) || v.isBlank()) {
      throw new IllegalStateException(file + ": a known issue lacks '" + key + "': " + e);
    }
    return v;
  }

  public Optional<KnownIssue> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Collection<KnownIssue> all() {
    return byId.values();
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }
}
