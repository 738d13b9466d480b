package io.threescaledoctor.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.threescaledoctor.prometheus.DoctorMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus files shipped for {@code serve}: Debian's promtool accepts the scrape
 * configuration and the alerting rules and passes the rules' unit tests, and the rules and the
 * Grafana dashboard name only metrics the doctor exports.
 */
class PrometheusFilesTest {
  private static final Path DIR = Path.of("prometheus");
  private static final Pattern METRIC = Pattern.compile("threescale_doctor_[a-z_]+");

  private static String promtool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
    return out;
  }

  @Test
  void promtoolAcceptsTheScrapeConfigurationForBothStyles() throws Exception {
    assertThat(promtool("check", "config", "prometheus.yml"))
        .contains("SUCCESS: prometheus.yml is valid");
    String config = Files.readString(DIR.resolve("prometheus.yml"));
    assertThat(config).contains("job_name: 3scale-doctor\n").contains("metrics_path: /probe");
  }

  @Test
  void promtoolAcceptsTheAlertingRules() throws Exception {
    assertThat(promtool("check", "rules", "3scale-doctor-alerts.yml")).contains("SUCCESS");
  }

  @Test
  void theAlertingRulesPassTheirUnitTests() throws Exception {
    assertThat(promtool("test", "rules", "3scale-doctor-alerts.test.yml")).contains("SUCCESS");
  }

  @Test
  void theRulesCoverWhatAnOperatorPagesOn() throws Exception {
    JsonNode rules = new YAMLMapper().readTree(DIR.resolve("3scale-doctor-alerts.yml").toFile());
    List<String> alerts = new ArrayList<>();
    rules
        .path("groups")
        .forEach(g -> g.path("rules").forEach(r -> alerts.add(r.path("alert").asText())));
    assertThat(alerts)
        .contains(
            "ThreescaleHopDown",
            "ThreescaleUsageLimitNear",
            "ThreescaleCertificateExpiringSoon",
            "ThreescaleDoctorDown",
            "ThreescaleDoctorProfileBroken",
            "ThreescaleDoctorNotRunning");
  }

  @Test
  void rulesAndDashboardNameOnlyMetricsTheDoctorExports() throws Exception {
    String rules = Files.readString(DIR.resolve("3scale-doctor-alerts.yml"));
    JsonNode dashboard =
        new ObjectMapper().readTree(DIR.resolve("grafana-dashboard.json").toFile());
    List<String> expressions = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
    assertThat(expressions).hasSizeGreaterThan(10);

    TreeSet<String> named = new TreeSet<>();
    for (String text : concat(expressions, rules)) {
      Matcher m = METRIC.matcher(text);
      while (m.find()) {
        named.add(m.group());
      }
    }
    assertThat(named).hasSizeGreaterThan(10);
    assertThat(DoctorMetrics.exposedNames()).containsAll(named);
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> all = new ArrayList<>(a);
    all.add(b);
    return all;
  }
}
