package io.threescaledoctor.checks.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.logs.FakeCheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxConfigCheckTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  @TempDir Path dir;

  private CheckResult run(String conf, Map<String, String> more) throws Exception {
    Path f = dir.resolve("nginx.conf");
    Files.writeString(f, conf);
    Map<String, String> keys = new java.util.HashMap<>(more);
    keys.put("gateway.nginxConf", f.toString());
    return new NginxConfigCheck().run(FakeCheckContext.of(keys, NOW));
  }

  @Test
  void reportsTheWorstFindingAtItsHopWithEveryFindingAsEvidence() throws Exception {
    CheckResult r =
        run(
            "http {\n lua_code_cache off;\n server {\n  location / {\n"
                + "   proxy_pass http://$api;\n  }\n }\n}\n",
            Map.of());
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("dns-no-resolver");
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY);
    assertThat(r.summary()).contains("nginx.conf:5");
    assertThat(r.evidence()).containsEntry("fails", "1").containsEntry("warnings", "2");
    assertThat(r.evidence().get("finding1")).contains("dns-no-resolver", "nginx.conf:5");
    assertThat(r.evidence().get("finding2")).contains("lua-code-cache-off", "nginx.conf:2");
  }

  @Test
  void usesTheProfilesCredentialLocationForUnderscores() throws Exception {
    CheckResult r =
        run(
            "http { proxy_read_timeout 10s; server { location / {"
                + " proxy_pass http://10.0.0.5:8080; } } }\n",
            Map.of("credentials.userKey", "k", "credentials.in", "header"));
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("underscores-in-headers-disabled");
    assertThat(r.hop()).isEqualTo(Hop.CLIENT);
  }

  @Test
  void passesACleanConfiguration() throws Exception {
    CheckResult r =
        run(
            "http { resolver 127.0.0.1; proxy_connect_timeout 5s;"
                + " proxy_read_timeout 30s; server { set $api http://api.example.com;"
                + " location / { proxy_pass $api; } } }\n",
            Map.of());
    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence()).containsEntry("filesRead", "1");
  }

  @Test
  void failsAConfigurationNginxWouldRejectNamingTheLine() throws Exception {
    CheckResult r = run("http {\n server {\n", Map.of());
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.summary()).contains("unexpected end of file");
  }

  @Test
  void needsTheConfigurationPath() {
    assertThat(new NginxConfigCheck().missingInput(Profile.empty())).contains("gateway.nginxConf");
  }
}
