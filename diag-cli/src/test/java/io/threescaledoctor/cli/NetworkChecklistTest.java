package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.dns.Dnsmasq;
import io.threescaledoctor.checks.tls.OpenSslServer;
import io.threescaledoctor.checks.tls.TestPki;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network checks together in {@code run}, through the real engine: a name served by a real
 * dnsmasq, an https API served by a real openssl s_server with a test CA. Each check must see what
 * the one before it found (the resolved address, the handshake's chain).
 */
class NetworkChecklistTest {
  @TempDir Path dir;

  @Test
  void theApiEndpointIsWalkedFromDnsToHttpWithFactsPassedAlong() throws Exception {
    TestPki pki = new TestPki();
    TestPki.Issued leaf = pki.leaf("api.test");
    Path ca = TestPki.writePem(dir.resolve("ca.pem"), pki.root.certificate());
    try (Dnsmasq dns = Dnsmasq.start("--host-record=api.test,127.0.0.1,60");
        OpenSslServer api =
            OpenSslServer.start(
                TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate()),
                TestPki.writePem(dir.resolve("leaf.key"), leaf.keys().getPrivate()),
                TestPki.writePem(dir.resolve("chain.pem"), pki.intermediate.certificate()))) {
      CliRun run =
          CliRun.of(
              "run",
              "--api",
              "https://api.test:" + api.port(),
              "--resolver",
              dns.resolver(),
              "--ca-file",
              ca.toString(),
              "--only",
              "api",
              // dns.bypass would ask the host's own resolver, which is not on the loopback.
              "--skip",
              "api.dns.bypass",
              "--format",
              "json");

      Map<String, JsonNode> results = new LinkedHashMap<>();
      new ObjectMapper()
          .readTree(run.out())
          .path("results")
          .forEach(r -> results.put(r.path("id").asText(), r));
      assertThat(results.keySet())
          .containsSubsequence(
              "api.dns.resolve",
              "api.tcp.connect",
              "api.tls.handshake",
              "api.tls.certificate",
              "api.http.request");
      assertThat(status(results, "api.dns.resolve")).isEqualTo("PASS");
      assertThat(
              results
                  .get("api.tcp.connect")
                  .path("evidence")
                  .has("connect@127.0.0.1:" + api.port()))
          .as("tcp.connect tried the address dnsmasq gave")
          .isTrue();
      assertThat(status(results, "api.tls.handshake")).isEqualTo("PASS");
      assertThat(status(results, "api.tls.certificate")).isEqualTo("PASS");
      assertThat(
              results.get("api.tls.certificate").path("evidence").path("cert[0].subject").asText())
          .isEqualTo("CN=api.test");
      assertThat(status(results, "api.tls.protocols")).isEqualTo("PASS");
      assertThat(results.get("api.http.request").path("evidence").path("tlsMillis").isMissingNode())
          .as("the http.request waterfall has a TLS phase")
          .isFalse();
      assertThat(results).doesNotContainKey("api.dns.bypass");
    }
  }

  private static String status(Map<String, JsonNode> results, String id) {
    return results.get(id).path("status").asText()
        + (results.get(id).path("status").asText().equals("PASS")
            ? ""
            : ": " + results.get(id).path("summary").asText());
  }
}
