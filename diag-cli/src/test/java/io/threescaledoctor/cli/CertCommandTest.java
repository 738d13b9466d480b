package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.tls.OpenSslServer;
import io.threescaledoctor.checks.tls.TestPki;
import io.threescaledoctor.core.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertCommandTest {
  @TempDir static Path dir;
  private static TestPki pki;
  private static TestPki.Issued leaf;

  @BeforeAll
  static void makePki() {
    pki = new TestPki();
    leaf = pki.leaf("api.test");
  }

  private static OpenSslServer serve() throws Exception {
    return OpenSslServer.start(
        TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate()),
        TestPki.writePem(dir.resolve("leaf.key"), leaf.keys().getPrivate()),
        TestPki.writePem(dir.resolve("chain.pem"), pki.intermediate.certificate()));
  }

  private static String openssl(String... args) throws Exception {
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(5, TimeUnit.SECONDS);
    return out.trim();
  }

  @Test
  void savesThePresentedChainAsPemThatOpensslReads() throws Exception {
    Path saved = dir.resolve("saved.pem");
    try (OpenSslServer server = serve()) {
      CliRun run =
          CliRun.of(
              "cert",
              "save",
              "api.test:" + server.port(),
              "--resolve",
              "api.test:127.0.0.1",
              "--out",
              saved.toString());

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
      assertThat(run.out()).contains("saved 2 certificate(s)");
    }
    assertThat(openssl("openssl", "x509", "-in", saved.toString(), "-noout", "-subject"))
        .isEqualTo("subject=CN = api.test");
    assertThat(Files.readString(saved))
        .containsPattern(
            "(?s)BEGIN CERTIFICATE.*END CERTIFICATE.*BEGIN CERTIFICATE.*END CERTIFICATE");
    assertThat(
            openssl(
                "openssl",
                "verify",
                "-CAfile",
                TestPki.writePem(dir.resolve("root.pem"), pki.root.certificate()).toString(),
                "-untrusted",
                saved.toString(),
                saved.toString()))
        .endsWith("OK");
  }

  @Test
  void writesPemToStandardOutputWithoutOut() throws Exception {
    try (OpenSslServer server = serve()) {
      CliRun run = CliRun.of("cert", "save", "127.0.0.1:" + server.port());

      assertThat(run.exit()).isEqualTo(0);
      assertThat(run.out()).startsWith("-----BEGIN CERTIFICATE-----");
    }
  }

  @Test
  void showsWhatAPemFileHolds() throws Exception {
    Path pem =
        TestPki.writePem(
            dir.resolve("show.pem"), leaf.certificate(), pki.intermediate.certificate());

    CliRun text = CliRun.of("cert", "show", pem.toString());
    CliRun json = CliRun.of("cert", "show", pem.toString(), "--format", "json");

    assertThat(text.exit()).isEqualTo(0);
    assertThat(text.out())
        .contains("certificate 0")
        .contains("CN=api.test")
        .contains("DNS:api.test")
        .contains("certificate 1");
    assertThat(json.out()).contains("\"subject\" : \"CN=api.test\"");
  }

  @Test
  void aMissingFileIsOneLineAndExitTwo() {
    CliRun run = CliRun.of("cert", "show", dir.resolve("nope.pem").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).hasSize(1);
  }

  @Test
  void aServerThatIsNotThereExitsOne() throws Exception {
    // Held bound without listening: refuses at once, and nothing else can take it meanwhile.
    try (FreePorts.RefusingPort portPort = FreePorts.refusing()) {
      int port = portPort.port();
      CliRun run =
          CliRun.of(
              "cert", "save", "127.0.0.1:" + port, "--out", dir.resolve("never.pem").toString());

      assertThat(run.exit()).isEqualTo(1);
      assertThat(Files.exists(dir.resolve("never.pem"))).isFalse();
    }
  }
}
