package io.threescaledoctor.checks.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.logs.FakeCheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.testing.Component;
import io.threescaledoctor.core.testing.FreePorts;
import io.threescaledoctor.core.testing.RealNginx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayProcessCheckTest {
  private static final Map<String, String> ON_GATEWAY = Map.of("vantage", "gateway");

  @TempDir Path dir;

  @Test
  void findsARealNginxMasterAndItsWorkerWithStartTimes() throws Exception {
    Component.requireThat(Files.isDirectory(Path.of("/proc")), "/proc is not mounted");
    Instant before = Instant.now().minusSeconds(2);
    try (RealNginx nginx = RealNginx.start(dir, "server { listen 127.0.0.1:PORT; }")) {
      CheckResult r = new GatewayProcessCheck().run(FakeCheckContext.of(ON_GATEWAY, Instant.now()));
      assertThat(r.status()).as(r.toString()).isEqualTo(Status.PASS);
      String master =
          r.evidence().entrySet().stream()
              .filter(
                  e ->
                      e.getKey().startsWith("master") && e.getValue().startsWith(nginx.pid() + " "))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElseThrow();
      assertThat(master).contains("nginx: master process", "-p " + dir);
      String startedText = master.split(" ")[2];
      Instant started = Instant.parse(startedText.substring(0, startedText.length() - 1));
      assertThat(started).isBetween(before, Instant.now().plus(Duration.ofSeconds(2)));
      assertThat(NginxProcesses.list(Path.of("/proc")))
          .anyMatch(p -> p.worker() && p.ppid() == nginx.pid());
    }
  }

  @Test
  void failsWithGatewayDownWhenNoMasterRuns() throws Exception {
    Path proc = fakeProc();
    fakeProcess(proc, 42, 1, "bash");
    CheckResult r =
        new GatewayProcessCheck(proc).run(FakeCheckContext.of(ON_GATEWAY, Instant.now()));
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("gateway-down");
  }

  @Test
  void skipsWhenNoNginxIsVisibleButTheGatewayAnswers() throws Exception {
    Path proc = fakeProc();
    try (java.net.ServerSocket gateway =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CheckResult r =
          new GatewayProcessCheck(proc)
              .run(
                  FakeCheckContext.of(
                      Map.of(
                          "vantage",
                          "gateway",
                          "gateway.url",
                          "http://127.0.0.1:" + gateway.getLocalPort()),
                      Instant.now()));
      assertThat(r.status()).isEqualTo(Status.SKIP);
      assertThat(r.summary()).contains("another container");
    }
    try (FreePorts.RefusingPort closed = FreePorts.refusing()) {
      CheckResult down =
          new GatewayProcessCheck(proc)
              .run(
                  FakeCheckContext.of(
                      Map.of("vantage", "gateway", "gateway.url", "http://" + closed.address()),
                      Instant.now()));
      assertThat(down.status()).isEqualTo(Status.FAIL);
      assertThat(down.cause()).contains("gateway-down");
      assertThat(down.summary()).contains("nothing listens on " + closed.address());
    }
  }

  @Test
  void failsWhenTheMasterHasNoWorkers() throws Exception {
    Path proc = fakeProc();
    fakeProcess(proc, 100, 1, "nginx: master process /usr/sbin/nginx");
    fakeProcess(proc, 200, 1, "nginx: worker process");
    CheckResult r =
        new GatewayProcessCheck(proc).run(FakeCheckContext.of(ON_GATEWAY, Instant.now()));
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.summary()).contains("without worker");
    assertThat(r.evidence()).containsEntry("workers1", "none");
    assertThat(r.evidence().get("master1")).contains("100 started 2026-11-27T10:00:05Z");
  }

  @Test
  void onlyRunsOnTheGatewayHost() {
    assertThat(new GatewayProcessCheck().missingInput(Profile.empty()))
        .get()
        .asString()
        .startsWith("vantage");
  }

  @Test
  void tiesTheGatewayPortToTheNginxThatHoldsIt() throws Exception {
    try (RealNginx nginx = RealNginx.start(dir, "server { listen 127.0.0.1:PORT; }")) {
      CheckResult r =
          new GatewayProcessCheck()
              .run(
                  FakeCheckContext.of(
                      Map.of("vantage", "gateway", "gateway.url", nginx.url().toString()),
                      Instant.now()));

      assertThat(r.status()).as(r.toString()).isEqualTo(Status.PASS);
      assertThat(r.summary())
          .isEqualTo(
              "nginx master "
                  + nginx.pid()
                  + " with 1 worker listens on 127.0.0.1:"
                  + nginx.port());
    }
  }

  @Test
  void namesWhereThisGatewaysNginxListensWhenNothingHoldsTheGatewayPort() throws Exception {
    try (RealNginx nginx = RealNginx.start(dir, "server { listen 127.0.0.1:PORT; }");
        FreePorts.RefusingPort nothing = FreePorts.refusing()) {
      int wrong = nothing.port();
      CheckResult r =
          new GatewayProcessCheck()
              .run(
                  FakeCheckContext.of(
                      Map.of(
                          "vantage",
                          "gateway",
                          "gateway.url",
                          "http://127.0.0.1:" + wrong,
                          "gateway.errorLog",
                          nginx.errorLog().toString()),
                      Instant.now()));

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.cause()).contains("gateway-listens-elsewhere");
      assertThat(r.summary())
          .isEqualTo(
              "nginx (master "
                  + nginx.pid()
                  + "; has gateway.errorLog open) runs, but listens on 127.0.0.1:"
                  + nginx.port()
                  + ", not on 127.0.0.1:"
                  + wrong);
    }
  }

  @Test
  void anotherNginxOnThisHostIsNotThisGateway() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    Path stoppedLog = Files.writeString(dir.resolve("gateway-error.log"), "");
    try (RealNginx unrelated = RealNginx.start(other, "server { listen 127.0.0.1:PORT; }");
        FreePorts.RefusingPort nothing = FreePorts.refusing()) {
      CheckResult r =
          new GatewayProcessCheck()
              .run(
                  FakeCheckContext.of(
                      Map.of(
                          "vantage",
                          "gateway",
                          "gateway.url",
                          "http://" + nothing.address(),
                          "gateway.errorLog",
                          stoppedLog.toString()),
                      Instant.now()));

      assertThat(r.cause()).contains("gateway-down");
      assertThat(r.summary())
          .contains("no nginx of this gateway runs")
          .contains("none has the gateway's log files open")
          .doesNotContain(Long.toString(unrelated.pid()));
    }
  }

  @Test
  void aPortHeldByAnotherProgramIsNotTakenForNginx() throws Exception {
    try (java.net.ServerSocket program =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CheckResult r =
          new GatewayProcessCheck()
              .run(
                  FakeCheckContext.of(
                      Map.of(
                          "vantage",
                          "gateway",
                          "gateway.url",
                          "http://127.0.0.1:" + program.getLocalPort()),
                      Instant.now()));

      assertThat(r.status()).isEqualTo(Status.SKIP);
      assertThat(r.summary())
          .startsWith(
              "127.0.0.1:"
                  + program.getLocalPort()
                  + " is served by java (pid "
                  + ProcessHandle.current().pid()
                  + "), not nginx");
    }
  }

  private Path fakeProc() throws Exception {
    Path proc = Files.createDirectories(dir.resolve("proc"));
    Files.writeString(proc.resolve("stat"), "cpu  1 2 3\nbtime 1795773600\n");
    return proc;
  }

  /** Started 5 s after boot (500 ticks); the name holds a space and a parenthesis, as some do. */
  private static void fakeProcess(Path proc, long pid, long ppid, String cmdline) throws Exception {
    Path d = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(d.resolve("cmdline"), cmdline.replace(' ', '\0') + "\0");
    StringBuilder stat = new StringBuilder(pid + " (odd (name) x) S " + ppid);
    for (int field = 5; field <= 21; field++) {
      stat.append(" 0");
    }
    stat.append(" 500 0 0\n");
    Files.writeString(d.resolve("stat"), stat.toString());
  }
}
