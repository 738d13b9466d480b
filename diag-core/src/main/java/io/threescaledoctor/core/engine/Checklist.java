package io.threescaledoctor.core.engine;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Setting;
import io.threescaledoctor.core.profile.Profile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks one run executes, expanded per endpoint and ordered the way the guide walks the chain
 * (by hop, then registration order). Endpoint checks are planned only for endpoints the profile
 * names; other checks whose input is missing are planned as SKIP naming the key.
 */
public final class Checklist {
  private final List<PlannedCheck> planned;

  private Checklist(List<PlannedCheck> planned) {
    this.planned = List.copyOf(planned);
  }

  /** Every check in {@code registry} that applies to {@code profile}. */
  public static Checklist build(CheckRegistry registry, Profile profile) {
    return build(registry, profile, Set.of(), Set.of());
  }

  /**
   * As {@link #build(CheckRegistry, Profile)}, restricted to {@code only} (check ids, endpoint ids
   * such as {@code api}, or hop ids, plus their prerequisites) and without {@code skip}. Empty sets
   * mean no restriction.
   *
   * @throws IllegalArgumentException naming a selector that matches no check
   */
  public static Checklist build(
      CheckRegistry registry, Profile profile, Collection<String> only, Collection<String> skip) {
    List<Check> checks = registry.all();
    for (String selector : concat(only, skip)) {
      if (checks.stream().noneMatch(c -> matches(c, selector))) {
        throw new IllegalArgumentException(
            "'" + selector + "' names no check, endpoint or hop (see 3scale-doctor checks)");
      }
    }
    List<PlannedCheck> plan = new ArrayList<>();
    for (Check c : checks) {
      if (c.endpoints().isEmpty()) {
        plan.add(
            new PlannedCheck(
                c.id(),
                c,
                null,
                c.hop(),
                List.of(),
                List.of(),
                c.missingInput(profile).or(() -> missingSetting(c, profile)).orElse(null)));
      } else {
        for (Endpoint e : Endpoint.values()) {
          if (c.endpoints().contains(e) && profile.endpointUrl(e).isPresent()) {
            plan.add(
                new PlannedCheck(
                    e.id() + "." + c.id(),
                    c,
                    e,
                    c.hop(e),
                    List.of(),
                    List.of(),
                    c.missingInput(profile, e).or(() -> missingSetting(c, profile)).orElse(null)));
          }
        }
      }
    }
    plan = select(plan, registry, only, skip);
    List<PlannedCheck> linked = new ArrayList<>();
    for (PlannedCheck p : plan) {
      linked.add(
          new PlannedCheck(
              p.id(),
              p.check(),
              p.endpoint(),
              p.hop(),
              resolve(p, p.check().dependsOn(), plan),
              resolve(p, p.check().runsAfter(), plan),
              p.missingInput()));
    }
    linked.sort(Comparator.comparingInt((PlannedCheck p) -> p.hop().ordinal()));
    return new Checklist(linked);
  }

  private static Optional<String> missingSetting(Check c, Profile profile) {
    return c.settings().stream()
        .filter(s -> s.required() && !profile.extension(s.extension()).has(s.name()))
        .map(Setting::key)
        .findFirst();
  }

  /** Every extension setting the checks of {@code planned} declare. */
  public static List<Setting> settingsOf(Collection<PlannedCheck> planned) {
    return planned.stream()
        .map(PlannedCheck::check)
        .distinct()
        .flatMap(c -> c.settings().stream())
        .toList();
  }

  private static List<PlannedCheck> select(
      List<PlannedCheck> plan,
      CheckRegistry registry,
      Collection<String> only,
      Collection<String> skip) {
    List<PlannedCheck> out = new ArrayList<>();
    for (PlannedCheck p : plan) {
      boolean wanted = only.isEmpty() || only.stream().anyMatch(s -> matches(p, s));
      if (wanted && skip.stream().noneMatch(s -> matches(p, s))) {
        out.add(p);
      }
    }
    if (!only.isEmpty()) {
      // Pull in prerequisites of what was selected, for the same endpoint.
      boolean grew = true;
      while (grew) {
        grew = false;
        for (PlannedCheck selected : List.copyOf(out)) {
          for (PlannedCheck dep : resolvePlanned(selected, selected.check().dependsOn(), plan)) {
            if (!out.contains(dep)) {
              out.add(dep);
              grew = true;
            }
          }
        }
      }
      out.sort(Comparator.comparingInt(plan::indexOf));
    }
    return out;
  }

  private static boolean matches(Check c, String selector) {
    return c.id().equals(selector)
        || c.hop().id().equals(selector)
        || c.endpoints().stream()
            .anyMatch(
                e ->
                    e.id().equals(selector)
                        || (e.id() + "." + c.id()).equals(selector)
                        || c.hop(e).id().equals(selector));
  }

  private static boolean matches(PlannedCheck p, String selector) {
    return p.id().equals(selector)
        || p.check().id().equals(selector)
        || p.hop().id().equals(selector)
        || p.endpointIfAny().map(e -> e.id().equals(selector)).orElse(false);
  }

  private static List<String> resolve(PlannedCheck p, List<String> ids, List<PlannedCheck> plan) {
    return resolvePlanned(p, ids, plan).stream().map(PlannedCheck::id).toList();
  }

  private static List<PlannedCheck> resolvePlanned(
      PlannedCheck p, List<String> ids, List<PlannedCheck> plan) {
    List<PlannedCheck> out = new ArrayList<>();
    for (String id : ids) {
      Optional<PlannedCheck> qualified = plan.stream().filter(q -> q.id().equals(id)).findFirst();
      if (qualified.isPresent() && CheckRegistry.isQualified(id)) {
        // "gateway.http.request": that endpoint's run, whatever endpoint p has.
        out.add(qualified.get());
        continue;
      }
      List<PlannedCheck> candidates = plan.stream().filter(q -> q.check().id().equals(id)).toList();
      Optional<PlannedCheck> sameEndpoint =
          candidates.stream()
              .filter(q -> q.endpoint() != null && q.endpoint() == p.endpoint())
              .findFirst();
      if (sameEndpoint.isPresent()) {
        out.add(sameEndpoint.get());
      } else if (p.endpoint() == null || candidates.stream().allMatch(q -> q.endpoint() == null)) {
        out.addAll(candidates);
      }
    }
    return out;
  }

  private static List<String> concat(Collection<String> a, Collection<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * This checklist for {@code profile}, which may differ from the one it was built for in what the
   * run decided (an inferred vantage): each check's missing input is asked again.
   */
  public Checklist replanned(Profile profile) {
    List<PlannedCheck> again = new ArrayList<>();
    for (PlannedCheck p : planned) {
      String missing =
          (p.endpoint() == null
                  ? p.check().missingInput(profile)
                  : p.check().missingInput(profile, p.endpoint()))
              .or(() -> missingSetting(p.check(), profile))
              .orElse(null);
      again.add(
          new PlannedCheck(
              p.id(), p.check(), p.endpoint(), p.hop(), p.requires(), p.after(), missing));
    }
    return new Checklist(again);
  }

  public List<PlannedCheck> planned() {
    return planned;
  }

  public List<PlannedCheck> forHop(Hop hop) {
    return planned.stream().filter(p -> p.hop() == hop).toList();
  }

  public boolean isEmpty() {
    return planned.isEmpty();
  }
}
