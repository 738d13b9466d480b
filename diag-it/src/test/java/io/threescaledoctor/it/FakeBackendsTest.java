package io.threescaledoctor.it;

import static io.threescaledoctor.it.ApisonatorKit.SERVICE;
import static io.threescaledoctor.it.ApisonatorKit.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.cli.demo.DemoFault;
import io.threescaledoctor.cli.demo.DemoWorld;
import io.threescaledoctor.it.FakeThreescaleBackend.Verdict;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fake 3scale backends, the tests' and the demo's, answer the calls they play as the real
 * backend (apisonator 3.4.3) answers them: the same status, content type, 3scale headers and XML
 * bytes, but for what belongs to the fixtures (plan, limits, usage, dates).
 */
@ExtendWith(RealBackend.class)
class FakeBackendsTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String OPTIONS = "rejection_reason_header=1&limit_headers=1";
  private static ApisonatorKit kit;

  @BeforeAll
  static void backend(ApisonatorKit started) {
    kit = started;
  }

  /** Status, content type, the names (and the rejection reason) of 3scale's headers, the body. */
  private static String answer(URI base, String pathAndQuery)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("3scale-options", OPTIONS)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    TreeMap<String, String> threescale = new TreeMap<>();
    r.headers()
        .map()
        .forEach(
            (name, values) -> {
              String n = name.toLowerCase(Locale.ROOT);
              if (n.startsWith("3scale-")) {
                threescale.put(n, n.equals("3scale-rejection-reason") ? values.get(0) : "*");
              }
            });
    return r.statusCode()
        + " "
        + r.headers().firstValue("Content-Type").orElse("(no content type)")
        + " "
        + threescale
        + "\n"
        + fixturesOut(r.body());
  }

  /** The body without what the fixtures decide: dates, limits, usage, plan, period. */
  private static String fixturesOut(String body) {
    return body.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}", "DATE")
        .replaceAll("<(max_value|current_value)>\\d+</", "<$1>N</")
        .replaceAll("<plan>[^<]*</plan>", "<plan>PLAN</plan>")
        .replaceAll("period=\"[a-z]+\"", "period=\"PERIOD\"");
  }

  private static String authorize(String token, String userKey) {
    return "/transactions/authorize.xml?service_token="
        + token
        + "&service_id="
        + SERVICE
        + "&user_key="
        + userKey
        + "&usage%5Bhits%5D=1";
  }

  /** The calls both fakes play for a service whose application has the key uk-active. */
  private static final List<String> CALLS =
      List.of(
          authorize(token(SERVICE), "uk-active"),
          authorize(token(SERVICE), "uk-nobody"),
          authorize(token(SERVICE), ""),
          authorize("st-not-the-token", "uk-active"),
          "/status",
          "/no/such/path");

  private static void assertSameAnswers(URI fake, List<String> calls)
      throws IOException, InterruptedException {
    for (String call : calls) {
      assertThat(answer(fake, call)).as(call).isEqualTo(answer(kit.url(), call));
    }
  }

  @Test
  void theTestBackendAnswersAsTheRealOne() throws Exception {
    try (FakeThreescaleBackend fake =
        new FakeThreescaleBackend(SERVICE, token(SERVICE), "uk-active", Verdict.AUTHORIZED)) {
      assertSameAnswers(URI.create(fake.url()), CALLS);
    }
  }

  @Test
  void theDemosBackendAnswersAsTheRealOne() throws Exception {
    try (DemoWorld demo = demo(DemoFault.NONE, "uk-active")) {
      assertSameAnswers(
          demo.backendUrl(),
          concat(
              CALLS,
              "/transactions/authorize.xml?service_id=" + SERVICE + "&user_key=uk-active",
              "/transactions/authorize.xml?service_token=" + token(SERVICE) + "&user_key=uk-a"));
    }
  }

  @Test
  void bothRefuseAnApplicationOverItsLimitAsTheRealOne() throws Exception {
    BackendCalls calls = new BackendCalls(kit);
    BackendCalls.awaitRoomInTheMinute();
    calls.bringLimitedAppToItsLimit();
    String overTheLimit = authorize(token(SERVICE), BackendCalls.LIMITED_KEY);
    try (FakeThreescaleBackend fake =
            new FakeThreescaleBackend(
                SERVICE, token(SERVICE), BackendCalls.LIMITED_KEY, Verdict.LIMITS_EXCEEDED);
        DemoWorld demo = demo(DemoFault.LIMITS, BackendCalls.LIMITED_KEY)) {
      assertSameAnswers(URI.create(fake.url()), List.of(overTheLimit));
      assertSameAnswers(demo.backendUrl(), List.of(overTheLimit));
    }
  }

  @Test
  void theDemosSuspendedApplicationIsRefusedAsTheRealOne() throws Exception {
    try (DemoWorld demo = demo(DemoFault.APP_SUSPENDED, "uk-suspended")) {
      assertSameAnswers(demo.backendUrl(), List.of(authorize(token(SERVICE), "uk-suspended")));
    }
  }

  private static DemoWorld demo(DemoFault fault, String userKey) throws IOException {
    return DemoWorld.start(
        fault,
        new DemoWorld.Settings(
            SERVICE,
            token(SERVICE),
            userKey,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1)),
        Clock.systemUTC());
  }

  private static List<String> concat(List<String> calls, String... more) {
    return java.util.stream.Stream.concat(calls.stream(), java.util.Arrays.stream(more)).toList();
  }
}
