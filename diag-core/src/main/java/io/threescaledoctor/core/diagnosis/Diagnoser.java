package io.threescaledoctor.core.diagnosis;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.SecretVariables;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.issue.GuideSections;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns results into a {@link Diagnosis}: the verdict per hop and for the run, the likely failure
 * point by the design's rule (first failing hop in guide order, passing over a hop whose failure
 * the hop it leads to explains), the finding to fix first there, and every other hop that fails on
 * its own. Results about application dependencies beside the chain count for the run's status but
 * never for a hop; when they are all that fails, the diagnosis is FAILING with no failure point in
 * the chain.
 *
 * <p>A failing result that another one explains is not a failure of its own: one that declares it
 * explains it ({@link CheckResult#explains(String)}: a proven DNS fault explains the connection
 * failures behind it), or one whose known issue lists the other's cause as an explanation ({@link
 * KnownIssue#explainedBy()}: a gateway that times out while the API it waits on times out too).
 */
public final class Diagnoser {
  private static final Pattern SECRET_VARIABLE = Pattern.compile("\\$\\{?(THREESCALE_[A-Z_]+)");

  /** Profile keys a bare run asks for first: each unlocks a whole endpoint's checks. */
  private static final List<String> KEYS_FIRST =
      List.of("gateway.url", "api.url", "threescale.serviceId", "threescale.admin");

  /** In a known issue's explainedBy: any other failure with a known issue explains it. */
  static final String ANY_CAUSE = "*";

  private final KnownIssueCatalog catalog;

  public Diagnoser(KnownIssueCatalog catalog) {
    this.catalog = catalog;
  }

  public Diagnosis diagnose(
      Instant startedAt, long durationMillis, Profile.Vantage vantage, List<CheckResult> results) {
    return diagnose(startedAt, durationMillis, vantage, results, false);
  }

  /**
   * As {@link #diagnose(Instant, long, Profile.Vantage, List)}, for a run the user cancelled: what
   * did not run is then explained by the cancel, not by the profile.
   */
  public Diagnosis diagnose(
      Instant startedAt,
      long durationMillis,
      Profile.Vantage vantage,
      List<CheckResult> results,
      boolean cancelled) {
    return diagnose(startedAt, durationMillis, vantage, null, results, cancelled, List.of());
  }

  /**
   * The full form.
   *
   * @param vantageInferredFrom why the vantage was inferred, or null when the profile stated it
   * @param notes advice about the run itself (a weak secret), added after the next steps
   */
  public Diagnosis diagnose(
      Instant startedAt,
      long durationMillis,
      Profile.Vantage vantage,
      String vantageInferredFrom,
      List<CheckResult> results,
      boolean cancelled,
      List<String> notes) {
    List<HopReport> hops = new ArrayList<>();
    for (Hop hop : Hop.values()) {
      hops.add(hopReport(hop, results));
    }
    DiagnosisStatus status = status(results);
    Hop failurePoint = null;
    String cause = null;
    String explanation;
    List<OtherFailure> others = new ArrayList<>();
    Steps steps = new Steps();
    switch (status) {
      case FAILING -> {
        DependencyFindings dependencies = DependencyFindings.of(results, catalog);
        List<CheckResult> primary = primaryFailures(results);
        if (primary.isEmpty()) {
          // Only application dependencies fail: no hop of the chain is to blame.
          cause = dependencies.cause();
          explanation = dependencies.explanation();
          dependencies.nextSteps().forEach(steps::add);
          break;
        }
        failurePoint = locate(primary);
        CheckResult first = headline(primary, failurePoint);
        cause = first.cause().orElse(null);
        Optional<KnownIssue> issue = first.cause().flatMap(catalog::find);
        explanation =
            issue.map(i -> i.title() + ". " + i.explanation()).orElse(first.summary())
                + " (seen by "
                + first.id()
                + ": "
                + first.summary()
                + ")";
        first.remedy().ifPresent(steps::add);
        issue
            .map(KnownIssue::remedy)
            .filter(general -> first.remedy().map(own -> !sameAdvice(own, general)).orElse(true))
            .ifPresent(steps::add);
        first.reproduce().ifPresent(c -> steps.add("See it yourself: " + c));
        addFindings(steps, first);
        for (CheckResult r : primary) {
          if (r != first && r.hop() == failurePoint) {
            r.remedy().ifPresent(steps::add);
            addFindings(steps, r);
          }
        }
        others = otherFailures(primary, failurePoint, first);
        for (OtherFailure o : others) {
          CheckResult r =
              primary.stream().filter(p -> p.id().equals(o.checkId())).findFirst().orElseThrow();
          String remedy =
              r.remedy()
                  .or(() -> r.cause().flatMap(catalog::find).map(KnownIssue::remedy))
                  .orElse(r.summary());
          steps.add(
              "Also failing on its own, "
                  + o.hop().id()
                  + (o.cause() == null ? "" : " (" + o.cause() + ")")
                  + ": "
                  + remedy);
          addFindings(steps, r);
        }
        dependencies.alsoFailing().forEach(steps::add);
        steps.add(
            GuideSections.line(
                first
                    .reference()
                    .or(() -> issue.map(KnownIssue::reference))
                    .orElse(failurePoint.guideSection())));
      }
      case INCONCLUSIVE -> {
        List<String> couldNotRun =
            results.stream().filter(r -> r.status() == Status.ERROR).map(CheckResult::id).toList();
        if (cancelled) {
          explanation =
              "The run was cancelled before it finished, so the chain cannot be called healthy.";
          steps.add("Run again and let it finish (timeouts.total bounds how long it takes).");
        } else if (couldNotRun.isEmpty()) {
          explanation =
              "No check could run with this profile, so nothing can be said about the chain.";
          missingKeysInOrder(results)
              .forEach(k -> steps.add("Set " + k + " in the profile (or with a flag)."));
          if (steps.isEmpty()) {
            steps.add("Give at least gateway.url, or api.url, in the profile.");
          }
        } else {
          explanation =
              "Nothing failed, but "
                  + couldNotRun.size()
                  + " check(s) could not run, so the chain cannot be called healthy: "
                  + String.join(", ", couldNotRun)
                  + ".";
          results.stream()
              .filter(r -> r.status() == Status.ERROR)
              .forEach(r -> steps.add(r.id() + ": " + r.summary()));
        }
      }
      case DEGRADED -> {
        explanation = "Every hop works, with warnings.";
        for (CheckResult r : results) {
          if (r.status() == Status.WARN) {
            steps.add(r.id() + ": " + r.remedy().orElse(r.summary()));
            addFindings(steps, r);
          }
        }
      }
      default -> explanation = "Every check passed: the chain works end to end as tested.";
    }
    secretVariablesNote(results).ifPresent(steps::add);
    notes.forEach(steps::add);
    return new Diagnosis(
        startedAt,
        durationMillis,
        vantage,
        results,
        hops,
        status,
        failurePoint,
        cause,
        explanation,
        steps.list(),
        vantageInferredFrom,
        others);
  }

  /** Next steps, each piece of advice once, whatever its capitals or final full stop. */
  private static final class Steps {
    private final Map<String, String> byKey = new LinkedHashMap<>();

    void add(String step) {
      if (step == null || step.isBlank()) {
        return;
      }
      String key = step.strip().toLowerCase(Locale.ROOT).replaceAll("[.\\s]+$", "");
      byKey.putIfAbsent(key, step.strip());
    }

    boolean isEmpty() {
      return byKey.isEmpty();
    }

    List<String> list() {
      return new ArrayList<>(byKey.values());
    }
  }

  /**
   * Whether a check's own remedy already gives its known issue's advice in other words (a 3scale
   * error code's remedy and its issue's, say): most words of either are in the other. A remedy that
   * adds to the other ("check the listener" beside "open the firewall", or a short "start the API"
   * beside advice on how to find out why it is down) leaves many words unshared, and both are kept.
   */
  static boolean sameAdvice(String own, String general) {
    Set<String> a = adviceWords(own);
    Set<String> b = adviceWords(general);
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    Set<String> shared = new LinkedHashSet<>(a);
    shared.retainAll(b);
    return shared.size() * 4 >= Math.max(a.size(), b.size()) * 3;
  }

  private static Set<String> adviceWords(String text) {
    Set<String> words = new LinkedHashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9.]+")) {
      String word = w.replaceAll("^\\.+|\\.+$", "");
      if (word.length() > 3 && !ADVICE_FILLER.contains(word)) {
        words.add(word);
      }
    }
    return words;
  }

  private static final Set<String> ADVICE_FILLER =
      Set.of("that", "this", "with", "from", "when", "then", "than", "their", "there", "into");

  /** Each finding's own remedy, from its known issue. */
  private void addFindings(Steps steps, CheckResult r) {
    for (CheckResult.Finding f : r.findings()) {
      if (f.status() == Status.FAIL || f.status() == Status.WARN) {
        Optional.ofNullable(f.cause())
            .flatMap(catalog::find)
            .map(KnownIssue::remedy)
            .ifPresent(steps::add);
      }
    }
  }

  /** The FAIL results about the chain that no other FAIL result explains. */
  private List<CheckResult> primaryFailures(List<CheckResult> results) {
    List<CheckResult> fails =
        results.stream()
            .filter(r -> r.status() == Status.FAIL && r.dependency().isEmpty())
            .toList();
    List<CheckResult> primary = new ArrayList<>();
    for (CheckResult r : fails) {
      if (!explained(r, fails)) {
        primary.add(r);
      }
    }
    return primary.isEmpty() ? fails : primary;
  }

  private boolean explained(CheckResult r, List<CheckResult> fails) {
    if (fails.stream().anyMatch(f -> f != r && f.explains(r.id()))) {
      return true;
    }
    Optional<KnownIssue> issue = r.cause().flatMap(catalog::find);
    if (issue.isEmpty() || issue.get().explainedBy().isEmpty()) {
      return false;
    }
    List<String> by = issue.get().explainedBy();
    return fails.stream()
        .anyMatch(
            f ->
                f != r
                    && f.cause().filter(c -> by.contains(c) || by.contains(ANY_CAUSE)).isPresent()
                    && !f.cause().equals(r.cause()));
  }

  /**
   * The design's localization rule, on the hops of the primary failures. A hop that explains
   * another is explained by none, so among failing hops there is always one that stands.
   */
  private static Hop locate(List<CheckResult> primary) {
    Set<Hop> failing = new LinkedHashSet<>();
    primary.forEach(r -> failing.add(r.hop()));
    return Arrays.stream(Hop.values())
        .filter(h -> failing.contains(h) && !explainedByHop(h, failing))
        .findFirst()
        .orElseThrow();
  }

  private static boolean explainedByHop(Hop h, Set<Hop> failing) {
    return h.explainedBy().map(failing::contains).orElse(false);
  }

  /**
   * The finding to fix first at {@code hop}: one that explains other findings (a root cause), then
   * the first with a known issue, then the first.
   */
  private static CheckResult headline(List<CheckResult> primary, Hop hop) {
    List<CheckResult> here = primary.stream().filter(r -> r.hop() == hop).toList();
    return here.stream()
        .filter(r -> !r.explains().isEmpty())
        .findFirst()
        .or(() -> here.stream().filter(r -> r.cause().isPresent()).findFirst())
        .orElse(here.get(0));
  }

  /**
   * Every other hop with a failure of its own: not the failure point, not explained by the hop it
   * leads to, and naming a cause not already reported.
   */
  private static List<OtherFailure> otherFailures(
      List<CheckResult> primary, Hop failurePoint, CheckResult first) {
    Set<Hop> failing = new LinkedHashSet<>();
    primary.forEach(r -> failing.add(r.hop()));
    Set<String> reported = new LinkedHashSet<>();
    first.cause().ifPresent(reported::add);
    List<OtherFailure> out = new ArrayList<>();
    for (Hop h : Hop.values()) {
      if (h == failurePoint || !failing.contains(h) || explainedByHop(h, failing)) {
        continue;
      }
      // A failure that names no cause says nothing new beside one that does.
      List<CheckResult> here =
          primary.stream()
              .filter(r -> r.hop() == h)
              .filter(r -> r.cause().map(c -> !reported.contains(c)).orElse(reported.isEmpty()))
              .sorted(Comparator.comparingInt((CheckResult r) -> r.explains().isEmpty() ? 1 : 0))
              .toList();
      if (here.isEmpty()) {
        continue;
      }
      CheckResult r =
          here.stream().filter(x -> x.cause().isPresent()).findFirst().orElse(here.get(0));
      r.cause().ifPresent(reported::add);
      out.add(new OtherFailure(h, r.cause().orElse(null), r.id(), r.summary()));
    }
    return out;
  }

  /** The keys a run without them asks for, most useful first. */
  private static List<String> missingKeysInOrder(List<CheckResult> results) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (CheckResult r : results) {
      String k = r.evidence().get("missingInput");
      if (k != null) {
        counts.merge(k, 1, Integer::sum);
      }
    }
    List<String> keys = new ArrayList<>(counts.keySet());
    keys.sort(
        Comparator.comparingInt(
                (String k) -> KEYS_FIRST.contains(k) ? KEYS_FIRST.indexOf(k) : KEYS_FIRST.size())
            .thenComparing(k -> -counts.get(k)));
    return keys;
  }

  /** Names, once, the environment variables the reproduce commands read secrets from. */
  private static Optional<String> secretVariablesNote(List<CheckResult> results) {
    Set<String> variables = new LinkedHashSet<>();
    for (CheckResult r : results) {
      r.reproduce()
          .ifPresent(
              c -> {
                Matcher m = SECRET_VARIABLE.matcher(c);
                while (m.find()) {
                  variables.add(m.group(1));
                }
              });
    }
    if (variables.isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    for (String v : variables) {
      parts.add(v + " (" + SecretVariables.keyOf(v).orElse("a secret") + ")");
    }
    return Optional.of(
        "The commands shown read secrets from the environment; set "
            + String.join(", ", parts)
            + " before pasting them.");
  }

  private static HopReport hopReport(Hop hop, List<CheckResult> results) {
    Status worst = null;
    boolean direct = false;
    boolean logs = false;
    for (CheckResult r : results) {
      if (r.hop() != hop || r.status() == Status.SKIP || r.dependency().isPresent()) {
        continue; // a dependency beside the chain never counts in a hop's verdict
      }
      worst = worst == null ? r.status() : Status.worst(worst, r.status());
      if (r.tested() == Tested.LOGS) {
        logs = true;
      } else {
        direct = true;
      }
    }
    if (worst == null) {
      return new HopReport(hop, Status.SKIP, HopReport.NOT_TESTED);
    }
    return new HopReport(
        hop, worst, direct ? HopReport.DIRECT : logs ? HopReport.LOGS : HopReport.NOT_TESTED);
  }

  private static DiagnosisStatus status(List<CheckResult> results) {
    boolean fail = false;
    boolean error = false;
    boolean warn = false;
    boolean ran = false;
    for (CheckResult r : results) {
      switch (r.status()) {
        case FAIL -> fail = true;
        case ERROR -> error = true;
        case WARN -> warn = true;
        default -> {}
      }
      ran |= r.status() != Status.SKIP;
    }
    if (fail) {
      return DiagnosisStatus.FAILING;
    }
    if (error || !ran) {
      return DiagnosisStatus.INCONCLUSIVE;
    }
    return warn ? DiagnosisStatus.DEGRADED : DiagnosisStatus.HEALTHY;
  }
}
