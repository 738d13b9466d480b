package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownReportRendererTest {

  @Test
  void listsEveryFindingOfACheckUnderIt() {
    String md = GoldenFiles.render(new MarkdownReportRenderer(), SampleDiagnoses.twoLogFindings());
    assertThat(md)
        .contains(
            "`gateway.errorlog`: 3scale's backend refused 12 authorizations\n"
                + "  - FAIL `backend-unreachable`: 12 lines: connect() to the backend refused\n"
                + "  - WARN `dns-resolver-timeout`: 3 lines: resolver timed out\n");
  }

  @Test
  void matchesTheGoldenFileOfAFailingRun() throws Exception {
    GoldenFiles.assertMatches(
        "backend-down.md",
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

  @Test
  void showsTheTargetWithItsSecretsMasked() throws Exception {
    Profile target =
        new ProfileLoader(name -> SentinelSecrets.SENTINEL)
            .parse(
                """
        gateway: {url: https://api.example.com}
        threescale: {serviceId: "2555417777777", serviceToken: ${SERVICE_TOKEN},
          admin: "https://${ADMIN_TOKEN}@tenant-admin.example.com"}
        credentials: {userKey: ${USER_KEY}}
        client: {path: /hello}
        """,
                "test",
                Map.of());
    String md =
        GoldenFiles.render(new MarkdownReportRenderer(target), SampleDiagnoses.backendDown());
    assertThat(md)
        .contains(
            "## Target",
            "| gateway.url | `https://api.example.com` |",
            "| credentials.userKey | `****2e1b` |",
            "| client request | `GET /hello` |")
        .doesNotContain(SentinelSecrets.SENTINEL);
    assertThat(md.indexOf("## Target")).isGreaterThan(md.indexOf("**Explanation:**"));
  }
}
