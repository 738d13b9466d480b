package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxConfCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err), Map.of());
    return new Run(code, out.toString(), err.toString());
  }

  private Path conf() throws Exception {
    Files.createDirectories(dir.resolve("conf.d"));
    Files.writeString(
        dir.resolve("nginx.conf"), "events {}\nhttp {\n  include conf.d/*.conf;\n}\n");
    Files.writeString(
        dir.resolve("conf.d/gateway.conf"),
        """
        upstream backend {
          server su1.3scale.net:443;
        }
        server {
          listen 8080;
          proxy_connect_timeout 5s;
          proxy_read_timeout 30s;
          location / {
            proxy_pass http://$api_host;
          }
        }
        """);
    return dir.resolve("nginx.conf");
  }

  @Test
  void listsEachFindingWithFileAndLineAndFailsOnAFail() throws Exception {
    Run r = run("nginx-conf", conf().toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "2 files read",
            "FAIL  gateway         dns-no-resolver",
            dir.resolve("conf.d/gateway.conf") + ":9",
            "WARN  gateway-3scale  dns-stale-address",
            dir.resolve("conf.d/gateway.conf") + ":2");
  }

  @Test
  void writesOneJsonObjectPerFinding() throws Exception {
    Run r =
        run(
            "nginx-conf",
            conf().toString(),
            "--format",
            "json",
            "--set",
            "credentials.in=header",
            "--user-key",
            "k");
    JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
    assertThat(findings)
        .extracting(f -> f.get("cause").asText())
        .containsExactlyInAnyOrder(
            "dns-no-resolver", "underscores-in-headers-disabled", "dns-stale-address");
    assertThat(findings.get(0).get("where").asText()).contains("gateway.conf:");
    assertThat(findings.get(0).get("remedy").asText()).isNotBlank();
  }

  @Test
  void rejectsAnUnparsableFileWithOneLineNamingTheLine() throws Exception {
    Files.writeString(dir.resolve("bad.conf"), "http {\n  server {\n");
    Run r = run("nginx-conf", dir.resolve("bad.conf").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bad.conf:").contains("unexpected end of file").hasLineCount(1);
  }

  @Test
  void listsTheUpstreamsAtTheHopTheConfigurationGivesThem() throws Exception {
    Path conf = dir.resolve("gateway.conf");
    Files.writeString(
        conf,
        """
        http {
          resolver 10.0.0.2 valid=30s;
          upstream my-3scale-api { server 10.0.0.7:8080; }
          server {
            location = /auth { internal; proxy_pass https://backend.example.com/transactions/authorize.xml; }
            location / { auth_request /auth; proxy_pass http://my-3scale-api; }
          }
        }
        """);
    Run text = run("nginx-conf", conf.toString());
    assertThat(text.out())
        .contains("Upstreams, by hop:")
        .containsPattern(
            "gateway-3scale +backend.example.com:443 +"
                + conf
                + ":5: proxy_pass in location = /auth, which auth_request calls")
        .containsPattern(
            "gateway-api +10.0.0.7:8080 +" + conf + ":3: server of upstream my-3scale-api")
        .containsPattern("resolver +10.0.0.2:53 +" + conf + ":2");
    JsonNode json =
        new ObjectMapper().readTree(run("nginx-conf", conf.toString(), "--format", "json").out());
    assertThat(json.at("/upstreams/0/hop").asText()).isEqualTo("gateway-3scale");
    assertThat(json.at("/resolvers/0/address").asText()).isEqualTo("10.0.0.2:53");
  }
}
