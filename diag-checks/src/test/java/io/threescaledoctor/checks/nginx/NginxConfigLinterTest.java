package io.threescaledoctor.checks.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxConfigLinterTest {
  @TempDir Path dir;

  private List<NginxFinding> lint(String conf, List<String> underscoreHeaders) throws Exception {
    Path f = dir.resolve("nginx.conf");
    Files.writeString(f, conf);
    return new NginxConfigLinter(
            "su1.3scale.net", "api.example.com", underscoreHeaders, KnownIssueCatalog.standard())
        .lint(NginxConfigParser.parse(f).directives());
  }

  private static final String TIMEOUTS = "proxy_connect_timeout 5s; proxy_read_timeout 30s;\n";

  @Test
  void failsAVariableHostWithoutResolverAtItsLine() throws Exception {
    List<NginxFinding> f =
        lint(
            "http {\n"
                + TIMEOUTS
                + "server {\n"
                + "  set $api_host \"api.example.com\";\n"
                + "  location / {\n    proxy_pass http://$api_host:8080;\n  }\n}\n}\n",
            List.of());
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.issue()).isEqualTo("dns-no-resolver");
              assertThat(x.status()).isEqualTo(Status.FAIL);
              assertThat(x.hop()).isEqualTo(Hop.GATEWAY);
              assertThat(x.where()).endsWith("nginx.conf:6");
              assertThat(x.message()).contains("api.example.com");
            });
  }

  @Test
  void acceptsAVariableHostWithAResolverOrAnAddress() throws Exception {
    assertThat(
            lint(
                "http {\n resolver 8.8.8.8;\n"
                    + TIMEOUTS
                    + "server { location / { proxy_pass $threescale_backend; } } }\n",
                List.of()))
        .isEmpty();
    assertThat(
            lint(
                "http {\n"
                    + TIMEOUTS
                    + "server { set $api_base \"http://10.0.0.5:80\";"
                    + " location / { proxy_pass $api_base; } } }\n",
                List.of()))
        .isEmpty();
  }

  @Test
  void warnsThatAnUpstreamBlockFreezesThe3scaleBackendsAddress() throws Exception {
    List<NginxFinding> f =
        lint(
            "http {\n"
                + TIMEOUTS
                + "upstream threescale_backend {\n  server su1.3scale.net:443;\n}\n"
                + "server { location = /threescale_authrep { internal;"
                + " proxy_pass https://threescale_backend/transactions/authrep.xml; } } }\n",
            List.of());
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.issue()).isEqualTo("dns-stale-address");
              assertThat(x.status()).isEqualTo(Status.WARN);
              assertThat(x.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
              assertThat(x.where()).endsWith(":4");
              assertThat(x.message()).contains("the 3scale backend", "variable");
            });
  }

  @Test
  void warnsThatALiteralHostNameIsResolvedOnlyAtStart() throws Exception {
    List<NginxFinding> f =
        lint(
            "http {\n"
                + TIMEOUTS
                + "server { location / { proxy_pass http://api.example.com:8080; } } }\n",
            List.of());
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.issue()).isEqualTo("dns-no-resolver");
              assertThat(x.status()).isEqualTo(Status.WARN);
              assertThat(x.hop()).isEqualTo(Hop.GATEWAY_API);
              assertThat(x.message()).contains("(the API)", "once at start");
            });
  }

  @Test
  void failsAServerThatDropsUnderscoredCredentialHeaders() throws Exception {
    String server =
        "http {\n"
            + TIMEOUTS
            + "server {\n listen 80;\n location / {"
            + " proxy_pass http://10.0.0.5; } } }\n";
    List<NginxFinding> f = lint(server, List.of("user_key"));
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.issue()).isEqualTo("underscores-in-headers-disabled");
              assertThat(x.status()).isEqualTo(Status.FAIL);
              assertThat(x.where()).endsWith(":3");
              assertThat(x.message()).contains("user_key");
            });
    assertThat(
            lint(
                server.replace("listen 80;", "listen 80; underscores_in_headers on;"),
                List.of("user_key")))
        .isEmpty();
    assertThat(lint(server, List.of())).as("credentials in the query").isEmpty();
  }

  @Test
  void warnsAboutDefaultOrVeryLongProxyTimeouts() throws Exception {
    assertThat(lint("http { server { location /a { proxy_pass http://10.0.0.5; } } }\n", List.of()))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.issue()).isEqualTo("proxy-timeout-unsuitable");
              assertThat(x.message()).contains("not set");
            });
    assertThat(
            lint(
                "http { proxy_read_timeout 1h; server { location /a {"
                    + " proxy_pass http://10.0.0.5; } } }\n",
                List.of()))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("3600s is very long"));
  }

  @Test
  void warnsAboutTheLuaCodeCacheSwitchedOff() throws Exception {
    assertThat(lint("http {\n lua_code_cache off;\n}\n", List.of()))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.issue()).isEqualTo("lua-code-cache-off");
              assertThat(x.where()).endsWith(":2");
            });
  }
}
