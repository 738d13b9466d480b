package io.threescaledoctor.checks.threescale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuthorizeResponseParserTest {

  static String fixture(String name) throws IOException {
    try (InputStream in =
        AuthorizeResponseParserTest.class.getResourceAsStream("/fixtures/threescale/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsAuthorizedStatusWithPlanAndUsageReports() throws IOException {
    AuthorizeResponse r = AuthorizeResponseParser.parse(fixture("authorized-with-usage.xml"));
    assertThat(r.authorized()).isTrue();
    assertThat(r.planName()).contains("Basic");
    assertThat(r.usageReports()).hasSize(2);
    UsageReport day = r.usageReports().get(0);
    assertThat(day.metric()).isEqualTo("hits");
    assertThat(day.period()).isEqualTo("day");
    assertThat(day.maxValue()).isEqualTo(100);
    assertThat(day.currentValue()).isEqualTo(85);
    assertThat(day.describe()).isEqualTo("hits per day: 85/100 (85%)");
    assertThat(r.reportsAbove(80)).containsExactly(day);
  }

  @Test
  void readsRejectionWithReasonAndExceededReport() throws IOException {
    AuthorizeResponse r = AuthorizeResponseParser.parse(fixture("limits-exceeded.xml"));
    assertThat(r.authorized()).isFalse();
    assertThat(r.reason()).isEqualTo("usage limits are exceeded");
    assertThat(r.usageReports().get(0).exceeded()).isTrue();
  }

  @Test
  void readsErrorCodeAndMessage() throws IOException {
    AuthorizeResponse r = AuthorizeResponseParser.parse(fixture("metric-invalid.xml"));
    assertThat(r.isError()).isTrue();
    assertThat(r.errorCode()).isEqualTo("metric_invalid");
    assertThat(r.errorMessage()).isEqualTo("metric \"nosuchmetric\" is invalid");
  }

  @Test
  void readsTheOlderErrorsList() throws IOException {
    AuthorizeResponse r = AuthorizeResponseParser.parse(fixture("legacy-errors-list.xml"));
    assertThat(r.errorCode()).isEqualTo("user.exceeded_limits");
  }

  @Test
  void saysWhyABodyIsUnreadable() {
    assertThat(AuthorizeResponseParser.parse("").unreadable()).isEqualTo("empty body");
    assertThat(AuthorizeResponseParser.parse("<html><body>Bad gateway</body></html>").unreadable())
        .contains("<html>");
    assertThat(AuthorizeResponseParser.parse("not xml at all").unreadable()).startsWith("not XML");
  }

  @Test
  void refusesDoctypesSoNoEntityIsExpanded() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE status [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<status><authorized>&x;</authorized></status>";
    assertThat(AuthorizeResponseParser.parse(xxe).unreadable()).startsWith("not XML");
  }

  @Test
  void namesTheFirstLineOfTheParsersComplaintAndEachMissingPart() {
    assertThat(AuthorizeResponseParser.parse("not xml at all").unreadable())
        .matches("not XML: \\S[^\\n]*");
    assertThat(AuthorizeResponseParser.parse("<status><plan>Basic</plan></status>").unreadable())
        .isEqualTo("<status> without <authorized>");
    assertThat(AuthorizeResponseParser.parse("<errors></errors>").unreadable())
        .isEqualTo("<errors> without <error>");
  }

  @Test
  void aBrokenBodyIsReportedNotPrinted() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      AuthorizeResponseParser.parse("<status><authorized>true</status>");
    } finally {
      System.setErr(original);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
