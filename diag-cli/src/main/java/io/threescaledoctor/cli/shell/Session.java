package io.threescaledoctor.cli.shell;

import com.fasterxml.jackson.databind.JsonNode;
import io.threescaledoctor.cli.CommandSession;
import io.threescaledoctor.cli.Suggestions;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnoser;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.Cancellation;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.profile.ProfileKeys;
import io.threescaledoctor.core.profile.ProfileLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state of one shell session: the profile (a file plus the keys set in the session), every
 * run's outcome, and the walk's steps. Commands run one at a time, but results arrive from the
 * command's worker thread, so the collections are thread-safe.
 */
final class Session implements CommandSession {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final UnaryOperator<String> environment;
  private final ProfileLoader loader;
  private final Clock clock;
  private final CheckRegistry checks;
  private Path profileFile;
  private final Map<String, String> overrides = new LinkedHashMap<>();
  private Profile profile;
  private volatile Cancellation cancellation = new Cancellation();
  private volatile String currentCommand = "";
  private final List<Run> runs = new CopyOnWriteArrayList<>();
  private final Map<Hop, WalkStep> walk = Collections.synchronizedMap(new TreeMap<>());

  /** One command's outcome. */
  record Run(String command, Instant at, Diagnosis diagnosis) {}

  /** A question the walk asked and what the engineer answered (empty when skipped). */
  record Answer(String reference, String question, String answer) {}

  /** One hop of the walk: what the checks found and what the engineer saw. */
  record WalkStep(Hop hop, List<CheckResult> results, List<Answer> answers) {}

  Session(UnaryOperator<String> environment, Clock clock, CheckRegistry checks) {
    this.environment = environment;
    this.loader = new ProfileLoader(environment);
    this.clock = clock;
    this.checks = checks;
    this.profile = Profile.empty();
  }

  /** Starts the session on {@code file} (may be null) with {@code initial} keys over it. */
  void start(Path file, Map<String, String> initial) throws ProfileException {
    Map<String, String> keys = new LinkedHashMap<>(initial);
    profile = load(file, keys);
    profileFile = file;
    overrides.putAll(keys);
  }

  @Override
  public synchronized Path profileFile() {
    return profileFile;
  }

  @Override
  public synchronized Map<String, String> profileOverrides() {
    return new LinkedHashMap<>(overrides);
  }

  @Override
  public CheckRegistry checks() {
    return checks;
  }

  @Override
  public Cancellation cancellation() {
    return cancellation;
  }

  /** A fresh cancellation for the next command; Ctrl-C cancels it. */
  Cancellation newCancellation() {
    cancellation = new Cancellation();
    return cancellation;
  }

  void currentCommand(String commandLine) {
    this.currentCommand = commandLine;
  }

  @Override
  public void record(Diagnosis diagnosis) {
    runs.add(new Run(currentCommand, clock.instant(), diagnosis));
  }

  synchronized Profile profile() {
    return profile;
  }

  /**
   * Sets {@code key}; the profile is reloaded at once, so a bad value is refused here with the
   * loader's message and the session keeps its previous value.
   */
  synchronized void set(String key, String value) throws ProfileException {
    requireKnown(key);
    Map<String, String> next = new LinkedHashMap<>(overrides);
    next.remove(key);
    next.put(key, value);
    profile = load(profileFile, next);
    overrides.clear();
    overrides.putAll(next);
  }

