package io.threescaledoctor.checks.apicast;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.issue.KnownIssueCatalog;
import org.junit.jupiter.api.Test;

class GatewayStatusesTest {
  private final GatewayStatuses statuses = GatewayStatuses.standard();

  @Test
  void everyIssueAStatusNamesIsAKnownIssue() {
    KnownIssueCatalog issues = KnownIssueCatalog.standard();
    assertThat(statuses.all()).hasSizeGreaterThan(5);
    for (GatewayStatuses.Entry e : statuses.all()) {
      assertThat(e.meaning()).isNotBlank();
      for (String issue : e.issues()) {
        assertThat(issues.contains(issue)).as("%s -> %s", e.status(), issue).isTrue();
      }
    }
  }

  @Test
  void anExactStatusWinsOverItsClass() {
    assertThat(statuses.find(502).orElseThrow().issues()).contains("upstream-connect-refused");
    assertThat(statuses.find(503).orElseThrow().status()).isEqualTo("5xx");
    assertThat(statuses.find(418)).isEmpty();
  }
}
