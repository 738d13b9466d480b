package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.openapi.FakeAdminPortal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenapiCommandTest {
  private static final Path FIXTURES =
      Path.of("../diag-checks/src/test/resources/fixtures/openapi");

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err), Map.of());
    assertThat(out.toString() + err).doesNotContain(FakeAdminPortal.TOKEN);
    return new Run(code, out.toString(), err.toString());
  }

  private static String fixture(String name) {
    return FIXTURES.resolve(name).toString();
  }

  @Test
  void previewsTheImportOfAFileWithoutThePortal() {
    Run r = run("openapi", fixture("petstore-2.0.json"));

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Swagger (OpenAPI) 2.0, valid")
        .contains("'Swagger Petstore' -> system name swagger_petstore")
        .contains("GET     /v2/pet/{petId}$")
        .contains("WARN mapping-rule-double-count")
        .contains("every existing rule of the service is deleted first")
        .contains("Admin portal: not asked");
  }

  @Test
  void failsOnDuplicateOperationIdsAndSaysSoInJson() throws Exception {
    Run r = run("openapi", fixture("orders-operation-ids.yaml"), "--format", "json");

    assertThat(r.code()).isEqualTo(1);
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.path("kind").asText()).isEqualTo("openapi-import-preview");
    assertThat(root.path("service").path("systemName").asText()).isEqualTo("orders_api");
    assertThat(root.path("findings").findValuesAsText("cause"))
        .contains("openapi-operation-id-duplicate", "openapi-operation-id-missing");
    assertThat(root.path("findings").get(0).path("remedy").asText()).isNotBlank();
    assertThat(root.path("portal").path("asked").asBoolean()).isFalse();
  }

  @Test
  void quietIsOneVerdictLineWithTheSameExitCodeAndVerboseAddsRemedies() {
    Run quiet = run("openapi", fixture("orders-operation-ids.yaml"), "-q");
    assertThat(quiet.code()).isEqualTo(1);
    assertThat(quiet.out().strip().lines()).hasSize(1);
    assertThat(quiet.out())
        .contains("FAIL")
        .contains("openapi-operation-id-duplicate")
        .contains("openapi-operation-id-missing");

    Run verbose = run("openapi", fixture("orders-operation-ids.yaml"), "-v");
    Run normal = run("openapi", fixture("orders-operation-ids.yaml"));
    assertThat(verbose.code()).isEqualTo(1);
    assertThat(verbose.out()).contains("remedy: ");
    assertThat(normal.out()).doesNotContain("remedy: ");
  }

  @Test
  void comparesWithTheServiceOnTheAdminPortal() throws Exception {
    try (MockWebServer admin = new MockWebServer()) {
      admin.setDispatcher(FakeAdminPortal.petstore());
      admin.start(InetAddress.getByName("127.0.0.1"), 0);

      Run r =
          run(
              "openapi",
              fixture("petstore-2.0.json"),
              "--admin",
              "http://" + FakeAdminPortal.TOKEN + "@127.0.0.1:" + admin.getPort());

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .contains("Admin portal: service 42 (Swagger Petstore)")
          .contains("methods left uncounted  2: uploadfile, getorderbyid")
          .contains("rules deleted for good  3: GET /v2/pet/findByStatus;")
          .contains("rules re-created        1: GET /v2/pet/{petId}$")
          .contains("WARN openapi-import-deletes-mapping-rules");
    }
  }

  @Test
  void isInconclusiveWhenThePortalRefusesTheToken() throws Exception {
    try (MockWebServer admin = new MockWebServer()) {
      admin.setDispatcher(FakeAdminPortal.petstore());
      admin.start(InetAddress.getByName("127.0.0.1"), 0);

      Run r =
          run(
              "openapi",
              fixture("petstore-3.0.yaml"),
              "--admin",
              "http://WRONG-TOKEN-000000000@127.0.0.1:" + admin.getPort());

      assertThat(r.code()).isEqualTo(4);
      assertThat(r.out())
          .contains(
              "Admin portal: not compared: the admin portal did not give the list of services: HTTP 403");
      assertThat(r.out()).doesNotContain("WRONG-TOKEN-000000000");
    }
  }

  @Test
  void rejectsWhatIsNotADefinitionWithExitCode2() throws Exception {
    Path binary = Files.write(dir.resolve("x.bin"), new byte[] {0, (byte) 0xff, (byte) 0xfe});
    Path yaml = Files.writeString(dir.resolve("compose.yaml"), "services:\n  web: {}\n");

    for (Path p : new Path[] {binary, yaml, dir.resolve("missing.json")}) {
      Run r = run("openapi", p.toString());
      assertThat(r.code()).as(p.toString()).isEqualTo(2);
      assertThat(r.err()).startsWith("3scale-doctor: " + p).hasLineCount(1);
    }
  }
}
