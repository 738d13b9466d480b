package io.threescaledoctor.core.report;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Dependency;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.check.Tested;
import io.threescaledoctor.core.diagnosis.Diagnoser;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.time.Instant;
import java.util.List;

/**
 * Diagnoses built by hand with fixed instants and durations, so every renderer's output is
 * deterministic and can be compared with a golden file. Shared with other modules' tests through
 * the test jar.
 */
public final class SampleDiagnoses {
  public static final Instant STARTED_AT = Instant.parse("2026-11-27T12:00:00.123Z");

  private SampleDiagnoses() {}

  /**
   * 3scale's backend refuses connections: every status appears once at least, the client's request
   * carries per-phase timings, and two hops are not tested.
   */
  public static Diagnosis backendDown() {
    List<CheckResult> results =
        List.of(
            result(
                "api.tcp.connect",
                Hop.API,
                2,
                CheckResult.pass("10.0.0.5:8080 accepted the connection")
                    .withEvidence("address", "10.0.0.5:8080")
                    .withEvidence(Timing.CONNECT, 1)
                    .withReproduce("nc -vz 10.0.0.5 8080")),
            result(
                "api.http.request",
                Hop.API,
                15,
                CheckResult.pass("GET /hello answered 200 OK")
                    .withEvidence("status", "200")
                    .withEvidence(Timing.CONNECT, 1)
                    .withEvidence(Timing.FIRST_BYTE, 11)
                    .withEvidence(Timing.TOTAL, 14)
                    .withReproduce("curl -sv 'http://10.0.0.5:8080/hello'")),
            result(
                "gateway.errorlog",
                Hop.GATEWAY,
                0,
                CheckResult.skip("needs gateway.errorLog, which the profile does not set")
                    .withEvidence("missingInput", "gateway.errorLog")),
            result(
                "backend.dns.resolve",
                Hop.THREESCALE,
                4,
                CheckResult.pass("backend.example.com resolves to 127.0.0.1")
                    .withEvidence("addresses", "127.0.0.1")
                    .withEvidence(Timing.DNS, 3)),
            result(
                "backend.tcp.connect",
                Hop.THREESCALE,
                1,
                CheckResult.fail(
                        "backend.example.com:3001 refused the connection (nothing listening)")
                    .withCause("backend-unreachable")
                    .withEvidence("address", "127.0.0.1:3001")
                    .withEvidence("error", "Connection refused")
                    .withEvidence(Timing.CONNECT, 1)
                    .withRemedy("Check that the backend listener is running and reachable.")
                    .withReference("4.3.4")
                    .withReproduce("nc -vz backend.example.com 3001")),
            result(
                "threescale.authorize",
                Hop.THREESCALE,
                0,
                CheckResult.skip("blocked by backend.tcp.connect (FAIL)")
                    .withEvidence("blockedBy", "backend.tcp.connect")),
            result(
                "admin.http.request",
                Hop.THREESCALE,
                7,
                CheckResult.error("the check could not run: IllegalArgumentException: bad remote")
                    .withEvidence("exception", "java.lang.IllegalArgumentException")),
            result(
                "gateway.tls.handshake",
                Hop.CLIENT_GATEWAY,
                21,
                CheckResult.warn("certificate of api.example.com expires in 12 days")
                    .withEvidence("notAfter", "2026-12-09T00:00:00Z")
                    .withEvidence("subject", "CN=api.example.com")
                    .withEvidence(Timing.CONNECT, 2)
                    .withEvidence(Timing.TLS, 18)
                    .withEvidence(Timing.TOTAL, 20)
                    .withRemedy("Renew the certificate before it expires.")
                    .withReproduce(
                        "openssl s_client -connect api.example.com:443"
                            + " -servername api.example.com")),
            result(
                "client.request",
                Hop.CLIENT,
                62,
                CheckResult.fail(
                        "GET /hello through the gateway answered 500 Internal Server Error")
                    .withEvidence("status", "500")
                    .withEvidence("body", "<html>\n<h1>500</h1>\n</html>")
                    .withEvidence(Timing.DNS, 3)
                    .withEvidence(Timing.CONNECT, 4)
                    .withEvidence(Timing.TLS, 18)
                    .withEvidence(Timing.FIRST_BYTE, 30)
                    .withEvidence(Timing.TOTAL, 60)
                    .withReproduce("curl -sv 'https://api.example.com/hello?user_key=****a1b2'")));
    return diagnose(results);
  }