  /**
   * {@code value} with each {@code ${NAME}} replaced by the environment variable, as profile files
   * allow, so a secret can be set without typing it.
   */
  String interpolate(String value) throws ProfileException {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = environment.apply(m.group(1));
      if (v == null) {
        throw new ProfileException("environment variable " + m.group(1) + " is not set");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Removes {@code key} from the session, and hides the file's value for it too. */
  synchronized void unset(String key) throws ProfileException {
    requireKnown(key);
    Map<String, String> next = new LinkedHashMap<>(overrides);
    next.remove(key);
    if (profileFile != null) {
      next.put(key, null);
    }
    profile = load(profileFile, next);
    overrides.clear();
    overrides.putAll(next);
  }

  /** Loads another profile file; keys set in the session are dropped with the old profile. */
  synchronized void use(Path file) throws ProfileException {
    profile = load(file, Map.of());
    profileFile = file;
    overrides.clear();
  }

  private Profile load(Path file, Map<String, String> keys) throws ProfileException {
    return file == null ? loader.fromOverrides(keys) : loader.load(file, keys);
  }

  private static void requireKnown(String key) throws ProfileException {
    if (ProfileKeys.find(key).isEmpty()) {
      throw new ProfileException(
          "unknown profile key '"
              + key
              + "'"
              + Suggestions.didYouMean(key, ProfileKeys.names())
              + " (see 'show --all')");
    }
  }

  /** Masks the session's secrets and every credential pattern. */
  Redactor redactor() {
    return Redactor.of(profile().namedSecrets());
  }

  /**
   * Every profile key and its value as the session sees it, secrets masked, unset keys absent.
   * Values come from the profile serialised the way {@code show} prints it.
   */
  Map<String, String> values() {
    JsonNode tree = ProfileLoader.newMapper().valueToTree(profile());
    Redactor redactor = redactor();
    Map<String, String> out = new LinkedHashMap<>();
    for (ProfileKeys.Key key : ProfileKeys.all()) {
      JsonNode node = tree;
      for (String part : key.name().split("\\.")) {
        node = node == null ? null : node.get(part);
      }
      if (node == null
          || node.isNull()
          || node.isMissingNode()
          || (node.isContainerNode() && node.isEmpty())) {
        continue;
      }
      String text = node.isValueNode() ? node.asText() : flatten(node);
      out.put(key.name(), redactor.mask(text));
    }
    return out;
  }

  private static String flatten(JsonNode node) {
    List<String> parts = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> parts.add(n.asText()));
    } else {
      node.properties().forEach(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
    }
    return String.join(",", parts);
  }

  /** What the session points at, masked, for the prompt and the report. */
  Optional<String> target() {
    Profile p = profile();
    String url = p.gateway().url() != null ? p.gateway().url() : p.api().url();
    return Optional.ofNullable(url).map(u -> redactor().mask(u));
  }

  List<Run> runs() {
    return List.copyOf(runs);
  }

  Optional<Run> lastRun() {
    List<Run> all = runs();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** The latest result of every check run in the session, in the guide's hop order. */
  List<CheckResult> latestResults() {
    Map<String, CheckResult> latest = new LinkedHashMap<>();
    for (Run r : runs()) {
      for (CheckResult c : r.diagnosis().results()) {
        latest.remove(c.id());
        latest.put(c.id(), c);
      }
    }
    List<CheckResult> out = new ArrayList<>(latest.values());
    out.sort(Comparator.comparingInt((CheckResult c) -> c.hop().ordinal()));
    return out;
  }

  /**
   * The worst status among the latest results (a check that failed and then passed after a fix no
   * longer counts), or empty before anything ran.
   */
  Optional<Status> worstStatus() {
    return latestResults().stream()
        .map(CheckResult::status)
        .filter(s -> s != Status.SKIP)
        .reduce(Status::worst);
  }

  /** The diagnosis over the latest results of the whole session. */
  Diagnosis diagnosis() {
    List<Run> all = runs();
    Instant started = all.isEmpty() ? clock.instant() : all.get(0).at();
    long took = all.stream().mapToLong(r -> r.diagnosis().durationMillis()).sum();
    return new Diagnoser(KnownIssueCatalog.standard())
        .diagnose(started, took, profile().vantage(), latestResults());
  }

  void recordWalkStep(WalkStep step) {
    walk.put(step.hop(), step);
  }

  /** The walk's steps in the guide's order; walking a hop again replaces its step. */
  List<WalkStep> walkSteps() {
    synchronized (walk) {
      return List.copyOf(walk.values());
    }
  }

  Instant now() {
    return clock.instant();
  }
}
