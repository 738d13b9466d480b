package io.threescaledoctor.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.fleet.FleetProfile;
import io.threescaledoctor.core.fleet.ProfileSource;
import io.threescaledoctor.core.fleet.Scheduler;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.report.ToolInfo;
import io.threescaledoctor.core.testing.FakeCheck;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DoctorMetricsTest {
  static final String SENTINEL = "SENTINEL-service-token-0c0ffee";

  private final List<FleetProfile> profiles = new CopyOnWriteArrayList<>();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private Scheduler scheduler;

  @AfterEach
  void stop() {
    if (scheduler != null) {
      scheduler.close();
    }
  }

  /** A setup whose API answers, whose 3scale backend refuses, with a certificate and usage. */
  static Doctor shop() throws ProfileException {
    return Doctor.builder()
        .useRegisteredChecks(false)
        .profileYaml("threescale:\n  serviceToken: " + SENTINEL + "\n")
        .addCheck(FakeCheck.returning("api.http", Hop.API, CheckResult.pass("answered 200")))
        .addCheck(
            FakeCheck.returning(
                "gateway.tls.certificate",
                Hop.CLIENT_GATEWAY,
                CheckResult.pass("trusted")
                    .withEvidence("cert[0].notAfter", "2030-01-02T03:04:05Z")
                    .withEvidence("cert[1].notAfter", "2029-06-01T00:00:00Z")))
        .addCheck(
            FakeCheck.returning(
                "backend.threescale.authorize",
                Hop.THREESCALE,
                CheckResult.fail("refused, token " + SENTINEL)
                    .withCause("backend-unreachable")
                    .withEvidence("usage.hits.day", "85/100 (85%)")
                    .withEvidence("usage.hits.month", "900/1000 (90%), period ends x")))
        .addCheck(
            FakeCheck.returning(
                "gateway.errorlog",
                Hop.GATEWAY,
                CheckResult.warn("odd").withCause("a-cause-no-catalog-knows")))
        .build();
  }

  private Scheduler start(List<FleetProfile> initial) {
    profiles.addAll(initial);
    scheduler = Scheduler.builder().source(() -> List.copyOf(profiles)).scheduled(false).build();
    DoctorMetrics.register(scheduler, registry);
    return scheduler.start();
  }

  static String scrape(PrometheusRegistry registry) {
    return PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
  }

  @Test
  void exportsEachProfilesHopsChecksAndVerdictOnTheApplicationsRegistry() throws Exception {
    start(List.of(FleetProfile.of("shop", shop())));
    scheduler.runNow("shop", List.of(), Duration.ofSeconds(5));

    String text = scrape(registry);

    assertThat(text)
        .contains("threescale_doctor_hop_up{hop=\"api\",profile=\"shop\"} 1.0")
        .contains("threescale_doctor_hop_up{hop=\"3scale\",profile=\"shop\"} 0.0")
        .contains("threescale_doctor_hop_up{hop=\"gateway\",profile=\"shop\"} 1.0")
        .doesNotContain("threescale_doctor_hop_up{hop=\"client\"")
        .contains(
            "threescale_doctor_check_status{check=\"backend.threescale.authorize\",hop=\"3scale\","
                + "profile=\"shop\",status=\"FAIL\"} 1.0")
        .contains(
            "threescale_doctor_check_cause_info{cause=\"backend-unreachable\","
                + "check=\"backend.threescale.authorize\",hop=\"3scale\",profile=\"shop\"} 1")
        .as("the engine moves a cause no catalog defines to evidence: never a label")
        .doesNotContain("a-cause-no-catalog-knows")
        .doesNotContain("check_cause_info{cause=\"\",check=\"gateway.errorlog\"")
        .contains(
            "threescale_doctor_diagnosis_info{cause=\"backend-unreachable\",hop=\"3scale\","
                + "profile=\"shop\",status=\"FAILING\"} 1")
        .contains(
            "threescale_doctor_tls_certificate_expiry_timestamp_seconds{"
                + "check=\"gateway.tls.certificate\",profile=\"shop\"} 1.8749664E9")
        .contains(
            "threescale_doctor_limit_usage_ratio{check=\"backend.threescale.authorize\","
                + "profile=\"shop\"} 0.9")
        .contains("threescale_doctor_check_duration_seconds{check=\"api.http\",profile=\"shop\"}")
        .contains("threescale_doctor_last_run_timestamp_seconds{profile=\"shop\"}")
        .contains("threescale_doctor_profile_valid{profile=\"shop\"} 1.0")
        .contains("threescale_doctor_runs_total{profile=\"shop\"} 1.0")
        .contains("threescale_doctor_run_duration_seconds_count{trigger=\"probe\"} 1")
        .contains("threescale_doctor_build_info{version=\"" + ToolInfo.version() + "\"} 1")
        .contains("threescale_doctor_config_last_reload_successful 1.0")
        .contains("threescale_doctor_schedule_interval_seconds 0.0")
        .doesNotContain(SENTINEL);
  }

  @Test
  void aHealthyVerdictHasEmptyHopAndCause() throws Exception {
    Doctor ok =
        Doctor.builder()
            .useRegisteredChecks(false)
            .addCheck(FakeCheck.returning("api.http", Hop.API, CheckResult.pass("answered")))
            .build();
    start(List.of(FleetProfile.of("ok", ok)));
    scheduler.runNow("ok", List.of(), Duration.ofSeconds(5));

    assertThat(scrape(registry))
        .contains(
            "threescale_doctor_diagnosis_info{cause=\"\",hop=\"\",profile=\"ok\","
                + "status=\"HEALTHY\"} 1");
  }

  @Test
  void eachScrapeShowsTheLatestRun() throws Exception {
    AtomicReference<CheckResult> api = new AtomicReference<>(CheckResult.pass("answered"));
    Doctor changing =
        Doctor.builder()
            .useRegisteredChecks(false)
            .addCheck(FakeCheck.behaving("api.http", Hop.API, ctx -> api.get()))
            .build();
    start(List.of(FleetProfile.of("shop", changing)));
    scheduler.runNow("shop", List.of(), Duration.ofSeconds(5));
    assertThat(scrape(registry)).contains("hop_up{hop=\"api\",profile=\"shop\"} 1.0");
    assertThat(scrape(registry)).contains("hop_up{hop=\"api\",profile=\"shop\"} 1.0");

    api.set(CheckResult.fail("refused").withCause("api-unreachable"));
    scheduler.runNow("shop", List.of(), Duration.ofSeconds(5));

    assertThat(scrape(registry))
        .contains("hop_up{hop=\"api\",profile=\"shop\"} 0.0")
        .contains("cause=\"api-unreachable\",hop=\"api\",profile=\"shop\",status=\"FAILING\"");
  }

  @Test
  void aBrokenProfileIsZeroValidWhileTheOthersExport() throws Exception {
    start(
        List.of(
            FleetProfile.of("shop", shop()),
            FleetProfile.broken("typo", "typo.yaml", "typo.yaml: line 1: unknown key", "v1")));
    scheduler.runNow("shop", List.of(), Duration.ofSeconds(5));

    String text = scrape(registry);
    assertThat(text)
        .contains("threescale_doctor_profile_valid{profile=\"typo\"} 0.0")
        .contains("threescale_doctor_config_last_reload_successful 0.0")
        .doesNotContain("threescale_doctor_config_last_reload_success_timestamp_seconds ")
        .doesNotContain("hop_up{hop=\"api\",profile=\"typo\"}")
        .contains("threescale_doctor_hop_up{hop=\"api\",profile=\"shop\"} 1.0");
  }

  @Test
  void aRemovedProfileTakesItsSeriesWithIt() throws Exception {
    start(List.of(FleetProfile.of("shop", shop())));
    scheduler.runNow("shop", List.of(), Duration.ofSeconds(5));
    assertThat(scrape(registry)).contains("profile=\"shop\"");

    profiles.clear();
    scheduler.reload();

    assertThat(scrape(registry)).doesNotContain("profile=\"shop\"");
  }

  @Test
  void scheduledRunsFeedTheLagHistogram() throws Exception {
    profiles.add(FleetProfile.of("shop", shop()));
    scheduler =
        Scheduler.builder()
            .source(ProfileSource.of(java.util.Map.of("shop", shop())))
            .interval(Duration.ofMillis(20))
            .build();
    DoctorMetrics.register(scheduler, registry);
    scheduler.start();
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (scheduler.profile("shop").orElseThrow().runs() < 2 && System.nanoTime() < end) {
      Thread.sleep(10);
    }

    assertThat(scrape(registry))
        .containsPattern("threescale_doctor_schedule_lag_seconds_count [2-9]")
        .containsPattern(
            "threescale_doctor_run_duration_seconds_count\\{trigger=\"schedule\"} [2-9]")
        .contains("threescale_doctor_schedule_interval_seconds 0.02");
  }

  @Test
  void registeringTwiceOnOneRegistryIsRefused() throws Exception {
    start(List.of());
    assertThatThrownBy(() -> DoctorMetrics.register(scheduler, registry))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyExposedNameIsListedForDashboardsToCheck() throws Exception {
    start(List.of(FleetProfile.of("shop", shop())));
    scheduler.runNow("shop", List.of(), Duration.ofSeconds(5));
    String text = scrape(registry);
    List<String> sampleNames =
        text.lines()
            .filter(l -> l.startsWith("threescale_doctor_"))
            .map(l -> l.replaceAll("[{ ].*", ""))
            .distinct()
            .toList();
    assertThat(DoctorMetrics.exposedNames()).containsAll(sampleNames);
  }
}
