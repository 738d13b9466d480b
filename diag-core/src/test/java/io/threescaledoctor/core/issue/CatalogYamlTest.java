package io.threescaledoctor.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogYamlTest {
  @TempDir Path dir;

  private static final String YAML =
      """
      - id: first-issue
        status: 403
        reference: "4.3.4"
        remedy: "Say \\"it\\" twice."
        explainedBy: [a, b]
        empty: null
      - id: second-issue
        flag: true
      """;

  private URL write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f.toUri().toURL();
  }

  @Test
  void theBuildsJsonCopyReadsAsTheYamlItWasMadeFrom() throws Exception {
    URL yaml = write("catalog.yaml", YAML);
    List<Map<String, Object>> fromYaml = CatalogYaml.entries(yaml, "catalog.yaml");

    CatalogYaml.main(new String[] {dir.toString(), "catalog.yaml"});

    assertThat(Files.readString(dir.resolve("catalog.json"))).contains("\"first-issue\"");
    assertThat(CatalogYaml.entries(yaml, "catalog.yaml")).isEqualTo(fromYaml);
    assertThat(fromYaml.get(0))
        .containsEntry("status", "403")
        .containsEntry("remedy", "Say \"it\" twice.")
        .containsEntry("explainedBy", List.of("a", "b"))
        .containsEntry("empty", null);
    assertThat(fromYaml.get(1)).containsEntry("flag", "true");
  }

  @Test
  void aJsonCopyMadeFromOtherBytesIsNotUsed() throws Exception {
    URL yaml = write("catalog.yaml", YAML);
    CatalogYaml.main(new String[] {dir.toString(), "catalog.yaml"});
    write("catalog.yaml", YAML.replace("second-issue", "renamed-issue"));

    assertThat(CatalogYaml.entries(yaml, "catalog.yaml"))
        .extracting(e -> e.get("id"))
        .containsExactly("first-issue", "renamed-issue");
  }

  @Test
  void theJsonCopyIsWhatIsRead() throws Exception {
    URL yaml = write("catalog.yaml", YAML);
    CatalogYaml.main(new String[] {dir.toString(), "catalog.yaml"});
    Path json = dir.resolve("catalog.json");
    Files.writeString(json, Files.readString(json).replace("second-issue", "from-the-copy"));

    assertThat(CatalogYaml.entries(yaml, "catalog.yaml"))
        .extracting(e -> e.get("id"))
        .containsExactly("first-issue", "from-the-copy");
  }

  /** What the command-line jar's shading does: each file appended, with a newline after it. */
  private static String appended(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String part : parts) {
      sb.append(part).append('\n');
    }
    return sb.toString();
  }

  @Test
  void catalogsAppendedIntoOneFileAreReadFromTheirAppendedCopies() throws Exception {
    String other = "- id: third-issue\n  title: \"from another module\"\n";
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(a.resolve("c.yaml"), YAML);
    Files.writeString(b.resolve("c.yaml"), other);
    CatalogYaml.main(new String[] {a.toString(), "c.yaml"});
    CatalogYaml.main(new String[] {b.toString(), "c.yaml"});
    String jsonA = Files.readString(a.resolve("c.json")).replace("first-issue", "copy-of-first");
    String jsonB = Files.readString(b.resolve("c.json"));
    URL merged = write("c.yaml", appended(YAML, other));
    write("c.json", appended(jsonA, jsonB));

    assertThat(CatalogYaml.entries(merged, "c.yaml"))
        .extracting(e -> e.get("id"))
        .containsExactly("copy-of-first", "second-issue", "third-issue");

    write("c.json", appended(jsonB, jsonA));
    assertThat(CatalogYaml.entries(merged, "c.yaml"))
        .as("copies in another order than the YAML vouch for nothing: the YAML is read")
        .extracting(e -> e.get("id"))
        .containsExactly("first-issue", "second-issue", "third-issue");
  }

  @Test
  void theShippedCatalogsHaveTheirJsonCopies() {
    assertThat(
            KnownIssueCatalog.class
                .getClassLoader()
                .getResource("META-INF/threescale-doctor/known-issues.json"))
        .as("the build compiles the catalog (exec-maven-plugin, process-classes)")
        .isNotNull();
  }
}
