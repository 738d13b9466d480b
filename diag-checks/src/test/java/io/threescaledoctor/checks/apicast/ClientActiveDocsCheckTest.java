package io.threescaledoctor.checks.apicast;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.threescale.CheckRuns;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.testing.Component;
import io.threescaledoctor.core.testing.FreePorts;
import io.threescaledoctor.core.testing.NginxGateway;
import io.threescaledoctor.core.testing.NginxGateway.Location;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ActiveDocs check against a real nginx gateway that authorizes {@code /hello} and {@code
 * /orders} with 3scale (auth_request to a fake backend that rejects the invalid key), passes {@code
 * /public/} to the API without any check, and answers anything else as APIcast answers a path no
 * mapping rule matches.
 */
class ClientActiveDocsCheckTest {
  private static final String SERVICE_ID = "2555417777777";

  /** Operations covered by an authorized location, one that is not, and one passed through. */
  private static final String SPEC =
      """
      {"openapi": "3.0.0",
       "info": {"title": "Orders", "version": "1"},
       "servers": [{"url": "https://api.example.com/"}],
       "paths": {
         "/hello": {"get": {"parameters": [{"name": "user_key", "in": "query", "required": true}]}},
         "/orders/{id}": {"parameters": [{"name": "id", "in": "path", "example": "42"}],
                          "get": {}, "delete": {}},
         "/orders": {"post": {}},
         "/public/status": {"get": {}},
         "/admin/users/{userId}": {"delete": {}}
       }}
      """;

  /** The same API as Swagger 2.0 in YAML, with only what the gateway authorizes. */
  private static final String COVERED_SPEC =
      """
      swagger: "2.0"
      info: {title: Orders, version: "1"}
      basePath: /
      securityDefinitions:
        key: {type: apiKey, in: query, name: user_key}
      paths:
        /hello:
          get: {}
        /orders/{id}:
          get:
            parameters: [{name: id, in: path, type: string, default: "7"}]
      """;

