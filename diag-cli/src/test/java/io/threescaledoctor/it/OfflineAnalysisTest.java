package io.threescaledoctor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threescaledoctor.core.testing.Component;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logs} and {@code nginx-conf} are offline: run in a network namespace with no usable
 * interface, and in one whose only resolver receives queries and never answers, they say exactly
 * what they say with the machine's network, and the resolver receives no query. The doctor runs as
 * users run it, in a JVM of its own, with the system resolver (no hosts file of the tests'). {@code
 * --dns-lookup} shows the silent resolver would have seen a lookup.
 */
class OfflineAnalysisTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration RUN_LIMIT = Duration.ofSeconds(120);

  @TempDir Path dir;

  private final String name = "tsd-offline-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<Process> started = new ArrayList<>();
  private boolean namespace;
  private Path etcNetns;
  private boolean madeEtcNetns;
  private Path log;
  private Path conf;

  @BeforeEach
  void aLogThatNamesAddressesAndHostNames() throws IOException {
    log = dir.resolve("error.log");
    // Lines that name an address: placing them by the profile's host names would need a lookup.
    Files.writeString(
        log,
        """
        2026/11/27 09:14:20 [error] 27#27: *512 upstream timed out (110: Connection timed out) while connecting to upstream, client: 10.130.2.1, server: api.example.com, request: "GET /v1/orders HTTP/1.1", subrequest: "/threescale_authrep", upstream: "https://34.194.23.11:443/transactions/authrep.xml?service_id=2", host: "api.example.com"
        2026/11/27 09:14:25 [error] 27#27: *515 lua tcp socket connect timed out, when connecting to 34.194.23.12:443, client: 10.130.2.1, server: api.example.com, request: "GET /v1/orders HTTP/1.1", host: "api.example.com"
        2026/11/27 09:14:26 [error] 27#27: *516 connect() failed (111: Connection refused) while connecting to upstream, client: 10.130.2.1, server: api.example.com, request: "GET /v1/orders HTTP/1.1", upstream: "http://10.0.0.5:8080/v1/orders", host: "api.example.com"
        """);
    conf = dir.resolve("nginx.conf");
    Files.writeString(
        conf,
        """
        http {
          resolver 10.0.0.2;
          server {
            location = /threescale_authrep { internal; proxy_pass https://su1.3scale.net/transactions/authrep.xml; }
            location / { auth_request /threescale_authrep; proxy_pass http://api.internal.example:8080; }
          }
        }
        """);
  }

  @AfterEach
  void removeTheNamespace() throws Exception {
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (namespace) {
      run(List.of("ip", "netns", "del", name));
    }
    if (etcNetns != null) {
      Files.deleteIfExists(etcNetns.resolve("resolv.conf"));
      Files.deleteIfExists(etcNetns);
      if (madeEtcNetns) {
        Files.deleteIfExists(etcNetns.getParent());
      }
    }
  }

  @Test
  void logsAndNginxConfSayTheSameWithNoNetworkInterfaceAtAll() throws Exception {
    assumeNamespacesCanBeMade();
    List<String> logs = logsCommand();
    List<String> lint = lintCommand();
    Outcome logsHere = doctor(List.of(), logs);
    Outcome lintHere = doctor(List.of(), lint);
    makeNamespace();

    Outcome logsThere = doctor(inNamespace(), logs);
    Outcome lintThere = doctor(inNamespace(), lint);

    assertThat(logsThere.exitCode()).as(logsThere.stderr()).isEqualTo(logsHere.exitCode());
    assertThat(stable(logsThere.json())).isEqualTo(stable(logsHere.json()));
    assertThat(lintThere.exitCode()).as(lintThere.stderr()).isEqualTo(lintHere.exitCode());
    assertThat(lintThere.stdout()).isEqualTo(lintHere.stdout());
    System.out.printf(
        "offline, no interface: logs %d ms (%d ms with the network), nginx-conf %d ms (%d ms)%n",
        logsThere.millis(), logsHere.millis(), lintThere.millis(), lintHere.millis());
  }

  @Test
  void logsAndNginxConfNeverAskAResolverThatNeverAnswers() throws Exception {
    assumeNamespacesCanBeMade();
    List<String> logs = logsCommand();
    List<String> lint = lintCommand();
    Outcome logsHere = doctor(List.of(), logs);
    Outcome lintHere = doctor(List.of(), lint);
    makeNamespace();
    run(List.of("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up"));
    // ip netns exec mounts /etc/netns/NAME/resolv.conf over /etc/resolv.conf for what it runs.
    madeEtcNetns = !Files.exists(Path.of("/etc/netns"));
    etcNetns = Files.createDirectories(Path.of("/etc/netns", name));
    Files.writeString(
        etcNetns.resolve("resolv.conf"), "nameserver 127.0.0.1\noptions timeout:2 attempts:1\n");
    Path counted = dir.resolve("queries");
    silentResolver(counted);

    Outcome logsThere = doctor(inNamespace(), logs);
    Outcome lintThere = doctor(inNamespace(), lint);
    assertThat(queries(counted)).as("queries the silent resolver received").isZero();

    assertThat(stable(logsThere.json())).isEqualTo(stable(logsHere.json()));
    assertThat(lintThere.stdout()).isEqualTo(lintHere.stdout());
    System.out.printf(
        "offline, silent resolver: logs %d ms (%d ms with the network), nginx-conf %d ms (%d ms)%n",
        logsThere.millis(), logsHere.millis(), lintThere.millis(), lintHere.millis());

    List<String> lookingUp = new ArrayList<>(logs);
    lookingUp.add("--dns-lookup");
    Outcome asked = doctor(inNamespace(), lookingUp);
    assertThat(asked.exitCode()).as(asked.stderr()).isIn(0, 1);
    assertThat(queries(counted))
        .as("with --dns-lookup the doctor does resolve, through the same resolver")
        .isPositive();
  }

  // ---- parts

  private List<String> logsCommand() {
    return List.of(
        "logs",
        log.toString(),
        "--backend",
        "https://su1.3scale.net",
        "--api",
        "http://api.internal.example:8080",
        "--nginx-conf",
        conf.toString(),
        "--zone",
        "UTC",
        "--format",
        "json");
  }

  private List<String> lintCommand() {
    return List.of(
        "nginx-conf", conf.toString(), "--backend", "https://su1.3scale.net", "--format", "json");
  }

  private static void assumeNamespacesCanBeMade() {
    Component.IP.require();
    Component.requireThat(
        "root".equals(System.getProperty("user.name")),
        "making a network namespace needs root (.ci/run runs as root)");
  }

  private void makeNamespace() throws Exception {
    run(List.of("ip", "netns", "add", name));
    namespace = true;
  }

  private List<String> inNamespace() {
    return List.of("ip", "netns", "exec", name);
  }

  private record Outcome(int exitCode, String stdout, String stderr, long millis) {
    JsonNode json() throws IOException {
      return MAPPER.readTree(stdout);
    }
  }

  /** The doctor in a JVM of its own: the classes of this test run, no test hosts file. */
  private Outcome doctor(List<String> prefix, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.threescaledoctor.cli.Main");
    command.addAll(args);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    started.add(p);
    if (!p.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + RUN_LIMIT);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Outcome(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        millis);
  }

  /** The report without what differs from run to run (times, durations). */
  private static JsonNode stable(JsonNode report) {
    ObjectNode copy = report.deepCopy();
    copy.remove("startedAt");
    copy.remove("durationMs");
    for (JsonNode r : copy.path("results")) {
      ((ObjectNode) r).remove("durationMs");
    }
    return copy;
  }

  /**
   * A resolver on 127.0.0.1:53 inside the namespace that never answers; it writes how many queries
   * it received to {@code counted}.
   */
  private Process silentResolver(Path counted) throws Exception {
    String script =
        """
        import socket, sys
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", 53))
        n = 0
        open(sys.argv[1], "w").write("ready")
        while True:
            s.recv(512)
            n += 1
            open(sys.argv[1], "w").write(str(n))
        """;
    Process p =
        new ProcessBuilder("ip", "netns", "exec", name, "python3", "-c", script, counted.toString())
            .redirectErrorStream(true)
            .start();
    started.add(p);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.exists(counted) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(counted).as("the silent resolver started").exists();
    return p;
  }

  private static int queries(Path counted) throws IOException {
    String text = Files.readString(counted).trim();
    return text.equals("ready") ? 0 : Integer.parseInt(text);
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }
}
