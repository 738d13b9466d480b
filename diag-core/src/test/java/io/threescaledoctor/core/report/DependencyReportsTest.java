package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every format draws application dependencies beside the chain and never blames a hop for them. */
class DependencyReportsTest {
  private final Diagnosis storeDown = SampleDiagnoses.sessionStoreDown();

  @Test
  void textDrawsTheDependenciesBesideTheChainAndGivesThemSectionsOfTheirOwn() {
    String text = new TextReportRenderer(false, false).render(storeDown);

    assertThat(text)
        .contains("beside the chain (application dependencies, never a hop's fault):")
        .contains("    api ....> session-store[FAIL]  <- failing dependency")
        .contains("    gateway ....> orders-queue[ok]")
        .contains("application dependency beside api: Redis that holds the sessions")
        .contains("Diagnosis: FAILING - failing application dependency: session-store")
        .doesNotContain("likely failure point");
    String apiSection = text.substring(text.indexOf("\napi "), text.indexOf("\nsession-store"));
    assertThat(apiSection).contains("api.tcp.connect").doesNotContain("myapp.store-ping");
  }

  @Test
  void htmlDrawsDependencyBoxesJoinedToTheirHop() {
    String html = new HtmlReportRenderer().render(storeDown);

    assertThat(html)
        .contains("<g class=\"dependency fail\">")
        .contains("<g class=\"dependency ok\">")
        .contains("failing application dependency: <code>session-store</code>")
        .contains("application dependency session-store beside api FAIL")
        .contains("viewBox=\"0 0 820 380\"")
        .doesNotContain("class=\"fp\"");
  }

  @Test
  void jsonNamesTheDependenciesAndStillFollowsTheSchema() throws Exception {
    JsonNode json = new ObjectMapper().readTree(new JsonReportRenderer().render(storeDown));

    assertThat(JsonReportRendererTest.shippedSchema().validate(json)).isEmpty();
    assertThat(json.at("/results/1/dependency").asText()).isEqualTo("session-store");
    assertThat(json.at("/results/0/dependency").isMissingNode()).isTrue();
    assertThat(json.at("/dependencies/0/id").asText()).isEqualTo("session-store");
    assertThat(json.at("/dependencies/0/beside").asText()).isEqualTo("api");
    assertThat(json.at("/dependencies/0/status").asText()).isEqualTo("FAIL");
    assertThat(json.at("/diagnosis/failingDependencies/0").asText()).isEqualTo("session-store");
    assertThat(json.at("/diagnosis/likelyFailurePoint").isNull()).isTrue();
    assertThat(json.at("/hops/0/status").asText()).isEqualTo("PASS");
  }

  @Test
  void theSchemaStillRejectsFailingWithNeitherAHopNorADependency() throws Exception {
    ObjectNode json =
        (ObjectNode) new ObjectMapper().readTree(new JsonReportRenderer().render(storeDown));
    ((ObjectNode) json.get("diagnosis")).remove("failingDependencies");

    assertThat(JsonReportRendererTest.shippedSchema().validate(json)).isNotEmpty();
  }

  @Test
  void junitGivesEachDependencyASuite() {
    String xml = new JunitReportRenderer().render(storeDown);

    assertThat(xml)
        .contains("<testsuite name=\"3scale-doctor.dependency.session-store\"")
        .contains("<property name=\"beside\" value=\"api\"/>")
        .contains("<testcase classname=\"3scale-doctor.dependency.session-store\"");
    String apiSuite = xml.substring(xml.indexOf("3scale-doctor.api\""));
    assertThat(apiSuite.substring(0, apiSuite.indexOf("</testsuite>")))
        .doesNotContain("myapp.store-ping");
  }

  @Test
  void markdownAndTheOneLineNameTheFailingDependency() {
    assertThat(new MarkdownReportRenderer().render(storeDown))
        .contains("**Failing application dependency:** `session-store`")
        .contains("### session-store: FAIL (application dependency beside api)");
    assertThat(new OneLineReportRenderer().line(storeDown))
        .isEqualTo(
            "FAILING: application dependency session-store (api-unreachable): The API refuses or"
                + " drops connections");
  }

  @Test
  void everyRendererWritesToAStringAStreamAndAFileAlike(@TempDir Path dir) throws Exception {
    ReportRenderer renderer = new MarkdownReportRenderer();
    String asString = renderer.render(storeDown);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    renderer.render(storeDown, stream);
    Path file = dir.resolve("report.md");
    renderer.render(storeDown, file);

    assertThat(stream.toString(StandardCharsets.UTF_8)).isEqualTo(asString);
    assertThat(Files.readString(file)).isEqualTo(asString);
  }
}
