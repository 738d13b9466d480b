package io.threescaledoctor.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.DiagnosisStatus;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileLoader;
import io.threescaledoctor.core.testing.FakeCheck;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineTest {
  private final Engine engine =
      Engine.builder()
          .clock(Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC))
          .build();

  private static Profile profile(Map<String, String> overrides) throws Exception {
    return new ProfileLoader(k -> null).fromOverrides(overrides);
  }

  private Diagnosis run(Profile profile, FakeCheck... checks) {
    return engine.run(Checklist.build(CheckRegistry.of(List.of(checks)), profile), profile);
  }

  @Test
  void remediesSpeakAboutTheEndpointsOfTheProfile() throws Exception {
    FakeCheck backend =
        FakeCheck.returning(
            "threescale.authorize",
            Hop.THREESCALE,
            CheckResult.fail("refused").withCause("backend-unreachable"));

    Diagnosis d =
        run(profile(Map.of("threescale.backend", "http://backend.internal:3001")), backend);

    assertThat(d.result("threescale.authorize").orElseThrow().remedy().orElseThrow())
        .contains("backend.internal:3001 (HTTP)")
        .doesNotContain("443");
    assertThat(d.nextSteps()).anyMatch(s -> s.contains("backend.internal:3001"));
    assertThat(d.nextSteps()).noneMatch(s -> s.contains("443") || s.contains("{"));
  }

  @Test
  void skipsADependentOfAFailedCheckNamingTheBlocker() throws Exception {
    FakeCheck tcp = FakeCheck.returning("tcp.connect", Hop.API, CheckResult.fail("refused"));
    FakeCheck http =
        FakeCheck.returning("http.request", Hop.API, CheckResult.pass("200"))
            .dependingOn("tcp.connect");

    Diagnosis d = run(profile(Map.of()), tcp, http);

    assertThat(http.runs()).isZero();
    assertThat(d.result("http.request"))
        .hasValueSatisfying(
            r -> {
              assertThat(r.status()).isEqualTo(Status.SKIP);
              assertThat(r.summary()).isEqualTo("blocked by tcp.connect (FAIL)");
            });
  }

  @Test
  void runsEndpointChecksOncePerNamedEndpointAndBindsDependenciesToTheSameEndpoint()
      throws Exception {
    FakeCheck tcp =
        FakeCheck.behaving(
                "tcp.connect",
                Hop.API,
                ctx ->
                    ctx.endpoint().get() == Endpoint.API
                        ? CheckResult.fail("refused")
                        : CheckResult.pass("connected"))
            .on(Endpoint.API, Endpoint.GATEWAY, Endpoint.ADMIN);
    FakeCheck http =
        FakeCheck.returning("http.request", Hop.API, CheckResult.pass("200"))
            .on(Endpoint.API, Endpoint.GATEWAY)
            .dependingOn("tcp.connect");

    Diagnosis d =
        run(
            profile(Map.of("api.url", "http://127.0.0.1:1", "gateway.url", "http://127.0.0.1:2")),
            tcp,
            http);

    assertThat(d.results())
        .extracting(CheckResult::id)
        .containsExactly(
            "api.tcp.connect", "api.http.request", "gateway.tcp.connect", "gateway.http.request");
    assertThat(d.result("api.http.request").get().status()).isEqualTo(Status.SKIP);
    assertThat(d.result("gateway.http.request").get().status()).isEqualTo(Status.PASS);
    assertThat(d.result("gateway.tcp.connect").get().hop()).isEqualTo(Hop.CLIENT_GATEWAY);
  }

  @Test
  void runsIndependentChecksConcurrently() throws Exception {
    CountDownLatch bothStarted = new CountDownLatch(2);
    FakeCheck a = FakeCheck.behaving("a.one", Hop.API, ctx -> awaitBoth(bothStarted));
    FakeCheck b = FakeCheck.behaving("b.two", Hop.GATEWAY, ctx -> awaitBoth(bothStarted));

    Diagnosis d = run(profile(Map.of()), a, b);

    assertThat(d.results()).extracting(CheckResult::status).containsOnly(Status.PASS);
  }

  private static CheckResult awaitBoth(CountDownLatch latch) {
    latch.countDown();
    try {
      return latch.await(5, TimeUnit.SECONDS)
          ? CheckResult.pass("ran beside the other")
          : CheckResult.fail("ran alone");
    } catch (InterruptedException e) {
      return CheckResult.fail("interrupted");
    }
  }

  @Test
  void turnsAnOverrunIntoAnErrorNamingTheTimeout() throws Exception {
    FakeCheck stuck = FakeCheck.blocking("stuck.forever", Hop.API, new CountDownLatch(1));

    long start = System.nanoTime();
    Diagnosis d = run(profile(Map.of("timeouts.check", "300ms")), stuck);

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10000);
    assertThat(d.results().get(0).status()).isEqualTo(Status.ERROR);
    assertThat(d.results().get(0).summary()).contains("300ms").contains("timeouts.check");
    assertThat(d.status()).isEqualTo(DiagnosisStatus.INCONCLUSIVE);
  }

  @Test
  void stopsAtTheRunDeadline() throws Exception {
    FakeCheck stuck = FakeCheck.blocking("stuck.forever", Hop.API, new CountDownLatch(1));
    FakeCheck later =
        FakeCheck.returning("after.stuck", Hop.GATEWAY, CheckResult.pass("ok"))
            .after("stuck.forever");

    Diagnosis d =
        run(profile(Map.of("timeouts.check", "10s", "timeouts.total", "400ms")), stuck, later);

    assertThat(d.result("stuck.forever").get().status()).isEqualTo(Status.ERROR);
    assertThat(d.result("stuck.forever").get().summary()).contains("timeouts.total");
    assertThat(d.result("after.stuck").get().status()).isEqualTo(Status.SKIP);
  }

  @Test
  void turnsAnExceptionIntoAnErrorNotAFail() throws Exception {
    FakeCheck broken =
        FakeCheck.behaving(
            "broken.check",
            Hop.API,
            ctx -> {
              throw new IllegalStateException("parser bug");
            });

    Diagnosis d = run(profile(Map.of()), broken);

    assertThat(d.results().get(0).status()).isEqualTo(Status.ERROR);
    assertThat(d.results().get(0).summary()).contains("IllegalStateException: parser bug");
  }

  @Test
  void cancellationEndsTheRunPromptly() throws Exception {
    FakeCheck stuck = FakeCheck.blocking("stuck.forever", Hop.API, new CountDownLatch(1));
    Cancellation cancellation = new Cancellation();
    Profile p = profile(Map.of("timeouts.check", "30s", "timeouts.total", "30s"));
    new Thread(
            () -> {
              sleep(200);
              cancellation.cancel();
            })
        .start();

    long start = System.nanoTime();
    Diagnosis d = engine.run(Checklist.build(CheckRegistry.of(List.of(stuck)), p), p, cancellation);

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
    assertThat(d.results().get(0).status()).isEqualTo(Status.SKIP);
    assertThat(d.status()).isEqualTo(DiagnosisStatus.INCONCLUSIVE);
    assertThat(d.explanation()).startsWith("The run was cancelled");
  }

  @Test
  void masksEveryProfileSecretInResults() throws Exception {
    String sentinel = "SENTINEL-token-9a8b7c6d";
    FakeCheck leaky =
        FakeCheck.behaving(
            "leaky.check",
            Hop.THREESCALE,
            ctx ->
                CheckResult.fail("called with " + sentinel)
                    .withEvidence("url", "http://backend/?service_token=" + sentinel)
                    .withReproduce("curl -H 'X-3scale-debug: " + sentinel + "'"));

    Diagnosis d = run(profile(Map.of("threescale.serviceToken", sentinel)), leaky);

    assertThat(
            d.results().get(0).toString()
                + d.results().get(0).evidence()
                + d.results().get(0).reproduce())
        .doesNotContain(sentinel);
  }

  @Test
  void reportsAMissingInputAsSkipNamingTheKey() throws Exception {
    FakeCheck needsLog =
        FakeCheck.returning("gateway.errorlog", Hop.GATEWAY, CheckResult.pass("read"))
            .needing("gateway.errorLog");

    Diagnosis d = run(profile(Map.of()), needsLog);

    assertThat(needsLog.runs()).isZero();
    assertThat(d.results().get(0).summary())
        .isEqualTo("needs gateway.errorLog, which the profile does not set");
    assertThat(d.status()).isEqualTo(DiagnosisStatus.INCONCLUSIVE);
  }

  @Test
  void ordersResultsByHopWhateverOrderTheyFinishIn() throws Exception {
    List<String> finishOrder = Collections.synchronizedList(new ArrayList<>());
    FakeCheck slowApi =
        FakeCheck.behaving(
            "api.slow",
            Hop.API,
            ctx -> {
              sleep(150);
              finishOrder.add("api.slow");
              return CheckResult.pass("ok");
            });
    FakeCheck fastClient =
        FakeCheck.behaving(
            "client.fast",
            Hop.CLIENT,
            ctx -> {
              finishOrder.add("client.fast");
              return CheckResult.pass("ok");
            });

    Diagnosis d = run(profile(Map.of()), fastClient, slowApi);

    assertThat(finishOrder).containsExactly("client.fast", "api.slow");
    assertThat(d.results()).extracting(CheckResult::id).containsExactly("api.slow", "client.fast");
  }

  @Test
  void onlyPullsInPrerequisites() throws Exception {
    FakeCheck tcp = FakeCheck.returning("tcp.connect", Hop.API, CheckResult.pass("ok"));
    FakeCheck http =
        FakeCheck.returning("http.request", Hop.API, CheckResult.pass("ok"))
            .dependingOn("tcp.connect");
    FakeCheck other = FakeCheck.returning("other.check", Hop.CLIENT, CheckResult.pass("ok"));

    Checklist list =
        Checklist.build(
            CheckRegistry.of(List.of(tcp, http, other)),
            profile(Map.of()),
            Set.of("http.request"),
            Set.of());

    assertThat(list.planned())
        .extracting(PlannedCheck::id)
        .containsExactly("tcp.connect", "http.request");
  }

  @Test
  void aCheckRunAfterOneThatTimedOutOnTheSamePeerIsSkippedInsteadOfWaitingAgain() throws Exception {
    FakeCheck silent =
        FakeCheck.returning(
                "http.request",
                Hop.API,
                CheckResult.fail("no answer within 5s").withTimedOut("timeouts.read"))
            .on(Endpoint.API, Endpoint.GATEWAY);
    FakeCheck sameEndpoint =
        FakeCheck.returning("tls.protocols", Hop.API, CheckResult.pass("ran"))
            .on(Endpoint.API)
            .after("http.request");
    FakeCheck namedPeer =
        FakeCheck.returning("client.request", Hop.CLIENT, CheckResult.pass("ran"))
            .after("gateway.http.request");
    FakeCheck unrelated =
        FakeCheck.returning("client.other", Hop.CLIENT, CheckResult.pass("ran"))
            .after("http.request");

    Diagnosis d =
        run(
            profile(Map.of("api.url", "http://api.test", "gateway.url", "http://gw.test")),
            silent,
            sameEndpoint,
            namedPeer,
            unrelated);

    assertThat(d.result("api.tls.protocols").orElseThrow().summary())
        .startsWith("blocked by api.http.request (FAIL: timed out, timeouts.read)");
    assertThat(d.result("client.request").orElseThrow().summary())
        .startsWith("blocked by gateway.http.request (FAIL: timed out, timeouts.read)");
    assertThat(sameEndpoint.runs()).isZero();
    assertThat(namedPeer.runs()).isZero();
    assertThat(unrelated.runs()).as("not the same peer: it still runs").isOne();
  }

  @Test
  void infersTheVantageFromTheProfileAndPlansTheChecksForIt() throws Exception {
    Check onGateway =
        new Check() {
          @Override
          public String id() {
            return "gateway.only";
          }

          @Override
          public Hop hop() {
            return Hop.GATEWAY;
          }

          @Override
          public String description() {
            return "runs only on the gateway host";
          }

          @Override
          public Optional<String> missingInput(Profile p) {
            return p.vantage() == Profile.Vantage.GATEWAY
                ? Optional.empty()
                : Optional.of("vantage");
          }

          @Override
          public CheckResult run(CheckContext context) {
            return CheckResult.pass("on " + context.profile().vantage().id());
          }
        };
    Profile local = profile(Map.of("gateway.url", "http://127.0.0.1:8080"));

    Diagnosis d = engine.run(Checklist.build(CheckRegistry.of(List.of(onGateway)), local), local);

    assertThat(d.vantage()).isEqualTo(Profile.Vantage.GATEWAY);
    assertThat(d.vantageInferredFrom()).contains("127.0.0.1 is an address of this host");
    assertThat(d.result("gateway.only").orElseThrow().summary()).isEqualTo("on gateway");

    Profile stated = profile(Map.of("gateway.url", "http://127.0.0.1:8080", "vantage", "client"));
    Diagnosis client =
        engine.run(Checklist.build(CheckRegistry.of(List.of(onGateway)), stated), stated);
    assertThat(client.vantageInferredFrom()).isNull();
    assertThat(client.result("gateway.only").orElseThrow().status()).isEqualTo(Status.SKIP);
  }

  @Test
  void aVeryShortSecretIsReportedAsWeakOnce() throws Exception {
    FakeCheck check = FakeCheck.returning("a.check", Hop.API, CheckResult.pass("ok"));

    Diagnosis d = run(profile(Map.of("credentials.userKey", "k")), check);

    assertThat(d.nextSteps())
        .filteredOn(s -> s.startsWith("credentials.userKey is shorter than 8 characters"))
        .hasSize(1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
