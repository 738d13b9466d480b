package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportRendererTest {

  @Test
  void listsEveryFindingOfACheckUnderIt() {
    String html = GoldenFiles.render(new HtmlReportRenderer(), SampleDiagnoses.twoLogFindings());
    assertThat(html)
        .contains(
            "<ul class=\"findings\">\n"
                + "<li><span class=\"badge fail\">FAIL</span> <code>backend-unreachable</code>:"
                + " 12 lines: connect() to the backend refused</li>\n"
                + "<li><span class=\"badge warn\">WARN</span> <code>dns-resolver-timeout</code>:"
                + " 3 lines: resolver timed out</li>\n</ul>");
  }

  @Test
  void matchesTheGoldenFileOfAFailingRun() throws Exception {
    GoldenFiles.assertMatches(
        "backend-down.html",
        GoldenFiles.render(new HtmlReportRenderer(), SampleDiagnoses.backendDown()));
  }

  @Test
  void loadsNothingFromOutsideTheFile() {
    String html = GoldenFiles.render(new HtmlReportRenderer(), SampleDiagnoses.backendDown());
    assertThat(html).doesNotContain("<script", "<link", "@import", "url(http", "<img", "<iframe");
    // The SVG namespace is an identifier, not a request; any other src or href would be one.
    assertThat(Pattern.compile("(src|href)\\s*=").matcher(html).find()).isFalse();
  }

  @Test
  void drawsTheChainAsInlineSvgWithTheFailurePointMarked() {
    String html = GoldenFiles.render(new HtmlReportRenderer(), SampleDiagnoses.backendDown());
    assertThat(html)
        .contains(
            "<svg class=\"chain\"",
            "<g class=\"node fail failure-point\">",
            ">likely failure point</text>",
            ">3scale: FAIL</text>");
  }

  @Test
  void opensTheEvidenceOfChecksThatDidNotPass() {
    String html = GoldenFiles.render(new HtmlReportRenderer(), SampleDiagnoses.backendDown());
    assertThat(html)
        .contains("<details class=\"check fail\" open>")
        .contains("<details class=\"check pass\">");
  }

  @Test
  void escapesWhatChecksSawAndMasksLeakedCredentials() {
    String html = GoldenFiles.render(new HtmlReportRenderer(), SentinelSecrets.leaky());
    assertThat(html)
        .contains("&lt;h1&gt;500&lt;/h1&gt;")
        .doesNotContain("<h1>500")
        .doesNotContain(SentinelSecrets.SENTINEL);
  }
}
