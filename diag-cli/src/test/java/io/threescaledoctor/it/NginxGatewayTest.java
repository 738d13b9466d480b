package io.threescaledoctor.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.testing.FreePorts;
import io.threescaledoctor.core.testing.NginxGateway;
import io.threescaledoctor.core.testing.NginxGateway.CredentialsFrom;
import io.threescaledoctor.core.testing.NginxGateway.Setup;
import io.threescaledoctor.it.FakeThreescaleBackend.Verdict;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture itself: the real nginx it starts must fail the way the guide's gateway fails, or a
 * scenario that blames the doctor would be blaming the fixture.
 */
class NginxGatewayTest {
  private static final String KEY = "uk-fixture-1234";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;

  private FakeThreescaleBackend backend;

  /** Held bound without listening for the whole test, so it keeps refusing (see FreePorts). */
  private FreePorts.RefusingPort refusing;

  private final MockWebServer api = new MockWebServer();
  private NginxGateway gateway;

  @BeforeEach
  void startApi() throws IOException {
    api.enqueue(new MockResponse.Builder().code(200).body("from the API").build());
    api.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    if (refusing != null) {
      refusing.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (backend != null) {
      backend.close();
    }
    api.close();
  }

  @Test
  void authorizedCallReachesTheApi() throws Exception {
    start(Verdict.AUTHORIZED, Setup.of(api(), null, "7", "st"));

    HttpResponse<String> r = get("/hello?user_key=" + KEY, null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("from the API");
    assertThat(backend.requestLines()).containsExactly("GET /transactions/authorize.xml");
    assertThat(api.takeRequest().getTarget()).isEqualTo("/hello?user_key=" + KEY);
  }

  @Test
  void invalidKeyIsA403FromTheGateway() throws Exception {
    start(Verdict.USER_KEY_INVALID, Setup.of(api(), null, "7", "st"));

    assertThat(get("/hello?user_key=" + KEY, null).statusCode()).isEqualTo(403);
    assertThat(api.getRequestCount()).isZero();
  }

  @Test
  void limitsExceededBecomesA500WithUnexpectedStatusInTheLog() throws Exception {
    start(Verdict.LIMITS_EXCEEDED, Setup.of(api(), null, "7", "st"));

    assertThat(get("/hello?user_key=" + KEY, null).statusCode()).isEqualTo(500);
    assertThat(errorLog()).contains("auth request unexpected status: 409");
  }

  @Test
  void backendDownBecomesA500WithTheSubrequestInTheLog() throws Exception {
    refusing = FreePorts.refusing();
    String closed = refusing.address();
    gateway = NginxGateway.start(dir, Setup.of(api(), closed, "7", "st"));

    assertThat(get("/hello?user_key=" + KEY, null).statusCode()).isEqualTo(500);
    assertThat(errorLog())
        .contains("connect() failed (111: Connection refused) while connecting to upstream")
        .contains("subrequest: \"/threescale_authorize\"")
        .contains("upstream: \"http://" + closed + "/transactions/authorize.xml?")
        .contains("auth request unexpected status: 502");
  }

  @Test
  void apiRefusingIsA502WithConnectFailedInTheLog() throws Exception {
    refusing = FreePorts.refusing();
    String closed = refusing.address();
    start(Verdict.AUTHORIZED, Setup.of(closed, null, "7", "st"));

    assertThat(get("/hello?user_key=" + KEY, null).statusCode()).isEqualTo(502);
    assertThat(errorLog())
        .contains("connect() failed (111: Connection refused) while connecting to upstream")
        .contains("upstream: \"http://" + closed + "/hello?user_key=");
  }

  @Test
  void silentApiIsA504AfterTheProxyReadTimeout() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      start(
          Verdict.AUTHORIZED,
          Setup.of(silent.hostPort(), null, "7", "st").withProxyReadTimeout(Duration.ofSeconds(1)));

      long started = System.nanoTime();
      assertThat(get("/hello?user_key=" + KEY, null).statusCode()).isEqualTo(504);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      assertThat(errorLog())
          .contains(
              "upstream timed out (110: Connection timed out) while reading response header"
                  + " from upstream");
    }
  }

  @Test
  void variableHostWithoutResolverIsA502WithNoResolverInTheLog() throws Exception {
    start(
        Verdict.AUTHORIZED,
        Setup.of("localhost:" + api.getPort(), null, "7", "st").withApiHostInVariable());

    assertThat(get("/hello?user_key=" + KEY, null).statusCode()).isEqualTo(502);
    assertThat(errorLog()).contains("no resolver defined to resolve localhost");
    assertThat(Files.readString(gateway.nginxConf())).doesNotContain("resolver");
  }

  @Test
  void headerWithUnderscoresIsDroppedByDefault() throws Exception {
    start(
        Verdict.AUTHORIZED,
        Setup.of(api(), null, "7", "st")
            .withCredentialsFrom(CredentialsFrom.HEADER)
            .withErrorLogLevel("info"));

    // 3scale is asked about an empty key, which it does not find (404): nginx answers 500.
    assertThat(get("/hello", KEY).statusCode()).isEqualTo(500);
    assertThat(errorLog()).contains("client sent invalid header line: \"user_key: ");
    assertThat(errorLog()).contains("auth request unexpected status: 404");
    assertThat(Files.readString(gateway.nginxConf())).doesNotContain("underscores_in_headers");
  }

  @Test
  void headerWithUnderscoresPassesWhenNginxAcceptsThem() throws Exception {
    start(
        Verdict.AUTHORIZED,
        Setup.of(api(), null, "7", "st")
            .withCredentialsFrom(CredentialsFrom.HEADER)
            .withUnderscoresInHeaders(true));

    assertThat(get("/hello", KEY).statusCode()).isEqualTo(200);
  }

  @Test
  void closeStopsMasterAndWorkers() throws Exception {
    start(Verdict.AUTHORIZED, Setup.of(api(), null, "7", "st"));
    var processes = ProcessHandle.of(gateway.pid()).orElseThrow().descendants().toList();
    assertThat(processes).as("nginx runs a worker beside its master").isNotEmpty();

    gateway.close();

    assertThat(ProcessHandle.of(gateway.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(processes).noneMatch(ProcessHandle::isAlive);
  }

  private String api() {
    return "127.0.0.1:" + api.getPort();
  }

  /** Starts the backend with {@code verdict} and nginx with {@code setup} pointing at it. */
  private void start(Verdict verdict, Setup setup) throws Exception {
    backend = new FakeThreescaleBackend("7", "st", KEY, verdict);
    gateway = NginxGateway.start(dir, setup.withBackendUpstream(backend.hostPort()));
  }

  private HttpResponse<String> get(String pathAndQuery, String keyInHeader)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(gateway.url() + pathAndQuery))
            .timeout(Duration.ofSeconds(5));
    if (keyInHeader != null) {
      b.header("user_key", keyInHeader);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String errorLog() throws IOException {
    return Files.readString(gateway.errorLog());
  }
}
