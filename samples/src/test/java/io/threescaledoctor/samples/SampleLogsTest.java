package io.threescaledoctor.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SampleLogsTest {
  private static final Path DIR = Path.of("logs");
  private static final Pattern ERROR_LOG =
      Pattern.compile(
          "^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} \\[(debug|info|notice|warn|error"
              + "|crit|alert|emerg)] \\d+#\\d+: .*");
  private static final Pattern ACCESS_LOG =
      Pattern.compile(
          "^\\S+ - \\S+ \\[\\d{2}/\\w{3}/\\d{4}:[\\d:]+ [+-]\\d{4}] \"[A-Z]+ \\S+ "
              + "HTTP/[\\d.]+\" \\d{3} \\d+ .*");

  @Test
  void everyKnownIssueHasASampleLog() {
    for (KnownIssue issue : KnownIssueCatalog.standard().all()) {
      Path file = DIR.resolve(issue.id() + ".log");
      assertThat(file)
          .as("samples/logs has an excerpt for known issue '%s'", issue.id())
          .isRegularFile();
    }
  }

  @Test
  void logLinesHaveNginxFormatsAndTheRestIsIntroducedAsToolOutput() throws Exception {
    try (var files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).as(f.toString()).isNotEmpty();
        boolean transcript = false;
        for (String line : lines) {
          transcript |= line.startsWith("#");
          boolean log = ERROR_LOG.matcher(line).matches() || ACCESS_LOG.matcher(line).matches();
          assertThat(
                  log
                      || transcript
                      || line.startsWith("stack traceback")
                      || line.startsWith("\t")
                      || line.startsWith("coroutine"))
              .as("%s: a log line, or tool output after a '#' line: %s", f, line)
              .isTrue();
        }
      }
    }
  }

  /** The samples that are nginx error-log excerpts, each naming its own cause to the log check. */
  /**
   * The samples that are nginx / APIcast error-log excerpts, each naming its own cause to the log
   * check (APIcast's info-level lines with 3scale's answers included).
   */
  private static final List<String> ERROR_LOG_SAMPLES =
      List.of(
          "application-key-invalid",
          "application-not-active",
          "auth-request-refused-by-3scale",
          "auth-request-unexpected-status",
          "authorization-failed",
          "backend-endpoint-missing",
          "backend-tls-failed",
          "backend-unreachable",
          "client-certificate-rejected",
          "client-tls-handshake-failed",
          "configuration-load-failed",
          "credentials-invalid",
          "dns-no-resolver",
          "dns-nxdomain",
          "dns-resolution-failed",
          "dns-resolver-timeout",
          "dns-resolver-unreachable",
          "dns-servfail",
          "edge-limit-exceeded",
          "entity-not-found",
          "gateway-down",
          "gateway-too-many-open-files",
          "gateway-worker-connections-exhausted",
          "gateway-worker-crashed",
          "http-proxy-failed",
          "jwt-invalid",
          "limits-exceeded",
          "lua-runtime-error",
          "oidc-configuration-failed",
          "policy-error",
          "portal-unreachable",
          "request-body-too-large",
          "service-credentials-invalid",
          "service-not-found-for-host",
          "service-upstream-missing",
          "tls-expired",
          "tls-hostname-mismatch",
          "tls-self-signed",
          "tls-untrusted-issuer",
          "token-introspection-failed",
          "upstream-closed-prematurely",
          "upstream-connect-refused",
          "upstream-connection-reset",
          "upstream-header-too-big",
          "upstream-no-live",
          "upstream-no-route",
          "upstream-tls-failed",
          "upstream-unattributed");

  @Test
  void theErrorLogCheckNamesTheCauseOfEachErrorLogSample() throws Exception {
    for (String id : ERROR_LOG_SAMPLES) {
      // su1.3scale.net resolves from src/test/resources/hosts, never from DNS.
      CheckResult r =
          Doctor.builder()
              .set("vantage", "gateway")
              .set("gateway.errorLog", DIR.resolve(id + ".log").toString())
              .set("threescale.backend", "https://su1.3scale.net")
              .set("api.url", "http://10.0.0.5:8080")
              .only("gateway.errorlog")
              .build()
              .check("gateway.errorlog");
      assertThat(r.cause()).as("%s: %s", id, r).hasValue(id);
    }
  }
}
