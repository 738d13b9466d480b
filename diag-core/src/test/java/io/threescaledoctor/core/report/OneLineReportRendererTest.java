package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneLineReportRendererTest {

  @Test
  void namesTheFailurePointAndTheCauseInOneLine() {
    assertThat(new OneLineReportRenderer().line(SampleDiagnoses.backendDown()))
        .isEqualTo(
            "FAILING at 3scale (backend-unreachable): 3scale's Service Management API"
                + " cannot be reached");
  }

  @Test
  void countsThePassedChecksOfAHealthyRun() {
    assertThat(new OneLineReportRenderer().line(SampleDiagnoses.healthy()))
        .isEqualTo("HEALTHY: 6 checks passed");
  }
}
