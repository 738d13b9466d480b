package io.threescaledoctor.core.testing;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A check that behaves as scripted: returns a given result (or throws, or blocks), and records how
 * often it ran. Shared with other modules through diag-core's test jar.
 */
public final class FakeCheck implements Check {
  private final String id;
  private final Hop hop;
  private final Set<Endpoint> endpoints;
  private final List<String> dependsOn;
  private final List<String> runsAfter;
  private final Function<CheckContext, CheckResult> behaviour;
  private final String missingKey;
  private final AtomicInteger runs = new AtomicInteger();

  private FakeCheck(
      String id,
      Hop hop,
      Set<Endpoint> endpoints,
      List<String> dependsOn,
      List<String> runsAfter,
      Function<CheckContext, CheckResult> behaviour,
      String missingKey) {
    this.id = id;
    this.hop = hop;
    this.endpoints = endpoints;
    this.dependsOn = dependsOn;
    this.runsAfter = runsAfter;
    this.behaviour = behaviour;
    this.missingKey = missingKey;
  }

  public static FakeCheck returning(String id, Hop hop, CheckResult result) {
    return new FakeCheck(id, hop, Set.of(), List.of(), List.of(), ctx -> result, null);
  }

  public static FakeCheck behaving(String id, Hop hop, Function<CheckContext, CheckResult> b) {
    return new FakeCheck(id, hop, Set.of(), List.of(), List.of(), b, null);
  }

  /** A check that blocks until {@code release} opens (or forever). */
  public static FakeCheck blocking(String id, Hop hop, CountDownLatch release) {
    return behaving(
        id,
        hop,
        ctx -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return CheckResult.pass("released");
        });
  }

  public FakeCheck dependingOn(String... ids) {
    return new FakeCheck(id, hop, endpoints, List.of(ids), runsAfter, behaviour, missingKey);
  }

  public FakeCheck after(String... ids) {
    return new FakeCheck(id, hop, endpoints, dependsOn, List.of(ids), behaviour, missingKey);
  }

  public FakeCheck on(Endpoint... eps) {
    return new FakeCheck(id, hop, Set.of(eps), dependsOn, runsAfter, behaviour, missingKey);
  }

  /** A check that needs profile key {@code key}, which it treats as always missing. */
  public FakeCheck needing(String key) {
    return new FakeCheck(id, hop, endpoints, dependsOn, runsAfter, behaviour, key);
  }

  public int runs() {
    return runs.get();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Hop hop() {
    return hop;
  }

  @Override
  public String description() {
    return "fake check " + id;
  }

  @Override
  public Set<Endpoint> endpoints() {
    return endpoints;
  }

  @Override
  public List<String> dependsOn() {
    return dependsOn;
  }

  @Override
  public List<String> runsAfter() {
    return runsAfter;
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    return Optional.ofNullable(missingKey);
  }

  @Override
  public CheckResult run(CheckContext context) {
    runs.incrementAndGet();
    return behaviour.apply(context);
  }
}
