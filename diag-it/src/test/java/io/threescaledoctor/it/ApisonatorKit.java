package io.threescaledoctor.it;

import io.threescaledoctor.core.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The real 3scale backend (apisonator 3.4.3: redis, listener, worker) from the kit in {@code
 * ../shared/apisonator}: started with its own state directory and free loopback ports (other
 * sessions run their own at the same time), provisioned with the kit's fixtures, and stopped by the
 * PIDs the kit saved. One per suite: see {@link RealBackend}.
 */
final class ApisonatorKit implements AutoCloseable {
  /** The kit's fixtures (its README): one provider key for every service, tokens st-SERVICE. */
  static final String PROVIDER_KEY = "pk-2555417777777";

  /** backend_version 1 (user_key): uk-active, uk-suspended, uk-limited (3 hits a minute). */
  static final String SERVICE = "2555417777777";

  /** backend_version oauth: oauth-client, key oauth-secret, its redirect URL. */
  static final String OAUTH_SERVICE = "2555417777778";

  /** A suspended service (backend_version 1) with user key uk-in-suspended-svc. */
  static final String SUSPENDED_SERVICE = "2555417777779";

  /** backend_version 2 (app_id + app_key): app-v2 with key ak-v2. */
  static final String V2_SERVICE = "2555417777780";

  static final String OAUTH_REDIRECT = "https://client.example.test/callback";

  /** Every secret the fixtures hold: no output of the doctor may show one unmasked. */
  static final List<String> SECRETS =
      List.of(
          PROVIDER_KEY,
          token(SERVICE),
          token(OAUTH_SERVICE),
          token(SUSPENDED_SERVICE),
          token(V2_SERVICE),
          "uk-active",
          "uk-suspended",
          "uk-limited",
          "uk-in-suspended-svc",
          "ak-active",
          "ak-v2",
          "oauth-secret");

  private static final long START_TIMEOUT_SECONDS = 300;
  private static final List<String> PROCESSES = List.of("redis", "listener", "worker");

  private final Path kit;
  private final Path state;
  private final int listenerPort;
  private final int redisPort;
  private final List<Long> pids;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ApisonatorKit(Path kit, Path state, int listenerPort, int redisPort, List<Long> pids) {
    this.kit = kit;
    this.state = state;
    this.listenerPort = listenerPort;
    this.redisPort = redisPort;
    this.pids = pids;
  }

  static String token(String serviceId) {
    return "st-" + serviceId;
  }

  /** The kit's directory, from {@code -Dapisonator.kit} (set by the build). */
  static Path kitDirectory() {
    String configured = System.getProperty("apisonator.kit");
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException(
          "apisonator.kit is not set: run the suite through Maven (mvn -B verify), which sets it");
    }
    Path kit = Path.of(configured).toAbsolutePath().normalize();
    if (!Files.isExecutable(kit.resolve("start.sh"))) {
      throw new IllegalStateException("no apisonator kit at " + kit + " (start.sh is missing)");
    }
    return kit;
  }

  /**
   * Starts the kit on two free ports, on two others when redis or puma found its port taken before
   * it bound it ({@link FreePorts}).
   */
  static ApisonatorKit start(Path kit) throws Exception {
    return FreePorts.tcp(2, ports -> startOn(kit, ports[0], ports[1]));
  }

  private static ApisonatorKit startOn(Path kit, int redisPort, int listenerPort)
      throws IOException, InterruptedException {
    Path state = Files.createTempDirectory("apisonator-");
    Map<String, String> env = env(state, redisPort, listenerPort);
    Path log = state.resolve("start.log");
    int exit = run(kit.resolve("start.sh"), env, log, START_TIMEOUT_SECONDS);
    if (exit == 0) {
      return new ApisonatorKit(kit, state, listenerPort, redisPort, pids(state));
    }
    // The log goes into the message: it says whether a port was taken ("Address already in use").
    IllegalStateException failed =
        new IllegalStateException(
            "the apisonator kit did not start (exit " + exit + "):\n" + Files.readString(log));
    stop(kit, env, state.resolve("stop.log"));
    deleteRecursively(state);
    throw failed;
  }

  /** The kit's own variables: where its state goes, and the ports it binds. */
  private static Map<String, String> env(Path state, int redisPort, int listenerPort) {
    return Map.of(
        "APISONATOR_STATE",
        state.toString(),
        "REDIS_PORT",
        Integer.toString(redisPort),
        "LISTENER_PORT",
        Integer.toString(listenerPort));
  }

  private static List<Long> pids(Path state) throws IOException {
    List<Long> pids = new ArrayList<>();
    for (String name : PROCESSES) {
      pids.add(Long.parseLong(Files.readString(state.resolve("run/" + name + ".pid")).trim()));
    }
    return pids;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + listenerPort);
  }

  /** {@code 127.0.0.1:PORT}, for nginx's proxy_pass. */
  String hostPort() {
    return "127.0.0.1:" + listenerPort;
  }

  /**
   * Stops redis, listener and worker by the PIDs the kit saved (its stop.sh, which waits 5 s for
   * the worker to leave its blocking pop), checks none is left, and removes the state directory.
   */
  @Override
  public void close() throws IOException, InterruptedException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stop(kit, env(state, redisPort, listenerPort), state.resolve("stop.log"));
    List<Long> alive =
        pids.stream()
            .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            .toList();
    alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    String stopLog = Files.readString(state.resolve("stop.log"));
    deleteRecursively(state);
    if (!alive.isEmpty()) {
      throw new IllegalStateException(
          "stop.sh left " + alive + " running (killed now); its output:\n" + stopLog);
    }
  }

  private static void stop(Path kit, Map<String, String> env, Path log)
      throws IOException, InterruptedException {
    run(kit.resolve("stop.sh"), env, log, 60);
  }

  private static int run(Path script, Map<String, String> env, Path log, long timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder b =
        new ProcessBuilder("bash", script.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    b.environment().putAll(env);
    Process p = b.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(script + " did not finish within " + timeoutSeconds + " s");
    }
    return p.exitValue();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
