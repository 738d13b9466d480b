package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextReportRendererTest {

  @Test
  void drawsTheChainTheHopsTheWaterfallAndTheDiagnosisOfAFailingRun() throws Exception {
    String text =
        GoldenFiles.render(new TextReportRenderer(false, false), SampleDiagnoses.backendDown());
    GoldenFiles.assertMatches("backend-down.txt", text);
  }

  @Test
  void matchesTheGoldenFileOfAHealthyRun() throws Exception {
    String text =
        GoldenFiles.render(new TextReportRenderer(false, false), SampleDiagnoses.healthy());
    GoldenFiles.assertMatches("healthy.txt", text);
  }

  @Test
  void marksTheLikelyFailurePointInTheDiagram() {
    String text =
        GoldenFiles.render(new TextReportRenderer(false, false), SampleDiagnoses.backendDown());
    String diagramTop = text.lines().skip(2).findFirst().orElseThrow();
    assertThat(diagramTop).contains("3scale[FAIL]").endsWith("<- likely failure point: 3scale");
  }

  @Test
  void putsHopsNothingTestedOnOneLineWithTheReason() {
    String text =
        GoldenFiles.render(new TextReportRenderer(false, false), SampleDiagnoses.backendDown());
    assertThat(text.lines().filter(l -> l.startsWith("not tested")))
        .singleElement()
        .asString()
        .contains("gateway (needs gateway.errorLog)", "gateway-api (no check reported on it)");
    assertThat(text).doesNotContain("gateway-3scale  ");
  }

  @Test
  void showsEveryHopWhenVerbose() {
    String text =
        GoldenFiles.render(new TextReportRenderer(false, true), SampleDiagnoses.backendDown());
    assertThat(text).doesNotContain("\nnot tested").contains("\ngateway-3scale  -     not tested");
  }

  @Test
  void colourCodesAppearOnlyWhenAsked() {
    assertThat(
            GoldenFiles.render(new TextReportRenderer(false, false), SampleDiagnoses.backendDown()))
        .doesNotContain("\u001b[");
    assertThat(
            GoldenFiles.render(new TextReportRenderer(true, false), SampleDiagnoses.backendDown()))
        .contains("\u001b[31m");
  }
}
