package io.threescaledoctor.samples.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application started by Spring Boot's test support on a random port, its profile pointing at
 * an API on the loopback address that answers 200 or, when told, 500; health is read over HTTP as a
 * load balancer or Kubernetes would.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "threescale-doctor.every=0s")
class DoctorHealthIndicatorTest {
  private static final String SENTINEL = "SENTINEL-user-key-5b7e";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static HttpServer api;
  private static volatile int apiStatus = 200;

  @Autowired TestRestTemplate http;

  @DynamicPropertySource
  static void profileOfAnApiOnLoopback(DynamicPropertyRegistry registry) throws IOException {
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext(
        "/",
        exchange -> {
          // Echoes the query, credentials included, so that masking has something to mask.
          byte[] body =
              ("{\"query\":\"" + exchange.getRequestURI().getRawQuery() + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(apiStatus, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    api.start();
    Path profile = Files.createTempFile("profile", ".yaml");
    Files.writeString(
        profile,
        "api: {url: 'http://127.0.0.1:"
            + api.getAddress().getPort()
            + "'}\n"
            + "client: {path: '/hello?user_key="
            + SENTINEL
            + "'}\n"
            + "credentials: {userKey: "
            + SENTINEL
            + "}\n"
            + "timeouts: {connect: 1s, read: 2s}\n");
    registry.add("threescale-doctor.profile", profile::toString);
  }

  @AfterAll
  static void stopTheApi() {
    api.stop(0);
  }

  private JsonNode get(String path, int expectedStatus) throws IOException {
    ResponseEntity<String> r = http.getForEntity(path, String.class);
    assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(expectedStatus);
    assertThat(r.getBody()).doesNotContain(SENTINEL);
    return JSON.readTree(r.getBody());
  }

  @Test
  void upWithEachHopsVerdictWhileTheApiAnswers() throws Exception {
    apiStatus = 200;
    JsonNode health = get("/actuator/health", 200);

    assertThat(health.at("/status").asText()).isEqualTo("UP");
    JsonNode doctor = health.at("/components/threescaleDoctor");
    assertThat(doctor.at("/status").asText()).isEqualTo("UP");
    assertThat(doctor.at("/details/diagnosis").asText()).isEqualTo("HEALTHY");
    assertThat(doctor.at("/details/hops/api/status").asText()).isEqualTo("PASS");
    assertThat(doctor.at("/details/hops/api/tested").asText()).isEqualTo("direct");
    assertThat(doctor.at("/details/hops/3scale/tested").asText()).isEqualTo("not-tested");
    assertThat(doctor.at("/details/summary").asText()).startsWith("HEALTHY:");
  }

  @Test
  void downNamingTheFailingHopAndCauseWhenTheApiBreaks() throws Exception {
    apiStatus = 500;
    try {
      JsonNode health = get("/actuator/health", 503);

      assertThat(health.at("/status").asText()).isEqualTo("DOWN");
      JsonNode details = health.at("/components/threescaleDoctor/details");
      assertThat(details.at("/diagnosis").asText()).isEqualTo("FAILING");
      assertThat(details.at("/likelyFailurePoint").asText()).isEqualTo("api");
      assertThat(details.at("/cause").asText()).isEqualTo("api-error-status");
      assertThat(details.at("/hops/api/status").asText()).isEqualTo("FAIL");
      assertThat(details.at("/summary").asText()).startsWith("FAILING at api (api-error-status)");
    } finally {
      apiStatus = 200;
    }
  }

  @Test
  void theLastReportIsTheDoctorsJsonAtItsOwnEndpoint() throws Exception {
    get("/actuator/health", 200);
    JsonNode report = get("/actuator/threescaledoctor", 200);

    assertThat(report.at("/schemaVersion").asInt()).isEqualTo(1);
    assertThat(report.at("/diagnosis/status").asText()).isEqualTo("HEALTHY");
    assertThat(report.at("/results").size()).isPositive();
    assertThat(report.toString()).contains("user_key=****5b7e");
  }
}
