package io.threescaledoctor.checks.threescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemotesFileTest {
  @TempDir Path dir;

  /** As the toolbox writes it (3scale_toolbox spec/resources/valid_config_file.yaml). */
  private static final String TOOLBOX_FILE =
      """
      ---
      :remotes:
        remote_1:
          :endpoint: https://1.example.com
          :authentication: '1'
        prod:
          :endpoint: https://tenant-admin.example.com
          :authentication: SENTINEL-ADMIN-TOKEN-0001
      :other_setting:
        :kept: true
      """;

  @Test
  void readsAFileInTheToolboxFormat() throws Exception {
    Path file = dir.resolve(".3scalerc.yaml");
    Files.writeString(file, TOOLBOX_FILE);
    List<Remote> remotes = new RemotesFile(file).read();
    assertThat(remotes).extracting(Remote::name).containsExactly("remote_1", "prod");
    Remote prod = remotes.get(1);
    assertThat(prod.endpoint()).isEqualTo("https://tenant-admin.example.com");
    assertThat(prod.adminUrl())
        .isEqualTo("https://SENTINEL-ADMIN-TOKEN-0001@tenant-admin.example.com");
    assertThat(prod.toString()).doesNotContain("SENTINEL-ADMIN-TOKEN-0001").contains("****0001");
  }

  @Test
  void writesTheSameKeysTheToolboxReadsAndKeepsOtherEntries() throws Exception {
    Path file = dir.resolve(".3scalerc.yaml");
    Files.writeString(file, TOOLBOX_FILE);
    RemotesFile remotes = new RemotesFile(file);
    remotes.add(Remote.fromUrl("staging", "https://tok-123@staging-admin.example.com"));
    String written = Files.readString(file);
    assertThat(written)
        .startsWith("---\n")
        .contains(":remotes:\n")
        .contains(
            "  'staging':\n    :endpoint: 'https://staging-admin.example.com'\n"
                + "    :authentication: 'tok-123'\n")
        .contains(":other_setting:\n  :kept: true");
    assertThat(new RemotesFile(file).read())
        .extracting(Remote::name)
        .containsExactly("remote_1", "prod", "staging");
  }

  @Test
  void renamesAndRemovesLikeTheToolbox() throws Exception {
    Path file = dir.resolve("rc.yaml");
    RemotesFile remotes = new RemotesFile(file);
    assertThat(remotes.read()).isEmpty();
    remotes.add(Remote.fromUrl("a", "https://t@a.example.com"));
    assertThatThrownBy(() -> remotes.add(Remote.fromUrl("a", "https://t@b.example.com")))
        .hasMessageContaining("already exists");
    remotes.rename("a", "b");
    assertThat(remotes.find("b")).isPresent();
    assertThatThrownBy(() -> remotes.rename("a", "c")).hasMessageContaining("does not exist");
    remotes.remove("b");
    assertThat(remotes.read()).isEmpty();
    assertThat(Files.readString(file)).contains(":remotes: {}");
  }

  @Test
  void rejectsAFileWhoseRemotesLackKeys() throws Exception {
    Path file = dir.resolve("rc.yaml");
    Files.writeString(file, "---\n:remotes:\n  ecorp:\n    :endpoint: https://e.example.com\n");
    assertThatThrownBy(() -> new RemotesFile(file).read())
        .hasMessageContaining("invalid remote configuration");
  }

  @Test
  void rejectsAUrlWithoutToken() {
    assertThatThrownBy(() -> Remote.fromUrl("x", "https://admin.example.com"))
        .hasMessageContaining("no access token");
    assertThatThrownBy(() -> Remote.fromUrl("x", "ftp://t@admin.example.com"))
        .hasMessageContaining("invalid url");
  }

  @Test
  void findsTheFileWhereTheToolboxDoes() {
    assertThat(RemotesFile.defaultLocation(Map.of("THREESCALE_CLI_CONFIG", "/tmp/x.yaml")))
        .isEqualTo(Path.of("/tmp/x.yaml"));
    assertThat(RemotesFile.defaultLocation(Map.of("HOME", "/home/eng")))
        .isEqualTo(Path.of("/home/eng/.3scalerc.yaml"));
  }
}
