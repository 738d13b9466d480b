package io.threescaledoctor.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.testing.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guided walk with scripted answers, and the report it leaves. */
class ShellWalkTest {
  @TempDir Path dir;

  @Test
  void walkRecordsEachHopInOrderWithTheEngineersAnswersInTheReport() throws Exception {
    Path report = dir.resolve("ticket.md");
    // Held bound without listening: refuses at once, and nothing else can take it meanwhile.
    try (FreePorts.RefusingPort refusedPort = FreePorts.refusing()) {
      int refused = refusedPort.port();
      try (ServerSocket gateway = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        ShellFixture.Result r =
            ShellFixture.script(
                ShellFixture.session(new ProbeConnectCheck()),
                "set api.url http://127.0.0.1:" + refused,
                "set gateway.url http://127.0.0.1:" + gateway.getLocalPort(),
                "walk",
                "y", // after api
                "curl from the gateway host answers 200", // gateway-api, seen from the gateway host
                "", // after gateway-api: Enter means yes
                "nginx master and 4 workers", // gateway: no error log in the profile, so asked
                "y", // after gateway
                "y", // after gateway-3scale
                "status page all green", // 3scale: the status page
                "y",
                "browser shows 403 Authentication failed", // client-gateway: browser
                "works from a phone hotspot", // client-gateway: another network
                "y",
                "", // client: skipped
                "report save " + report);

        assertThat(r.err()).isEmpty();
        assertThat(r.out())
            .containsSubsequence(
                "1/7  api (4.3.1)",
                "FAIL  api.probe.connect",
                "Continue to gateway-api",
                "2/7  gateway-api",
                "3/7  gateway (4.3.3)",
                "4/7  gateway-3scale",
                "5/7  3scale",
                "status page",
                "6/7  client-gateway",
                "PASS  gateway.probe.connect",
                "browser",
                "another network",
                "7/7  client",
                "Walk finished.",
                "Likely failure point: api");

        String md = Files.readString(report);
        assertThat(md)
            .containsSubsequence(
                "## Target",
                "api.url",
                "## Diagnosis",
                "FAILING",
                "Likely failure point: `api`",
                "## Guided walk",
                "### 1. api (4.3.1)",
                "`api.probe.connect` | FAIL",
                "### 2. gateway-api (4.3.2)",
                "curl -sv http://127.0.0.1:" + refused,
                "**Engineer's answer**: curl from the gateway host answers 200",
                "### 3. gateway (4.3.3)",
                "**Engineer's answer**: nginx master and 4 workers",
                "### 4. gateway-3scale (4.3.4)",
                "### 5. 3scale (4.3.5)",
                "**Engineer's answer**: status page all green",
                "### 6. client-gateway (4.3.6)",
                "`gateway.probe.connect` | PASS",
                "**Engineer's answer**: browser shows 403 Authentication failed",
                "**Engineer's answer**: works from a phone hotspot",
                "### 7. client (4.3.7)",
                "**Engineer's answer**: _not answered_",
                "## Checks run",
                "address: `127.0.0.1:" + refused + "`");
        assertThat(r.session().walkSteps())
            .extracting(Session.WalkStep::hop)
            .containsExactly(Hop.values());
      }
    }
  }

  @Test
  void walkFromAHopStartsThereAndStopsWhenTheEngineerSaysNo() throws Exception {
    ShellFixture.Result r =
        ShellFixture.script(
            ShellFixture.session(),
            "walk --from 3scale",
            "I could not open the status page",
            "n",
            "walk --from clinet");

    assertThat(r.out())
        .contains("5/7  3scale")
        .doesNotContain("1/7", "6/7")
        .contains("Walk paused after 3scale. Continue with 'walk --from client-gateway'");
    assertThat(r.session().walkSteps())
        .singleElement()
        .satisfies(
            step ->
                assertThat(step.answers())
                    .singleElement()
                    .satisfies(
                        a -> assertThat(a.answer()).isEqualTo("I could not open the status page")));
    assertThat(r.err()).contains("--from clinet: not a hop (did you mean client?");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void walkSaysWhichKeyWouldLetAHopsChecksRun() {
    ShellFixture.Result r =
        ShellFixture.script(ShellFixture.session(new ProbeConnectCheck()), "walk", "n");

    assertThat(r.out())
        .contains("1/7  api (4.3.1)")
        .contains("This hop's checks need api.url, which the profile does not set");
  }

  @Test
  void walkEndsWhenInputEndsMidQuestion() {
    ShellFixture.Result r = ShellFixture.script(ShellFixture.session(), "walk --from client");

    assertThat(r.out()).contains("Walk stopped at client. Resume with 'walk --from client'");
    assertThat(r.exitCode()).isEqualTo(Walk.INTERRUPTED);
  }
}
