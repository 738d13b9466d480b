package io.threescaledoctor.core;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.Cancellation;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.engine.Checklist;
import io.threescaledoctor.core.engine.Engine;
import io.threescaledoctor.core.engine.EngineListener;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Durations;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.profile.ProfileLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The entry point for Java applications that embed 3scale-doctor: describe the setup, run the
 * checklist, get a {@link Diagnosis}.
 *
 * <pre>{@code
 * Doctor doctor = Doctor.builder()
 *     .profileYaml("""
 *         gateway: {url: https://api.example.com}
 *         credentials: {userKey: ${USER_KEY}}
 *         client: {path: /hello}
 *         """)
 *     .deadline(Duration.ofSeconds(10))
 *     .build();                               // ProfileException: the profile is unusable
 * Diagnosis d = doctor.run();
 * if (d.status() == DiagnosisStatus.FAILING) {
 *   log.warn(new OneLineReportRenderer().line(d));
 * }
 * }</pre>
 *
 * <p>The checks are every {@link Check} registered through {@link java.util.ServiceLoader} on the
 * class path (the standard ones come with {@code diag-checks}; an application adds its own with a
 * {@code META-INF/services/io.threescaledoctor.core.check.Check} line, and they then also appear in
 * the command line's {@code checks}, {@code run} and shell), plus those given to {@link
 * Builder#addCheck(Check)}.
 *
 * <p>Threading: a {@code Doctor} is immutable; {@link #run()} may be called repeatedly and from
 * several threads (each run has its own threads, timeouts and deadline). A run never throws for
 * what it finds: broken targets are FAIL results, checks that cannot run are ERROR results, and the
 * deadline ({@link Builder#deadline(Duration)}, else the profile's {@code timeouts.total}) bounds
 * how long {@code run} blocks. Every result is already redacted: no secret of the profile appears
 * in a {@code Diagnosis}.
 */
public final class Doctor {
  private final Profile profile;
  private final CheckRegistry registry;
  private final Engine engine;
  private final List<String> only;
  private final List<String> skip;

  private Doctor(
      Profile profile,
      CheckRegistry registry,
      Engine engine,
      List<String> only,
      List<String> skip) {
    this.profile = profile;
    this.registry = registry;
    this.engine = engine;
    this.only = List.copyOf(only);
    this.skip = List.copyOf(skip);
  }

  /** A builder with no profile yet, the standard checks and no listener. */
  public static Builder builder() {
    return new Builder();
  }

  /** The profile runs use, after overrides and the deadline were applied. */
  public Profile profile() {
    return profile;
  }

  /** Every check this doctor knows, in registration order. */
  public List<Check> checks() {
    return registry.all();
  }

  /** Runs the checklist (restricted by {@link Builder#only} and {@link Builder#skip}). */
  public Diagnosis run() {
    return engine.run(checklist(only, skip), profile);
  }

  /**
   * Runs the checklist as {@link #run()} does, for a caller that schedules runs (the {@code serve}
   * verb, {@link io.threescaledoctor.core.fleet.Scheduler}): with another selection, a shorter
   * deadline, and a way to stop it early.
   *
   * @param only check, endpoint or hop ids to run (with their prerequisites) instead of the
   *     builder's {@code only}; empty keeps the builder's selection
   * @param deadline the longest this run may take; null keeps the profile's {@code timeouts.total}
   * @param cancellation when cancelled, checks not yet finished are SKIP and the run returns
   * @throws IllegalArgumentException when an id in {@code only} names nothing
   */
  public Diagnosis run(Collection<String> only, Duration deadline, Cancellation cancellation) {
    Checklist checklist = only.isEmpty() ? checklist(this.only, skip) : checklist(only, skip);
    Profile p = deadline == null ? profile : profile.withTimeoutsTotal(deadline);
    return engine.run(checklist, p, cancellation);
  }

  /**
   * Runs one check, and the checks it depends on, alone.
   *
   * @param id a check id ({@code tcp.connect}) or a planned id ({@code api.tcp.connect}), as {@code
   *     3scale-doctor checks} lists them
   * @return the diagnosis of that small run; its results hold the check's result and its
   *     prerequisites'
   * @throws IllegalArgumentException when no check, endpoint or hop has that id
   */
  public Diagnosis run(String id) {
    return engine.run(checklist(List.of(id), List.of()), profile);
  }

  /**
   * The result of one check run alone (prerequisites run first and may make it SKIP); for a check
   * that runs once per endpoint, the first endpoint's result.
   *
   * @throws IllegalArgumentException when no check has that id
   */
  public CheckResult check(String id) {
    Diagnosis d = run(id);
    return d.result(id)
        .or(() -> d.results().stream().filter(r -> r.id().endsWith("." + id)).findFirst())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + id
                        + "' planned no run with this profile (does it name an endpoint the profile"
                        + " lacks?)"));
  }

  private Checklist checklist(Collection<String> selected, Collection<String> left) {
    return Checklist.build(registry, profile, Set.copyOf(selected), Set.copyOf(left));
  }

  /** Configures a {@link Doctor}. Every method returns this builder; none may be given null. */
  public static final class Builder {
    private Profile profile;
    private String yaml;
    private Path path;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private boolean useEnvironment = true;
    private final List<Check> extraChecks = new ArrayList<>();
    private ClassLoader classLoader = Doctor.class.getClassLoader();
    private boolean serviceLoader = true;
    private EngineListener listener = EngineListener.NONE;
    private Duration deadline;
    private Clock clock = Clock.systemUTC();
    private final List<String> only = new ArrayList<>();
    private final List<String> skip = new ArrayList<>();

    private Builder() {}

    /**
     * The setup as a profile object, usually made with {@link Profile#builder()}. Replaces any YAML
     * or path given before. {@link #build()} validates it as a loaded profile, and applies {@link
     * #set} overrides and the {@link #deadline} over it.
     */
    public Builder profile(Profile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      this.yaml = null;
      this.path = null;
      return this;
    }

    /** The setup as profile YAML text ({@code ${ENV}} interpolated). */
    public Builder profileYaml(String yaml) {
      this.yaml = Objects.requireNonNull(yaml, "yaml");
      this.profile = null;
      this.path = null;
      return this;
    }

    /** The setup as a profile YAML file. */
    public Builder profilePath(Path path) {
      this.path = Objects.requireNonNull(path, "path");
      this.profile = null;
      this.yaml = null;
      return this;
    }

    /**
     * Overrides one profile key, as {@code --set key=value} does: {@code gateway.url}, {@code
     * timeouts.read}, {@code extensions.myapp.redis.url}. Applies over whichever profile was given
     * (object, YAML, file), or makes the whole profile when none was.
     */
    public Builder set(String key, String value) {
      overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Where {@code ${VAR}} in YAML is looked up: these variables instead of the process
     * environment.
     */
    public Builder environment(Map<String, String> variables) {
      environment.clear();
      environment.putAll(variables);
      useEnvironment = false;
      return this;
    }

    /**
     * A check of the application's own. It replaces a registered check of the same id (so a check
     * that needs constructor arguments can still be registered for the command line with a no-arg
     * constructor), and is added otherwise.
     */
    public Builder addCheck(Check check) {
      extraChecks.add(Objects.requireNonNull(check, "check"));
      return this;
    }

    /** Where to look for registered checks (default: the class loader of this library). */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /**
     * Whether to use checks registered through {@link java.util.ServiceLoader} (default true);
     * false runs only the checks given to {@link #addCheck(Check)}.
     */
    public Builder useRegisteredChecks(boolean use) {
      this.serviceLoader = use;
      return this;
    }

    /** Receives progress events; called from worker threads, so it must be thread-safe. */
    public Builder listener(EngineListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The longest a run may take; checks still running then are ERROR naming the deadline. */
    public Builder deadline(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("deadline must be positive: " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /** The clock results are stamped with (tests fix it). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Runs only these checks, endpoints or hops (and what they need), like {@code --only}. */
    public Builder only(String... ids) {
      only.addAll(List.of(ids));
      return this;
    }

    /** Leaves out these checks, endpoints or hops, like {@code --skip}. */
    public Builder skip(String... ids) {
      skip.addAll(List.of(ids));
      return this;
    }

    /**
     * Loads the profile and the checks, and checks them against each other.
     *
     * @throws ProfileException when the profile cannot be read or is invalid (a bad URL, an unknown
     *     key, an extension setting no check declares or of the wrong kind); the message is one
     *     line naming the problem and where it is
     * @throws IllegalStateException when two checks share an id, an id breaks the id rule ({@code
     *     area.aspect}, lower case), a dependency is unknown, or a check declares a cause no
     *     known-issue catalog defines
     * @throws IllegalArgumentException when {@code only} or {@code skip} names nothing
     */
    public Doctor build() throws ProfileException {
      Map<String, String> all = new LinkedHashMap<>(overrides);
      ProfileLoader loader =
          useEnvironment ? new ProfileLoader() : new ProfileLoader(environment::get);
      Profile loaded;
      if (profile != null) {
        Profile base =
            deadline == null ? profile : profile.toBuilder().timeoutsTotal(deadline).build();
        loaded = loader.withOverrides(base, all);
      } else {
        if (deadline != null) {
          all.put("timeouts.total", Durations.format(deadline));
        }
        if (path != null) {
          loaded = loader.load(path, all);
        } else if (yaml != null) {
          loaded = loader.parse(yaml, "profile", all);
        } else {
          loaded = loader.fromOverrides(all);
        }
      }
      CheckRegistry registry =
          serviceLoader
              ? CheckRegistry.load(classLoader).replacedBy(extraChecks)
              : CheckRegistry.of(extraChecks);
      registry.validate(loaded, classLoader);
      loaded = loaded.withSecretSettings(registry.settings());
      Engine.Builder engine = Engine.builder().listener(listener).clock(clock);
      if (classLoader != Doctor.class.getClassLoader()) {
        // The standard catalog is read on the first run; one of another class loader now.
        engine.catalog(KnownIssueCatalog.load(classLoader));
      }
      Doctor doctor = new Doctor(loaded, registry, engine.build(), only, skip);
      doctor.checklist(only, skip);
      return doctor;
    }
  }
}
