package io.threescaledoctor.core.engine;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Setting;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.ExtensionSettings;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The checks available to a run: every {@link Check} registered through {@link ServiceLoader}, plus
 * any an embedder adds. Construction validates the set: ids unique, dependencies known, no
 * dependency cycle.
 */
public final class CheckRegistry {
  private static final Pattern ID = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)+");

  private final Map<String, Check> byId;

  private CheckRegistry(Map<String, Check> byId) {
    this.byId = byId;
    validate();
  }

  /** Every check registered on the class path of {@code loader}, in service-file order. */
  public static CheckRegistry load(ClassLoader loader) {
    List<Check> checks = new ArrayList<>();
    ServiceLoader.load(Check.class, loader).forEach(checks::add);
    return of(checks);
  }

  /** Every check registered on this class's class path. */
  public static CheckRegistry standard() {
    return load(CheckRegistry.class.getClassLoader());
  }

  public static CheckRegistry of(Collection<? extends Check> checks) {
    Map<String, Check> map = new LinkedHashMap<>();
    for (Check c : checks) {
      if (c.id() == null || !ID.matcher(c.id()).matches()) {
        throw new IllegalStateException(
            "check id '"
                + c.id()
                + "' of "
                + c.getClass().getName()
                + " breaks the id rule: lower-case words, digits and dashes joined by at least one"
                + " dot, e.g. myapp.redis-ping");
      }
      requireUnique(map.putIfAbsent(c.id(), c), c);
    }
    return new CheckRegistry(map);
  }

  private static void requireUnique(Check previous, Check c) {
    if (previous != null) {
      throw new IllegalStateException(
          "check id '"
              + c.id()
              + "' is used by both "
              + previous.getClass().getName()
              + " and "
              + c.getClass().getName());
    }
  }

  /**
   * This registry with {@code replacements}: each replaces the check of the same id in place (an
   * embedder's configured instance of a check its jar also registers), the others are added.
   *
   * @throws IllegalStateException when two replacements share an id
   */
  public CheckRegistry replacedBy(Collection<? extends Check> replacements) {
    Map<String, Check> extra = new LinkedHashMap<>();
    for (Check c : replacements) {
      requireUnique(extra.putIfAbsent(c.id(), c), c);
    }
    List<Check> all = new ArrayList<>();
    for (Check c : byId.values()) {
      Check replacement = extra.remove(c.id());
      all.add(replacement == null ? c : replacement);
    }
    all.addAll(extra.values());
    return of(all);
  }

  /**
   * Verifies that every cause the checks declare ({@link Check#causes()}) is defined in {@code
   * catalog}.
   *
   * @throws IllegalStateException naming the check and the cause
   */
  public void requireCausesIn(KnownIssueCatalog catalog) {
    for (Check c : byId.values()) {
      for (String cause : c.causes()) {
        if (!catalog.contains(cause)) {
          throw new IllegalStateException(
              "check '"
                  + c.id()
                  + "' names cause '"
                  + cause
                  + "', which no known-issue catalog defines (add it to "
                  + KnownIssueCatalog.RESOURCE
                  + " in the check's jar)");
        }
      }
    }
  }

  /** Every extension setting the checks declare, for validating a profile before a run. */
  public List<Setting> settings() {
    return byId.values().stream().flatMap(c -> c.settings().stream()).toList();
  }

  /**
   * Checks {@code profile} against the checks: its extension settings against those they declare
   * (see {@link ExtensionSettings#validate}), and, when a check declares causes, those against the
   * catalog of {@code loader}.
   *
   * @throws ProfileException naming an extension setting no check declares or of the wrong kind
   * @throws IllegalStateException naming a declared cause no catalog defines
   */
  public void validate(Profile profile, ClassLoader loader) throws ProfileException {
    if (byId.values().stream().anyMatch(c -> !c.causes().isEmpty())) {
      requireCausesIn(
          loader == KnownIssueCatalog.class.getClassLoader()
              ? KnownIssueCatalog.standard()
              : KnownIssueCatalog.load(loader));
    }
    ExtensionSettings.validate(profile, settings());
  }

  public List<Check> all() {
    return List.copyOf(byId.values());
  }

  public Optional<Check> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  private void validate() {
    // runsAfter is soft ordering and may name a check that is not installed; dependsOn may not.
    for (Check c : byId.values()) {
      for (String dep : c.dependsOn()) {
        if (!byId.containsKey(baseId(dep))) {
          throw new IllegalStateException(
              "check '" + c.id() + "' depends on unknown check '" + dep + "'");
        }
      }
    }
    Map<String, Integer> state = new HashMap<>();
    for (String id : byId.keySet()) {
      visit(id, state, new ArrayList<>());
    }
  }

  private void visit(String id, Map<String, Integer> state, List<String> path) {
    Integer s = state.get(id);
    if (s != null && s == 2) {
      return;
    }
    path.add(id);
    if (s != null && s == 1) {
      throw new IllegalStateException(
          "checks depend on each other in a cycle: " + String.join(" -> ", path));
    }
    state.put(id, 1);
    Check c = byId.get(id);
    for (String dep : concat(c.dependsOn(), c.runsAfter())) {
      if (byId.containsKey(baseId(dep))) {
        visit(baseId(dep), state, path);
      }
    }
    state.put(id, 2);
    path.remove(path.size() - 1);
  }

  /**
   * Whether {@code id} names one endpoint's run of a check, {@code gateway.http.request}, rather
   * than a check: a prerequisite may, when it is about one endpoint only.
   */
  static boolean isQualified(String id) {
    int dot = id.indexOf('.');
    return dot > 0
        && Endpoint.byId(id.substring(0, dot)).isPresent()
        && id.indexOf('.', dot + 1) > 0;
  }

  /** The check id of a prerequisite: {@code http.request} for {@code gateway.http.request}. */
  static String baseId(String id) {
    return isQualified(id) ? id.substring(id.indexOf('.') + 1) : id;
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
