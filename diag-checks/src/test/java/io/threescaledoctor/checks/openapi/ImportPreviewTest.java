package io.threescaledoctor.checks.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threescaledoctor.checks.threescale.CheckRuns;
import io.threescaledoctor.checks.threescale.MappingRule;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportPreviewTest {
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures/openapi");

  private static OpenApiDefinition read(String name) throws Exception {
    Profile empty = Profile.empty();
    return OpenApiDefinition.read(
        OpenApiSource.read(FIXTURES.resolve(name).toString(), new ProfileContext(empty)), name);
  }

  private static ImportPreview preview(String name, Profile profile) throws Exception {
    OpenApiDefinition d = read(name);
    return ImportPreview.of(d, ImportPlan.of(d, null, false), Optional.empty(), profile);
  }

  private static List<String> causes(ImportPreview p) {
    return p.findings().stream().map(ImportPreview.Finding::cause).toList();
  }

  private static List<String> rules(List<MappingRule> rules) {
    return rules.stream().map(r -> r.httpMethod() + " " + r.pattern() + " " + r.metric()).toList();
  }

  @Test
  void plansThePetstoreLikeTheToolboxAndFindsTheOverlapOfFindByStatusAndPetId() throws Exception {
    ImportPreview p = preview("petstore-2.0.json", Profile.empty());

    ImportPlan plan = p.plan();
    assertThat(p.definition().swagger2()).isTrue();
    assertThat(p.definition().messages()).isEmpty();
    assertThat(plan.serviceName()).isEqualTo("Swagger Petstore");
    assertThat(plan.systemName()).isEqualTo("swagger_petstore");
    assertThat(plan.privateBaseUrl()).isEqualTo("http://petstore.internal:8080");
    assertThat(plan.publicBasePath()).isEqualTo("/v2");
    assertThat(plan.credentialsLocation()).isEqualTo("query");
    assertThat(plan.userKeyName()).isEqualTo("user_key");
    assertThat(rules(plan.rules().rules()))
        .containsExactlyInAnyOrder(
            "POST /v2/pet$ addpet",
            "PUT /v2/pet$ updatepet",
            "GET /v2/pet/findByStatus$ findpetsbystatus",
            "GET /v2/pet/{petId}$ getpetbyid",
            "DELETE /v2/pet/{petId}$ deletepet",
            "GET /v2/store/inventory$ getinventory");
    assertThat(causes(p)).containsExactly("mapping-rule-double-count");
    assertThat(p.findings().get(0).message())
        .contains("GET /v2/pet/findByStatus matches both")
        .contains("getpetbyid");
    assertThat(p.status()).isEqualTo(Status.WARN);
  }

  @Test
  void reportsMissingAndDuplicateOperationIdsIncludingOnesThatCollideInLowerCase()
      throws Exception {
    ImportPreview p = preview("orders-operation-ids.yaml", Profile.empty());

    assertThat(p.status()).isEqualTo(Status.FAIL);
    assertThat(causes(p))
        .containsExactly(
            "openapi-operation-id-duplicate",
            "openapi-operation-id-duplicate",
            "openapi-operation-id-missing");
    assertThat(p.findings().get(0).message())
        .isEqualTo(
            "operationIds 'listOrders', 'ListOrders' make the same method system name"
                + " 'listorders' for GET /orders, GET /customers/{customerId}/orders: one method"
                + " 'listorders' counts all of them");
    assertThat(p.findings().get(1).message())
        .startsWith(
            "operationId 'getOrder' is used by GET /orders/{orderId}, GET /orders/{orderId}/items");
    assertThat(p.findings().get(2).message())
        .contains("POST /orders -> postorders, DELETE /orders/{orderId} -> deleteordersorderid");
    assertThat(p.definition().messages()).as("repeats are reported once, as above").isEmpty();
  }

  @Test
  void findsOverlappingPathsWithStrictAndManyMoreWithPrefixMatching() throws Exception {
    OpenApiDefinition d = read("catalog-overlapping.yaml");

    ImportPreview strict =
        ImportPreview.of(d, ImportPlan.of(d, null, false), Optional.empty(), Profile.empty());
    ImportPreview prefix =
        ImportPreview.of(d, ImportPlan.of(d, "catalog", true), Optional.empty(), Profile.empty());

    assertThat(
            strict.findings().stream().filter(f -> f.cause().equals("mapping-rule-double-count")))
        .singleElement()
        .extracting(ImportPreview.Finding::message)
        .asString()
        .contains("GET /catalog/products/featured matches both");
    assertThat(prefix.plan().systemName()).isEqualTo("catalog");
    assertThat(prefix.plan().rules().rules())
        .extracting(MappingRule::pattern)
        .contains("/catalog/products");
    assertThat(
            prefix.findings().stream()
                .filter(f -> f.cause().equals("mapping-rule-double-count"))
                .count())
        .as("/catalog/products is a prefix of every other rule")
        .isGreaterThanOrEqualTo(4);
    assertThat(causes(strict)).contains("openapi-version-3");
  }

  @Test
  void failsAnInvalidDefinitionWithTheParsersMessages() throws Exception {
    ImportPreview p = preview("invalid-2.0.yaml", Profile.empty());

    assertThat(p.status()).isEqualTo(Status.FAIL);
    assertThat(p.findings().get(0).cause()).isEqualTo("openapi-invalid");
    assertThat(p.findings().get(0).message())
        .startsWith("not valid OpenAPI 2.0: ")
        .contains("responses")
        .contains("Declared path parameter id");
  }

  @Test
  void comparesSecurityAndServerWithTheProfileWhenThereIsNoPortal() throws Exception {
    Profile profile =
        CheckRuns.profile(
            "api.url",
            "http://10.0.0.7:8080",
            "credentials.userKey",
            "k",
            "credentials.in",
            "query");

    ImportPreview p = preview("petstore-3.0.yaml", profile);

    assertThat(causes(p))
        .containsExactlyInAnyOrder(
            "openapi-version-3", "openapi-security-mismatch", "openapi-private-base-url-mismatch");
    assertThat(p.findings())
        .filteredOn(f -> f.cause().equals("openapi-security-mismatch"))
        .singleElement()
        .extracting(ImportPreview.Finding::message)
        .asString()
        .contains("api_key: apiKey in header 'X-API-Key' (credentials location headers")
        .contains("the profile's credentials.in reads them from query as 'user_key'");
    assertThat(p.findings())
        .filteredOn(f -> f.cause().equals("openapi-private-base-url-mismatch"))
        .singleElement()
        .extracting(ImportPreview.Finding::message)
        .asString()
        .contains("https://petstore.example.com is not the private base URL http://10.0.0.7:8080");
  }

  @Test
  void saysWhatIsNotADefinitionInOneLine(@TempDir Path dir) throws Exception {
    Path notOpenApi = Files.writeString(dir.resolve("config.yaml"), "server:\n  port: 8080\n");
    Path broken =
        Files.writeString(dir.resolve("broken.json"), "{\"swagger\": \"2.0\", \"paths\": {");
    Path binary =
        Files.write(
            dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});
    ProfileContext context = new ProfileContext(Profile.empty());

    assertThatThrownBy(
            () ->
                OpenApiDefinition.read(
                    OpenApiSource.read(notOpenApi.toString(), context), "config.yaml"))
        .isInstanceOf(OpenApiException.class)
        .hasMessage(
            "config.yaml: not an OpenAPI definition (no swagger: \"2.0\" or openapi: 3.x key)");
    assertThatThrownBy(
            () ->
                OpenApiDefinition.read(
                    OpenApiSource.read(broken.toString(), context), "broken.json"))
        .isInstanceOf(OpenApiException.class)
        .hasMessageStartingWith("broken.json:1: not JSON or YAML");
    assertThatThrownBy(() -> OpenApiSource.read(binary.toString(), context))
        .isInstanceOf(OpenApiException.class)
        .hasMessageEndingWith("not a text file (invalid UTF-8)");
    assertThatThrownBy(() -> OpenApiSource.read(dir.resolve("missing.yaml").toString(), context))
        .hasMessageEndingWith("missing.yaml: no such file");
  }

  @Test
  void readsAFileWithoutFollowingItsReferences() throws Exception {
    try (MockWebServer elsewhere = new MockWebServer()) {
      elsewhere.start(InetAddress.getByName("127.0.0.1"), 0);
      String text =
          Files.readString(FIXTURES.resolve("external-ref.yaml"), StandardCharsets.UTF_8)
              .replace("EXTERNAL", "http://127.0.0.1:" + elsewhere.getPort());

      OpenApiDefinition d = OpenApiDefinition.read(text, "external-ref.yaml");

      assertThat(d.operations())
          .extracting(OpenApiDefinition.Operation::operationId)
          .containsExactly("getShipment");
      assertThat(elsewhere.getRequestCount()).as("requests to the referenced host").isZero();
    }
  }

  @Test
  void fetchesADefinitionFromAUrl() throws Exception {
    try (MockWebServer host = new MockWebServer()) {
      host.enqueue(
          new MockResponse.Builder()
              .code(200)
              .addHeader("Content-Type", "application/json")
              .body(Files.readString(FIXTURES.resolve("petstore-2.0.json")))
              .build());
      host.start(InetAddress.getByName("127.0.0.1"), 0);
      String url = "http://127.0.0.1:" + host.getPort() + "/v2/swagger.json";

      OpenApiDefinition d =
          OpenApiDefinition.read(
              OpenApiSource.read(url, new ProfileContext(CheckRuns.profile())), url);

      assertThat(d.title()).isEqualTo("Swagger Petstore");
      assertThat(host.takeRequest().getMethod()).isEqualTo("GET");
    }
  }

  @Test
  void listsWhatTheImportAddsReplacesAndDeletesInTheExistingService() throws Exception {
    try (MockWebServer admin = new MockWebServer()) {
      admin.setDispatcher(FakeAdminPortal.petstore());
      admin.start(InetAddress.getByName("127.0.0.1"), 0);
      Profile profile =
          CheckRuns.profile(
              "threescale.admin",
              "http://" + FakeAdminPortal.TOKEN + "@127.0.0.1:" + admin.getPort());
      OpenApiDefinition d = read("petstore-2.0.json");
      ImportPlan plan = ImportPlan.of(d, null, false);

      Optional<ExistingService> existing =
          ExistingService.find(new ProfileContext(profile), plan.systemName());
      ImportPreview p = ImportPreview.of(d, plan, existing, profile);

      ImportPreview.ServiceChanges c = p.changes().orElseThrow();
      assertThat(c.service().service().id()).isEqualTo("42");
      assertThat(c.methodsAdded())
          .containsExactlyInAnyOrder("addpet", "updatepet", "deletepet", "getinventory");
      assertThat(c.methodsReplaced()).containsExactlyInAnyOrder("findpetsbystatus", "getpetbyid");
      assertThat(c.methodsLeftWithoutRules()).containsExactly("uploadfile", "getorderbyid");
      assertThat(rules(c.rulesDeleted()))
          .containsExactly(
              "GET /v2/pet/findByStatus findpetsbystatus",
              "POST /v2/pet/{petId}/uploadImage$ uploadfile",
              "GET /v2/store/order/{orderId}$ getorderbyid");
      assertThat(rules(c.rulesRecreated())).containsExactly("GET /v2/pet/{petId}$ getpetbyid");
      assertThat(c.rulesAdded()).hasSize(5);
      assertThat(causes(p))
          .containsExactlyInAnyOrder(
              "mapping-rule-double-count",
              "openapi-security-mismatch",
              "openapi-private-base-url-mismatch",
              "openapi-import-deletes-mapping-rules");
      assertThat(p.findings())
          .filteredOn(f -> f.cause().equals("openapi-import-deletes-mapping-rules"))
          .singleElement()
          .extracting(ImportPreview.Finding::message)
          .asString()
          .contains("deletes all 4 mapping rules of service 42 (Swagger Petstore); 3 of them")
          .contains(
              "methods left without a mapping rule (no longer counted): uploadfile, getorderbyid");
      for (RecordedRequest r : CheckRuns.requests(admin)) {
        assertThat(r.getMethod()).isEqualTo("GET");
      }
    }
  }

  @Test
  void findsNoServiceWhenTheSystemNameIsNew() throws Exception {
    try (MockWebServer admin = new MockWebServer()) {
      admin.setDispatcher(FakeAdminPortal.petstore());
      admin.start(InetAddress.getByName("127.0.0.1"), 0);
      Profile profile =
          CheckRuns.profile(
              "threescale.admin",
              "http://" + FakeAdminPortal.TOKEN + "@127.0.0.1:" + admin.getPort());

      Optional<ExistingService> existing =
          ExistingService.find(new ProfileContext(profile), "orders_api");

      assertThat(existing).isEmpty();
      assertThat(admin.getRequestCount()).as("only services.json").isEqualTo(1);
    }
  }

  @Test
  void explainsAPortalThatRefusesTheTokenWithoutShowingIt() throws IOException {
    try (MockWebServer admin = new MockWebServer()) {
      admin.setDispatcher(FakeAdminPortal.petstore());
      admin.start(InetAddress.getByName("127.0.0.1"), 0);
      String wrong = "SENTINEL-WRONG-TOKEN-0009";
      Profile profile =
          CheckRuns.profile(
              "threescale.admin", "http://" + wrong + "@127.0.0.1:" + admin.getPort());

      assertThatThrownBy(
              () -> ExistingService.find(new ProfileContext(profile), "swagger_petstore"))
          .isInstanceOf(ExistingService.PortalException.class)
          .hasMessageContaining("did not give the list of services: HTTP 403")
          .hasMessageContaining("Access denied")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
    }
  }
}
