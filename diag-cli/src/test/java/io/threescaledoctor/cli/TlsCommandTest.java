package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.tls.OpenSslServer;
import io.threescaledoctor.checks.tls.TestPki;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCommandTest {
  @TempDir static Path dir;
  private static TestPki pki;
  private static Path ca;

  @BeforeAll
  static void makePki() throws Exception {
    pki = new TestPki();
    ca = TestPki.writePem(dir.resolve("ca.pem"), pki.root.certificate());
  }

  private static OpenSslServer serve(String name, TestPki.Issued issued, boolean chain)
      throws Exception {
    return OpenSslServer.start(
        TestPki.writePem(dir.resolve(name + ".pem"), issued.certificate()),
        TestPki.writePem(dir.resolve(name + ".key"), issued.keys().getPrivate()),
        chain
            ? TestPki.writePem(dir.resolve(name + "-chain.pem"), pki.intermediate.certificate())
            : null);
  }

  private static Map<String, JsonNode> byId(String json) throws Exception {
    Map<String, JsonNode> m = new HashMap<>();
    new ObjectMapper().readTree(json).path("results").forEach(r -> m.put(r.path("id").asText(), r));
    return m;
  }

  @Test
  void reportsAHealthyEndpointWithTheCaFile() throws Exception {
    try (OpenSslServer server = serve("good", pki.leaf("api.test"), true)) {
      CliRun run =
          CliRun.of(
              "tls",
              "api.test:" + server.port(),
              "--resolve",
              "api.test:127.0.0.1",
              "--ca-file",
              ca.toString(),
              "--format",
              "json");

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
      Map<String, JsonNode> r = byId(run.out());
      assertThat(r.get("api.tls.handshake").path("evidence").path("protocol").asText())
          .isEqualTo("TLSv1.3");
      assertThat(r.get("api.tls.certificate").path("status").asText()).isEqualTo("PASS");
      assertThat(r.get("api.tls.protocols").path("evidence").path("SSLv3").asText())
          .startsWith("rejected");
    }
  }

  @Test
  void readsTheCaBundleFromSslCertFile() throws Exception {
    try (OpenSslServer server = serve("env", pki.leaf("api.test"), true)) {
      CliRun run =
          CliRun.of(
              Map.of("SSL_CERT_FILE", ca.toString()),
              "tls",
              "api.test:" + server.port(),
              "--resolve",
              "api.test:127.0.0.1",
              "--format",
              "json");

      assertThat(byId(run.out()).get("api.tls.certificate").path("status").asText())
          .isEqualTo("PASS");
    }
  }

  @Test
  void aSelfSignedEndpointFails() throws Exception {
    try (OpenSslServer server = serve("self", TestPki.selfSigned("api.test"), false)) {
      CliRun run =
          CliRun.of(
              "tls",
              "api.test:" + server.port(),
              "--resolve",
              "api.test:127.0.0.1",
              "--ca-file",
              ca.toString());

      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out()).contains("tls-self-signed");
    }
  }

  @Test
  void verifiesTheServernameGiven() throws Exception {
    try (OpenSslServer server = serve("sni", pki.leaf("tenant.example.test"), true)) {
      CliRun run =
          CliRun.of(
              "tls",
              "127.0.0.1:" + server.port(),
              "--servername",
              "tenant.example.test",
              "--ca-file",
              ca.toString(),
              "--format",
              "json");

      Map<String, JsonNode> r = byId(run.out());
      assertThat(r.get("api.tls.handshake").path("evidence").path("sni").asText())
          .isEqualTo("tenant.example.test");
      assertThat(r.get("api.tls.certificate").path("status").asText()).isEqualTo("PASS");
    }
  }

  @Test
  void aMissingCaFileIsOneLineAndExitTwo() {
    CliRun run = CliRun.of("tls", "127.0.0.1:1", "--ca-file", dir.resolve("nope.pem").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).contains("tls.caFile");
  }
}
