package io.threescaledoctor.checks.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NginxConfigParserTest {
  @TempDir Path dir;

  @Test
  void followsIncludeGlobsRelativeToTheMainFileAndKeepsEachFilesLines() throws Exception {
    Files.createDirectories(dir.resolve("conf.d"));
    Files.writeString(
        dir.resolve("nginx.conf"),
        """
        events {}
        http {
          # comment with ; and { }
          include conf.d/*.conf;
        }
        """);
    Files.writeString(dir.resolve("conf.d/b.conf"), "server {\n  listen 8081;\n}\n");
    Files.writeString(
        dir.resolve("conf.d/a.conf"),
        "server {\n  listen 8080;\n  location / { proxy_pass \"http://api:80\"; }\n}\n");
    NginxConfigParser.Parsed p = NginxConfigParser.parse(dir.resolve("nginx.conf"));
    assertThat(p.files()).hasSize(3);
    NginxDirective http = p.directives().get(1);
    assertThat(http.children())
        .extracting(NginxDirective::name)
        .containsExactly("server", "server");
    NginxDirective first = http.children().get(0);
    assertThat(first.file()).isEqualTo(dir.resolve("conf.d/a.conf"));
    NginxDirective pass = first.children().get(1).children().get(0);
    assertThat(pass.name()).isEqualTo("proxy_pass");
    assertThat(pass.args()).containsExactly("http://api:80");
    assertThat(pass.where()).isEqualTo(dir.resolve("conf.d/a.conf") + ":3");
  }

  @Test
  void keepsVariablesWithBracesInsideOneWord() throws Exception {
    Files.writeString(
        dir.resolve("nginx.conf"),
        "http { server { location / { proxy_pass http://${api_host}:8080; } } }\n");
    NginxDirective pass =
        NginxConfigParser.parse(dir.resolve("nginx.conf"))
            .directives()
            .get(0)
            .children()
            .get(0)
            .children()
            .get(0)
            .children()
            .get(0);
    assertThat(pass.args()).containsExactly("http://${api_host}:8080");
  }

  @Test
  void namesFileAndLineOfWhatNginxWouldReject() throws Exception {
    Files.writeString(dir.resolve("nginx.conf"), "http {\n  server {\n    listen 80\n  }\n");
    assertThatThrownBy(() -> NginxConfigParser.parse(dir.resolve("nginx.conf")))
        .isInstanceOf(NginxConfigException.class)
        .hasMessageContaining("nginx.conf:3")
        .hasMessageContaining("not terminated");
    Files.writeString(dir.resolve("nginx.conf"), "http { include missing.conf; }\n");
    assertThatThrownBy(() -> NginxConfigParser.parse(dir.resolve("nginx.conf")))
        .hasMessageContaining("nginx.conf:1")
        .hasMessageContaining("does not exist");
  }

  @Test
  void stopsAnIncludeCycle() throws Exception {
    Files.writeString(dir.resolve("nginx.conf"), "include loop.conf;\n");
    Files.writeString(dir.resolve("loop.conf"), "include loop.conf;\n");
    assertThatThrownBy(() -> NginxConfigParser.parse(dir.resolve("nginx.conf")))
        .hasMessageContaining("a cycle?");
  }

  @Test
  void notesAGlobThatMatchesNothing() throws Exception {
    Files.writeString(dir.resolve("nginx.conf"), "http { include sites/*.conf; }\n");
    assertThat(NginxConfigParser.parse(dir.resolve("nginx.conf")).notes())
        .singleElement()
        .asString()
        .contains("matches no file");
    assertThat(List.of()).isEmpty();
  }
}
