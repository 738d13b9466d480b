package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.diagnosis.Diagnoser;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single-target verbs report about the target named, never about a hop of a chain. */
class TargetReportRendererTest {
  private static final String TARGET = "connect 10.0.0.5 8080";

  @Test
  void aRefusedTargetReadsAsTheTargetNotAsTheApi() throws IOException {
    Diagnosis d =
        diagnose(
            result("api.dns.resolve", CheckResult.pass("10.0.0.5 is an IP address")),
            result(
                "api.tcp.connect",
                CheckResult.fail("10.0.0.5:8080 refused the connection (nothing listening)")
                    .withCause("api-unreachable")
                    .withRemedy("Start the API or fix its listener")
                    .withEvidence("address", "10.0.0.5:8080")
                    .withReproduce("nc -vz 10.0.0.5 8080")));

    String text = render(d);

    assertThat(text)
        .contains(TARGET)
        .contains("FAIL tcp.connect")
        .contains("nc -vz 10.0.0.5 8080")
        .contains("FAIL  " + TARGET + ": 10.0.0.5:8080 refused the connection (nothing listening)")
        .doesNotContain("api.tcp.connect")
        .doesNotContain(Hop.API.question())
        .doesNotContain("not tested")
        .doesNotContain("likely failure point")
        .doesNotContain("api-unreachable")
        .doesNotContain("Start the API");
  }

  @Test
  void keepsCausesAboutWhatWasSeenAtTheTarget() throws IOException {
    Diagnosis d =
        diagnose(
            result(
                "api.tls.certificate",
                CheckResult.fail("the certificate expired on 2026-01-01")
                    .withCause("tls-expired")
                    .withRemedy("Renew the certificate")
                    .withReference("2.7")));

    assertThat(render(d))
        .contains("tls.certificate")
        .contains("tls-expired")
        .contains("Renew the certificate (guide 2.7)");
  }

  @Test
  void aHealthyTargetNeverClaimsAChainWorksEndToEnd() throws IOException {
    Diagnosis d =
        diagnose(
            result(
                "api.dns.resolve",
                CheckResult.pass("localhost resolves to 127.0.0.1")
                    .withEvidence("addresses", "127.0.0.1")));

    String text = render(d);

    assertThat(text)
        .contains("OK    " + TARGET + ": 1 check passed")
        .contains("addresses")
        .doesNotContain("end to end")
        .doesNotContain("HEALTHY");
  }

  @Test
  void theQuietLineIsTheLastLineOfTheReport() throws IOException {
    Diagnosis d =
        diagnose(
            result("api.tcp.connect", CheckResult.warn("1 of 2 addresses refused the connection")));
    TargetReportRenderer renderer = new TargetReportRenderer(TARGET, false, false);

    assertThat(renderer.line(d))
        .isEqualTo("WARN  " + TARGET + ": 1 of 2 addresses refused the connection");
    assertThat(render(d)).contains(renderer.line(d) + "\n");
  }

  private static String render(Diagnosis d) throws IOException {
    StringWriter out = new StringWriter();
    new TargetReportRenderer(TARGET, false, true).render(d, out);
    return out.toString();
  }

  private static CheckResult result(String id, CheckResult r) {
    return r.withId(id).withHop(Hop.API);
  }

  private static Diagnosis diagnose(CheckResult... results) {
    return new Diagnoser(KnownIssueCatalog.standard())
        .diagnose(SampleDiagnoses.STARTED_AT, 12, Profile.Vantage.CLIENT, List.of(results));
  }
}
