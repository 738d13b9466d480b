package io.threescaledoctor.core.engine;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.Endpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The checks available to a run: every {@link Check} registered through {@link ServiceLoader}, plus
 * any an embedder adds. Construction validates the set: ids unique, dependencies known, no
 * dependency cycle.
 */
public final class CheckRegistry {
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
      Check previous = map.putIfAbsent(c.id(), c);
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
    return new CheckRegistry(map);
  }

  /** This registry plus {@code more} (an embedder's own checks). */
  public CheckRegistry plus(Collection<? extends Check> more) {
    List<Check> all = new ArrayList<>(byId.values());
    all.addAll(more);
    return of(all);
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