  @TempDir static Path dir;
  private static final MockWebServer backend = new MockWebServer();
  private static final MockWebServer api = new MockWebServer();
  private static final List<String> authorized = new CopyOnWriteArrayList<>();
  private static final List<String> reachedApi = new CopyOnWriteArrayList<>();
  private static NginxGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    Component.NGINX.require();
    backend.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            authorized.add(request.getTarget());
            return new MockResponse.Builder()
                .code(403)
                .addHeader("Content-Type", "application/vnd.3scale-v2.0+xml")
                .body(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error code=\"user_key_invalid\">"
                        + "user key \"x\" is invalid</error>")
                .build();
          }
        });
    api.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            reachedApi.add(request.getMethod() + " " + request.getTarget());
            return new MockResponse.Builder().code(200).body("{\"status\":\"up\"}").build();
          }
        });
    backend.start(InetAddress.getByName("127.0.0.1"), 0);
    api.start(InetAddress.getByName("127.0.0.1"), 0);
    gateway =
        NginxGateway.start(
            Files.createDirectories(dir.resolve("gateway")),
            setup(),
            List.of(
                Location.authorized("/hello"),
                Location.authorized("/orders"),
                Location.open("/public/")));
  }

  private static NginxGateway.Setup setup() {
    return NginxGateway.Setup.of(
        "127.0.0.1:" + api.getPort(),
        "127.0.0.1:" + backend.getPort(),
        SERVICE_ID,
        CheckRuns.SERVICE_TOKEN);
  }

  @AfterAll
  static void stop() throws IOException {
    if (gateway != null) {
      gateway.close();
    }
    backend.close();
    api.close();
  }

  @BeforeEach
  void forget() {
    authorized.clear();
    reachedApi.clear();
  }

  private static CheckResult check(String... keyValues) {
    List<String> all = new ArrayList<>(List.of("gateway.url", gateway.url().toString()));
    all.addAll(List.of(keyValues));
    return CheckRuns.result(
        CheckRuns.run(CheckRuns.profile(all.toArray(String[]::new)), new ClientActiveDocsCheck()),
        "client.activedocs");
  }

  private static String spec(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text).toString();
  }

  @Test
  void classifiesEachOperationByWhatTheGatewayAnswers() throws Exception {
    CheckResult r = check("threescale.activeDocs", spec("openapi.json", SPEC));

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.hop()).isEqualTo(Hop.CLIENT_GATEWAY);
    assertThat(r.cause()).contains("gateway-accepts-invalid-credentials");
    assertThat(r.evidence())
        .containsEntry("operations", "6")
        .containsEntry("called", "6")
        .containsEntry("invalidCredentials", "user_key (query) = 3scale-doctor-invalid-credential");
    assertThat(r.evidence().get("GET /hello"))
        .startsWith("403")
        .contains("the gateway asked 3scale, which rejected the invalid credentials");
    assertThat(r.evidence().get("GET /orders/{id}")).startsWith("403");
    assertThat(r.evidence().get("DELETE /orders/{id}")).startsWith("403");
    assertThat(r.evidence().get("POST /orders")).startsWith("403");
    assertThat(r.evidence().get("GET /public/status"))
        .startsWith("200")
        .contains("answered without any 3scale check");
    assertThat(r.evidence().get("DELETE /admin/users/{userId}"))
        .startsWith("404")
        .contains("no mapping rule");
    assertThat(r.summary())
        .contains("4 the gateway asked 3scale")
        .contains("(GET /public/status)")
        .contains("(DELETE /admin/users/{userId})");
    // Only the passed-through operation reached the API; the others stopped at 3scale.
    assertThat(reachedApi).singleElement().asString().startsWith("GET /public/status?");
    assertThat(authorized)
        .hasSize(4)
        .allMatch(t -> t.contains("user_key=3scale-doctor-invalid-credential"));
    assertThat(r.reproduce()).hasValueSatisfying(c -> assertThat(c).contains("/public/status"));
  }

  @Test
  void aSpecTheGatewayCoversPassesForEveryOperation() throws Exception {
    CheckResult r = check("threescale.activeDocs", spec("swagger.yaml", COVERED_SPEC));

    assertThat(r.status()).as(r.toString()).isEqualTo(Status.PASS);
    assertThat(r.summary()).contains("client -> gateway -> 3scale works");
    assertThat(authorized)
        .anyMatch(t -> t.contains("user_key=3scale-doctor-invalid-credential"))
        .hasSize(2);
    assertThat(reachedApi).isEmpty();
  }

  @Test
  void anOperationNoMappingRuleCoversFails() throws Exception {
    String spec =
        """
        {"swagger": "2.0", "paths": {"/hello": {"get": {}}, "/reports": {"get": {}}}}
        """;

    CheckResult r = check("threescale.activeDocs", spec("unmapped.json", spec));

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("mapping-rule-no-match");
    assertThat(r.evidence().get("GET /reports")).contains("No Mapping Rule matched");
  }

  @Test
  void readsTheServicesSpecFromTheAdminPortal() throws Exception {
    String otherService = SPEC.replace("\"", "\\\"").replace("\n", " ");
    String covered =
        "{\\\"swagger\\\":\\\"2.0\\\",\\\"paths\\\":{\\\"/hello\\\":{\\\"get\\\":{}}}}";
    try (MockWebServer portal = new MockWebServer()) {
      portal.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              if (!request.getTarget().startsWith("/admin/api/active_docs.json?access_token=")) {
                return new MockResponse.Builder().code(404).build();
              }
              return new MockResponse.Builder()
                  .code(200)
                  .addHeader("Content-Type", "application/json")
                  .body(
                      "{\"api_docs\":["
                          + "{\"api_doc\":{\"id\":1,\"system_name\":\"other\",\"service_id\":99,"
                          + "\"body\":\""
                          + otherService
                          + "\"}},"
                          + "{\"api_doc\":{\"id\":2,\"system_name\":\"hello-api\",\"service_id\":"
                          + SERVICE_ID
                          + ",\"body\":\""
                          + covered
                          + "\"}}]}")
                  .build();
            }
          });
      portal.start(InetAddress.getByName("127.0.0.1"), 0);

      CheckResult r =
          check(
              "threescale.admin",
              "http://" + CheckRuns.ADMIN_TOKEN + "@127.0.0.1:" + portal.getPort(),
              "threescale.serviceId",
              SERVICE_ID);

      assertThat(r.status()).as(r.toString()).isEqualTo(Status.PASS);
      assertThat(r.evidence().get("spec"))
          .isEqualTo("admin portal ActiveDocs hello-api (service " + SERVICE_ID + ")");
      assertThat(r.evidence())
          .containsOnlyKeys("spec", "operations", "called", "invalidCredentials", "GET /hello");
    }
  }

  @Test
  void anAllowListOfClientAddressesBringsTheGuidesAdvice() throws Exception {
    try (NginxGateway filtered =
        NginxGateway.start(
            Files.createDirectories(dir.resolve("filtered")),
            setup(),
            List.of(Location.authorized("/hello").with("allow 127.0.0.1; deny all;")))) {
      Path spec =
          Files.writeString(
              dir.resolve("hello.json"),
              "{\"swagger\":\"2.0\",\"paths\":{\"/hello\":{\"get\":{}}}}");

      CheckResult r =
          CheckRuns.result(
              CheckRuns.run(
                  CheckRuns.profile(
                      "gateway.url",
                      filtered.url().toString(),
                      "gateway.nginxConf",
                      filtered.nginxConf().toString(),
                      "threescale.activeDocs",
                      spec.toString()),
                  new ClientActiveDocsCheck()),
              "client.activedocs");

      assertThat(r.status()).isEqualTo(Status.WARN);
      assertThat(r.cause()).contains("activedocs-client-ip-filter");
      assertThat(r.evidence().get("clientAllowList"))
          .startsWith("deny all after allow rules at " + filtered.nginxConf());
      assertThat(r.remedy()).hasValueSatisfying(m -> assertThat(m).contains("allow-list"));
      assertThat(r.reference()).contains("4.4.1");
    }
  }

  @Test
  void anUnreadableSpecIsAnErrorNamingTheFile() throws Exception {
    Path binary = dir.resolve("spec.bin");
    Files.write(binary, new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x13, 0x37, 0});

    CheckResult garbage = check("threescale.activeDocs", binary.toString());
    CheckResult missing = check("threescale.activeDocs", dir.resolve("nope.json").toString());
    CheckResult notASpec = check("threescale.activeDocs", spec("list.json", "[1, 2, 3]"));

    assertThat(garbage.status()).isEqualTo(Status.ERROR);
    assertThat(garbage.summary()).startsWith("threescale.activeDocs: cannot use " + binary);
    assertThat(missing.summary()).endsWith("no such file");
    assertThat(notASpec.summary()).contains("not a Swagger or OpenAPI document");
    assertThat(authorized).isEmpty();
  }

  @Test
  void aGatewayThatCannotBeReachedEndsTheCheckAfterOneCall() throws Exception {
    try (FreePorts.RefusingPort refusing = FreePorts.refusing()) {
      int closed = refusing.port();
      CheckResult r =
          CheckRuns.result(
              CheckRuns.run(
                  CheckRuns.profile(
                      "gateway.url",
                      "http://127.0.0.1:" + closed,
                      "threescale.activeDocs",
                      spec("again.json", SPEC)),
                  new ClientActiveDocsCheck()),
              "client.activedocs");

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.cause()).contains("gateway-unreachable");
      assertThat(r.summary()).startsWith("GET /hello with invalid credentials");
    }
  }

  @Test
  void aSlowGatewayCostsCallsNotTheResult() throws Exception {
    try (MockWebServer slow = new MockWebServer()) {
      slow.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return new MockResponse.Builder()
                  .code(403)
                  .body("Authentication failed")
                  .headersDelay(1500, TimeUnit.MILLISECONDS)
                  .build();
            }
          });
      slow.start(InetAddress.getByName("127.0.0.1"), 0);

      CheckResult r =
          CheckRuns.result(
              CheckRuns.run(
                  CheckRuns.profile(
                      "gateway.url",
                      "http://127.0.0.1:" + slow.getPort(),
                      "timeouts.check",
                      "4s",
                      "timeouts.read",
                      "3s",
                      "threescale.activeDocs",
                      spec("slow.json", SPEC)),
                  new ClientActiveDocsCheck()),
              "client.activedocs");

      assertThat(r.status()).as(r.toString()).isEqualTo(Status.PASS);
      // Calls of 1.5 s against a budget of 2 s: the second starts in time, the third does not.
      assertThat(Integer.parseInt(r.evidence().get("called"))).isBetween(1, 2);
      assertThat(r.evidence().get("notCalled"))
          .endsWith(", as half the per-check timeout (timeouts.check) had passed");
      assertThat(r.summary()).contains(" of 6 ActiveDocs operation(s)");
    }
  }

  @Test
  void saysWhichKeyItNeeds() {
    ClientActiveDocsCheck c = new ClientActiveDocsCheck();

    assertThat(c.missingInput(CheckRuns.profile())).contains("gateway.url");
    assertThat(c.missingInput(CheckRuns.profile("gateway.url", "http://gw.test")))
        .contains("threescale.activeDocs");
    assertThat(
            c.missingInput(
                CheckRuns.profile(
                    "gateway.url", "http://gw.test", "threescale.admin", "https://t@admin.test")))
        .isEmpty();
  }
}
