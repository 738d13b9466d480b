package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.nginx.NginxConfigLinter;
import io.threescaledoctor.checks.nginx.NginxConfigParser;
import io.threescaledoctor.checks.nginx.NginxFinding;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.testing.FreePorts;
import io.threescaledoctor.core.testing.RealNginx;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines written by the real nginx (Debian's package): a refused API, a variable host without a
 * resolver, and an auth_request subrequest to a dead 3scale backend, each recognised with its hop.
 */
class RealNginxErrorLogTest {
  @TempDir static Path prefix;
  static Path log;
  static int apiPort;
  static int backendPort;

  @BeforeAll
  static void produceLinesWithARealNginx() throws Exception {
    // Ports that refuse for as long as the log is being made: nothing else can take them.
    try (FreePorts.RefusingPort api = FreePorts.refusing();
        FreePorts.RefusingPort backend = FreePorts.refusing()) {
      apiPort = api.port();
      backendPort = backend.port();
      makeLog();
    }
  }

  private static void makeLog() throws Exception {
    String http =
        """
        server {
          listen 127.0.0.1:PORT;
          location /refused { proxy_pass http://127.0.0.1:%1$d; }
          location /novar {
            set $api_host "api.invalid.example";
            proxy_pass http://$api_host:8080;
          }
          location /auth {
            auth_request /threescale_auth;
            proxy_pass http://127.0.0.1:%1$d;
          }
          location = /threescale_auth {
            internal;
            proxy_pass_request_body off;
            proxy_set_header Content-Length "";
            proxy_pass http://127.0.0.1:%2$d/transactions/authorize.xml?user_key=abc;
          }
        }
        """
            .formatted(apiPort, backendPort);
    try (RealNginx nginx = RealNginx.start(prefix, http)) {
      assertThat(nginx.get("/refused")).isEqualTo(502);
      assertThat(nginx.get("/novar")).isEqualTo(502);
      assertThat(nginx.get("/auth")).isEqualTo(500);
    }
    log = prefix.resolve("error.log");
  }

  private static ErrorLogReport analyze(List<LogSource> sources) {
    return new ErrorLogAnalyzer(
            Attribution.builder()
                .backendUrl("http://127.0.0.1:" + backendPort)
                .apiUrl("http://127.0.0.1:" + apiPort)
                .build())
        .zone(ZoneId.systemDefault())
        .analyze(sources);
  }

  private static LogFinding finding(ErrorLogReport r, String messageId, Hop hop) {
    return r.findings().stream()
        .filter(f -> f.messageId().equals(messageId) && f.hop() == hop)
        .findFirst()
        .orElseThrow(() -> new AssertionError(messageId + "@" + hop + " not in " + r.findings()));
  }

  @Test
  void recognisesARefusedApiAtTheGatewayApiHop() {
    LogFinding f =
        finding(analyze(List.of(LogSource.file(log))), "connect-refused", Hop.GATEWAY_API);
    assertThat(f.issue()).isEqualTo("upstream-connect-refused");
    assertThat(f.subjects()).contains("127.0.0.1:" + apiPort);
    assertThat(f.example()).contains("(111: Connection refused) while connecting to upstream");
  }

  @Test
  void recognisesAVariableHostWithoutResolverAtTheGatewayHop() {
    LogFinding f =
        finding(analyze(List.of(LogSource.file(log))), "no-resolver-defined", Hop.GATEWAY);
    assertThat(f.issue()).isEqualTo("dns-no-resolver");
    assertThat(f.subjects()).containsExactly("api.invalid.example");
  }

  @Test
  void recognisesADeadBackendBehindAuthRequestAtTheGateway3scaleHop() {
    ErrorLogReport r = analyze(List.of(LogSource.file(log)));
    LogFinding refused = finding(r, "connect-refused", Hop.GATEWAY_3SCALE);
    assertThat(refused.issue()).isEqualTo("backend-unreachable");
    assertThat(refused.example()).contains("subrequest: \"/threescale_auth\"");
    assertThat(finding(r, "auth-request-unexpected-status", Hop.GATEWAY_3SCALE).example())
        .contains("auth request unexpected status: 502");
  }

  @Test
  void readsARotatedGzipTogetherWithTheLiveLog(@TempDir Path tmp) throws Exception {
    Path rotated = tmp.resolve("error.log.1.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(rotated))) {
      Files.copy(log, out);
    }
    ErrorLogReport one = analyze(List.of(LogSource.file(log)));
    ErrorLogReport both = analyze(List.of(LogSource.file(rotated), LogSource.file(log)));
    assertThat(finding(both, "no-resolver-defined", Hop.GATEWAY).count())
        .isEqualTo(2 * finding(one, "no-resolver-defined", Hop.GATEWAY).count());
  }

  @Test
  void theCheckFailsOnTheFreshLinesAtTheFirstFailingHopInGuideOrder() throws Exception {
    CheckResult r =
        new NginxErrorLogCheck(h -> List.of())
            .run(
                new FakeCheckContext(
                    new io.threescaledoctor.core.profile.ProfileLoader()
                        .fromOverrides(
                            Map.of(
                                "gateway.errorLog", log.toString(),
                                "threescale.backend", "http://127.0.0.1:" + backendPort,
                                "api.url", "http://127.0.0.1:" + apiPort)),
                    java.time.Clock.system(ZoneId.systemDefault())));
    assertThat(r.status()).isEqualTo(Status.FAIL);
    // The log holds a refused API, a missing resolver and a dead auth backend: the guide walks
    // from the API back, so the result sits at gateway-api and the rest is evidence.
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY_API);
    assertThat(r.cause()).contains("upstream-connect-refused");
    assertThat(r.evidence().values())
        .anyMatch(v -> v.contains("dns-no-resolver @gateway"))
        .anyMatch(v -> v.contains("upstream-connect-refused @gateway-api"));
  }

  @Test
  void theLintFindsTheSameMissingResolverInTheConfigurationNginxRan() throws Exception {
    NginxConfigParser.Parsed parsed = NginxConfigParser.parse(prefix.resolve("nginx.conf"));
    List<NginxFinding> findings =
        new NginxConfigLinter(
                null, null, List.of(), io.threescaledoctor.core.issue.KnownIssueCatalog.standard())
            .lint(parsed.directives());
    NginxFinding f =
        findings.stream()
            .filter(x -> x.issue().equals("dns-no-resolver"))
            .findFirst()
            .orElseThrow();
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.hop()).isEqualTo(Hop.GATEWAY);
    int line =
        java.nio.file.Files.readAllLines(prefix.resolve("nginx.conf"))
                .indexOf("    proxy_pass http://$api_host:8080;")
            + 1;
    assertThat(f.where()).isEqualTo(prefix.resolve("nginx.conf") + ":" + line);
  }

  @Test
  void readsTheRealAccessLogInTheCombinedFormat() {
    AccessLogReport r =
        new AccessLogAnalyzer(AccessLogFormat.combined())
            .analyze(List.of(LogSource.file(prefix.resolve("access.log"))));
    assertThat(r.unparsed()).isZero();
    assertThat(r.byStatus()).containsEntry(502, 2L).containsEntry(500, 1L);
  }
}
