package io.threescaledoctor.checks.tls;

import io.threescaledoctor.checks.http.FakeCheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Runs {@code tls.protocols} against a peer and gives back what it found, either in this JVM or in
 * a forked one placed where the peer is (a network namespace, see {@link GnutlsServer}).
 */
public final class ProtocolsProbe {
  private ProtocolsProbe() {}

  /** The check's result against https://127.0.0.1:port, in this JVM. */
  static CheckResult run(int port) {
    return new TlsProtocolsCheck()
        .run(
            FakeCheckContext.of("api.url", "https://127.0.0.1:" + port, "timeouts.read", "3s")
                .on(Endpoint.API));
  }

  /** Status, cause and per-version evidence of the check, run in a JVM that {@code wrap} places. */
  static Map<String, String> runForked(int port, UnaryOperator<List<String>> wrap)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                TestClassPath.get(),
                ProtocolsProbe.class.getName(),
                Integer.toString(port)));
    Process p = new ProcessBuilder(wrap.apply(cmd)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("the forked probe failed: " + out);
    }
    Map<String, String> found = new LinkedHashMap<>();
    out.lines()
        .filter(l -> l.contains("\t"))
        .forEach(l -> found.put(l.substring(0, l.indexOf('\t')), l.substring(l.indexOf('\t') + 1)));
    return found;
  }

  /** The forked side: prints {@code key<TAB>value} lines for status, cause and evidence. */
  public static void main(String[] args) {
    CheckResult r = run(Integer.parseInt(args[0]));
    System.out.println("status\t" + r.status());
    System.out.println("cause\t" + r.cause().orElse("-"));
    System.out.println("summary\t" + r.summary());
    r.evidence().forEach((k, v) -> System.out.println(k + "\t" + v));
  }

  /** Evidence of one version, e.g. {@code accepted: ServerHello 0x0300 ...}: accepted or not. */
  static String offered(String evidence) {
    return evidence != null && evidence.startsWith("accepted") ? "offered" : "not offered";
  }
}
