package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportRendererTest {

  @Test
  void matchesTheGoldenFileOfAFailingRun() throws Exception {
    GoldenFiles.assertMatches("backend-down.md",
        GoldenFiles.render(new MarkdownReportRenderer(), SampleDiagnoses.backendDown()));
  }

  @Test
  void putsTheDiagnosisBeforeTheEvidence() {
    String md = GoldenFiles.render(new MarkdownReportRenderer(), SampleDiagnoses.backendDown());
    assertThat(md).startsWith("# 3scale-doctor report: FAILING\n");
    assertThat(md.indexOf("**Likely failure point:** `3scale`"))
        .isLessThan(md.indexOf("## Next steps"))
        .isLessThan(md.indexOf("## Evidence per hop"));
  }

  @Test
  void escapesMarkupInWhatChecksSaw() {
    String md = GoldenFiles.render(new MarkdownReportRenderer(), SampleDiagnoses.backendDown());
    // The 500 page's HTML is inside a code block, where it stays literal.
    assertThat(md).contains("  body        <html>\n              <h1>500</h1>");
    assertThat(md).doesNotContain("\n<html>");
  }

  @Test
  void masksCredentialsThatReachedTheDiagnosisUnmasked() {
    String md = GoldenFiles.render(new MarkdownReportRenderer(), SentinelSecrets.leaky());
    assertThat(md).doesNotContain(SentinelSecrets.SENTINEL).contains("user_key=****");
  }
}
