package io.threescaledoctor.checks.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.core.testing.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Debian's testssl.sh ({@code testssl -p}): its verdict on each protocol version of a peer, read
 * from its JSON file. Kept offline and on loopback: the target is an IP address and DNS lookups are
 * off.
 */
public final class Testssl {
  /** testssl's ids for the versions the doctor's {@code tls.protocols} probes, by its labels. */
  public static final Map<String, String> VERSIONS =
      Map.of("SSLv3", "SSLv3", "TLSv1.0", "TLS1", "TLSv1.1", "TLS1_1");

  private Testssl() {}

  /**
   * Starts {@code testssl -p 127.0.0.1:port}; {@code wrap} may put it into another namespace.
   * Returns the running process; {@link #verdicts} reads its result.
   */
  public static Process start(int port, Path json, UnaryOperator<List<String>> wrap)
      throws IOException {
    List<String> cmd =
        wrap.apply(
            List.of(
                Component.TESTSSL.require().toString(),
                "-p",
                "--quiet",
                "--color",
                "0",
                "--warnings",
                "off",
                "--nodns",
                "none",
                "--connect-timeout",
                "5",
                "--openssl-timeout",
                "5",
                "--jsonfile",
                json.toString(),
                "127.0.0.1:" + port));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(json.resolveSibling(json.getFileName() + ".log").toFile())
        .start();
  }

  /** Waits for {@code testssl} and returns {@code offered} or {@code not offered} per version. */
  public static Map<String, String> verdicts(Process testssl, Path json)
      throws IOException, InterruptedException {
    if (!testssl.waitFor(180, TimeUnit.SECONDS)) {
      testssl.destroyForcibly();
      throw new IllegalStateException("testssl did not finish within 180 s");
    }
    Path log = json.resolveSibling(json.getFileName() + ".log");
    if (!Files.exists(json) || Files.size(json) == 0) {
      throw new IllegalStateException(
          "testssl exited "
              + testssl.exitValue()
              + " without a JSON file: "
              + Files.readString(log));
    }
    Map<String, String> findings = new LinkedHashMap<>();
    for (JsonNode f : new ObjectMapper().readTree(json.toFile())) {
      findings.put(f.path("id").asText(), f.path("finding").asText());
    }
    Map<String, String> verdicts = new LinkedHashMap<>();
    VERSIONS.forEach(
        (label, id) -> {
          String finding = findings.get(id);
          if (finding == null) {
            throw new IllegalStateException("testssl said nothing about " + id + ": " + findings);
          }
          verdicts.put(label, finding.startsWith("offered") ? "offered" : "not offered");
        });
    return verdicts;
  }
}