  /** Every hop answers, one check each, with a log-based gateway check. */
  public static Diagnosis healthy() {
    List<CheckResult> results =
        List.of(
            result(
                "api.http.request",
                Hop.API,
                9,
                CheckResult.pass("GET /hello answered 200 OK").withEvidence("status", "200")),
            result(
                "gateway.errorlog",
                Hop.GATEWAY_API,
                3,
                CheckResult.pass("no upstream errors in the last 500 lines")
                    .withTested(Tested.LOGS)),
            result(
                "gateway.process", Hop.GATEWAY, 1, CheckResult.pass("nginx master and 2 workers")),
            result(
                "threescale.authorize",
                Hop.THREESCALE,
                40,
                CheckResult.pass("3scale authorized the application (200, plan Basic)")
                    .withEvidence("plan", "Basic")),
            result(
                "gateway.tcp.connect",
                Hop.CLIENT_GATEWAY,
                2,
                CheckResult.pass("api.example.com:443 accepted the connection")),
            result(
                "client.request",
                Hop.CLIENT,
                30,
                CheckResult.pass("GET /hello through the gateway answered 200 OK")
                    .withEvidence(Timing.CONNECT, 2)
                    .withEvidence(Timing.FIRST_BYTE, 25)
                    .withEvidence(Timing.TOTAL, 28)));
    return diagnose(results);
  }

  /**
   * The chain works, but the application's own session store (a dependency beside the api hop)
   * refuses connections; a second dependency passes.
   */
  public static Diagnosis sessionStoreDown() {
    Dependency store = Dependency.of("session-store", "Redis that holds the sessions");
    Dependency queue = Dependency.of("orders-queue", "the queue orders go to");
    List<CheckResult> results =
        List.of(
            result(
                "api.tcp.connect",
                Hop.API,
                2,
                CheckResult.pass("10.0.0.5:8080 accepted the connection")
                    .withEvidence("address", "10.0.0.5:8080")),
            result(
                    "myapp.store-ping",
                    Hop.API,
                    3,
                    CheckResult.fail("10.0.0.7:6379 refused the connection")
                        .withCause("api-unreachable")
                        .withEvidence("address", "10.0.0.7:6379")
                        .withRemedy("Start the session store.")
                        .withReproduce("redis-cli -h 10.0.0.7 ping"))
                .withDependency(store),
            result(
                    "myapp.queue-ping",
                    Hop.GATEWAY,
                    1,
                    CheckResult.pass("the queue answered").withEvidence("depth", "4"))
                .withDependency(queue));
    return diagnose(results);
  }

  /**
   * The error log names two problems at once: the check's headline is the one that fails, and both
   * are findings of their own.
   */
  public static Diagnosis twoLogFindings() {
    List<CheckResult> results =
        List.of(
            result(
                "gateway.errorlog",
                Hop.GATEWAY,
                7,
                CheckResult.fail("3scale's backend refused 12 authorizations")
                    .withCause("backend-unreachable")
                    .withFinding(
                        new CheckResult.Finding(
                            Status.FAIL,
                            "backend-unreachable",
                            "12 lines: connect() to the backend refused"))
                    .withFinding(
                        new CheckResult.Finding(
                            Status.WARN, "dns-resolver-timeout", "3 lines: resolver timed out"))));
    return diagnose(results);
  }

  private static Diagnosis diagnose(List<CheckResult> results) {
    long total = results.stream().mapToLong(CheckResult::durationMillis).sum();
    return new Diagnoser(KnownIssueCatalog.standard())
        .diagnose(STARTED_AT, total, Profile.Vantage.CLIENT, results);
  }

  private static CheckResult result(String id, Hop hop, long millis, CheckResult r) {
    CheckResult stamped = r.withId(id).withHop(hop).withDurationMillis(millis);
    return stamped.reference().isPresent() ? stamped : stamped.withReference(hop.guideSection());
  }
}
