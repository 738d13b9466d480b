package io.threescaledoctor.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.cli.demo.DemoFault;
import io.threescaledoctor.cli.demo.DemoWorld;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} over demo setups on loopback (one healthy, one with a key 3scale rejects) and two
 * profiles that do not load, each holding sentinel secrets: every endpoint answers, and no secret
 * appears in any page, metric, report or log line.
 */
class ServeEndpointsTest {
  private static final String TOKEN = "SENTINEL-service-token-7f3e1d";
  private static final String USER_KEY = "SENTINEL-user-key-4b2a9c";
  private static final String ENV_TOKEN = "SENTINEL-env-token-c0ffee";

  @TempDir static Path dir;
  private static DemoWorld healthy;
  private static DemoWorld badKey;
  private static ServeFixture fx;

  @BeforeAll
  static void start() throws Exception {
    DemoWorld.Settings s = ServeFixture.patientDemo(TOKEN, USER_KEY);
    healthy = DemoWorld.start(DemoFault.NONE, s, Clock.systemUTC());
    badKey = DemoWorld.start(DemoFault.BAD_KEY, s, Clock.systemUTC());
    Path profiles = Files.createDirectories(dir.resolve("profiles"));
    Files.copy(healthy.profile(), profiles.resolve("healthy.yaml"));
    Files.copy(badKey.profile(), profiles.resolve("bad-key.yaml"));
    Files.writeString(
        profiles.resolve("typo.yaml"),
        "threescale:\n  serviceToken: " + TOKEN + "\n  serviceTokn: " + USER_KEY + "\n");
    Files.writeString(
        profiles.resolve("unclosed.yaml"),
        "credentials:\n  userKey: " + USER_KEY + "\n  appKey: [" + TOKEN + "\n");
    Files.writeString(
        profiles.resolve("from-env.yaml"),
        "api:\n  url: " + healthy.apiUrl() + "\nthreescale:\n  serviceToken: ${TOKEN_VAR}\n");
    fx = ServeFixture.start(ServeFixture.settings(profiles, Map.of("TOKEN_VAR", ENV_TOKEN)));
    fx.await("every profile that loads ran", fx.serve.scheduler()::ready);
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      fx.close();
    }
    if (healthy != null) {
      healthy.close();
    }
    if (badKey != null) {
      badKey.close();
    }
  }

  @Test
  void noSecretAppearsOnAnyEndpointNorInTheLog() throws Exception {
    List<String> paths = new ArrayList<>(List.of("/", "/index.html", "/metrics", "/-/healthy"));
    paths.addAll(List.of("/-/ready", "/nope", "/probe", "/probe?target=nope"));
    for (String name : List.of("healthy", "bad-key", "typo", "unclosed", "from-env")) {
      paths.add("/probe?target=" + name);
      paths.add("/probe?target=" + name + "&only=3scale");
      for (String ext : List.of("json", "html", "txt", "md", "xml")) {
        paths.add("/report/" + name + "." + ext);
      }
    }
    Map<String, String> bodies = new LinkedHashMap<>();
    for (String path : paths) {
      HttpResponse<String> r = fx.get(path);
      bodies.put(path + " (" + r.statusCode() + ")", r.body() + r.headers().map());
    }
    HttpResponse<String> openMetrics =
        fx.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
    bodies.put("/metrics as OpenMetrics", openMetrics.body());
    bodies.put("POST /-/reload", fx.post("/-/reload").body());
    bodies.put("the log", fx.log());

    assertThat(bodies).hasSizeGreaterThan(45);
    bodies.forEach(
        (where, body) -> {
          for (String secret :
              List.of(TOKEN, USER_KEY, ENV_TOKEN, "0000" + USER_KEY.substring(4))) {
            assertThat(body).as(where + " leaks a secret").doesNotContain(secret);
          }
        });
    assertThat(bodies.get("/report/healthy.json (200)")).contains("****");
  }

  @Test
  void metricsShowEveryProfilesHopsAndVerdictAndWhichProfilesDoNotLoad() throws Exception {
    HttpResponse<String> r = fx.get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(r.body())
        .contains("threescale_doctor_hop_up{hop=\"3scale\",profile=\"healthy\"} 1.0")
        .contains("threescale_doctor_hop_up{hop=\"3scale\",profile=\"bad-key\"} 0.0")
        .contains(
            "threescale_doctor_diagnosis_info{cause=\"credentials-invalid\",hop=\"3scale\","
                + "profile=\"bad-key\",status=\"FAILING\"} 1")
        .contains(
            "threescale_doctor_diagnosis_info{cause=\"\",hop=\"\",profile=\"healthy\","
                + "status=\"HEALTHY\"} 1")
        .contains("threescale_doctor_profile_valid{profile=\"typo\"} 0.0")
        .contains("threescale_doctor_profile_valid{profile=\"unclosed\"} 0.0")
        .contains("threescale_doctor_profile_valid{profile=\"healthy\"} 1.0")
        .contains("threescale_doctor_config_last_reload_successful 0.0")
        .contains("threescale_doctor_check_status{check=\"backend.threescale.authorize\"")
        .contains("jvm_memory_used_bytes{area=\"heap\"}")
        .contains("threescale_doctor_schedule_lag_seconds_bucket");
    assertThat(fx.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0").body())
        .contains("# TYPE threescale_doctor_diagnosis info")
        .endsWith("# EOF\n");
  }

  @Test
  void theIndexPageListsVerdictsFailingFirstAndWhyBrokenProfilesDoNotLoad() throws Exception {
    HttpResponse<String> r = fx.get("/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    String page = r.body();
    assertThat(page)
        .contains("<td class=\"FAILING\">FAILING</td><td>3scale</td><td>credentials-invalid</td>")
        .contains("<td class=\"HEALTHY\">HEALTHY</td>")
        .contains("href=\"/report/bad-key.html\"")
        .contains("does not load")
        .contains("unknown key &#39;threescale.serviceTokn&#39;")
        .contains("Not running.");
    assertThat(page.indexOf(">typo<")).isLessThan(page.indexOf(">bad-key<"));
    assertThat(page.indexOf(">bad-key<")).isLessThan(page.indexOf(">healthy<"));
  }

  @Test
  void reportsAreTheLastRunThroughRunsRenderers() throws Exception {
    HttpResponse<String> json = fx.get("/report/bad-key.json");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(json.body())
        .contains("\"schemaVersion\" : 1")
        .contains("\"likelyFailurePoint\" : \"3scale\"");
    assertThat(fx.get("/report/bad-key.html").body()).startsWith("<!DOCTYPE html>");
    assertThat(fx.get("/report/bad-key.txt").body()).contains("Diagnosis: FAILING");
    assertThat(fx.get("/report/bad-key.xml").body()).contains("<testsuite");
    assertThat(fx.get("/report/bad-key.md").body()).contains("FAILING");

    HttpResponse<String> broken = fx.get("/report/typo.json");
    assertThat(broken.statusCode()).isEqualTo(404);
    assertThat(broken.body()).contains("does not load").contains("serviceTokn");
    assertThat(fx.get("/report/nope.json").statusCode()).isEqualTo(404);
    assertThat(fx.get("/report/healthy.pdf").statusCode()).isEqualTo(404);
  }

  @Test
  void probeRunsTheProfileNowAndAnswersWithItsMetrics() throws Exception {
    HttpResponse<String> r = fx.get("/probe?target=bad-key&only=3scale");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("threescale_doctor_probe_success{profile=\"bad-key\"} 0.0")
        .contains("threescale_doctor_hop_up{hop=\"3scale\",profile=\"bad-key\"} 0.0")
        .doesNotContain("hop=\"client\"")
        .doesNotContain("jvm_");
    assertThat(fx.get("/probe?target=healthy").body())
        .contains("threescale_doctor_probe_success{profile=\"healthy\"} 1.0");
  }

  @Test
  void probeAnswersBadRequestsWithAStatusAndOneLine() throws Exception {
    assertThat(fx.get("/probe").statusCode()).isEqualTo(400);
    assertThat(fx.get("/probe?target=nope").statusCode()).isEqualTo(404);
    HttpResponse<String> broken = fx.get("/probe?target=typo");
    assertThat(broken.statusCode()).isEqualTo(500);
    assertThat(broken.body()).contains("does not load").contains("serviceTokn");
    HttpResponse<String> badOnly = fx.get("/probe?target=healthy&only=nohop");
    assertThat(badOnly.statusCode()).isEqualTo(400);
    assertThat(badOnly.body()).contains("'nohop' names no check, endpoint or hop");
    assertThat(
            fx.get("/probe?target=healthy", FleetHttpServer.SCRAPE_TIMEOUT_HEADER, "soon")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void healthAndReadinessAnswerAsPrometheusDoes() throws Exception {
    assertThat(fx.get("/-/healthy").statusCode()).isEqualTo(200);
    assertThat(fx.get("/-/ready").body()).isEqualTo("3scale-doctor is Ready.\n");
    assertThat(fx.post("/-/healthy").statusCode()).isEqualTo(405);
    assertThat(fx.get("/-/reload").statusCode()).isEqualTo(405);
    assertThat(fx.get("/nope").statusCode()).isEqualTo(404);
  }
}
