package io.threescaledoctor.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.dns.Dnsmasq;
import io.threescaledoctor.checks.tcp.TunnelProxy;
import io.threescaledoctor.checks.tls.HostilePeer;
import io.threescaledoctor.checks.tls.OpenSslServer;
import io.threescaledoctor.checks.tls.TestPki;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.testing.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpProbeTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getPort() + path);
  }

  @Test
  void readsAResponseHeadAsLargeAsCurlReads() {
    // 20 KB in one header line and 150 header lines: past HttpCore's defaults (8 KiB, 100 lines),
    // within what curl reads; nginx's proxy buffers refuse such an answer, the API still gave it.
    MockResponse.Builder big =
        new MockResponse.Builder().addHeader("X-Big", "a".repeat(20_000)).body("ok");
    for (int i = 0; i < 150; i++) {
      big.addHeader("X-Line-" + i, "v");
    }
    server.enqueue(big.build());

    HttpExchange x = HttpProbe.from(FakeCheckContext.of()).send(HttpProbe.Request.get(url("/")));

    assertThat(x.ok()).as(x.toString()).isTrue();
    assertThat(x.status()).isEqualTo(200);
    assertThat(x.header("x-big").orElseThrow()).hasSize(20_000);
  }

  @Test
  void recordsStatusHeadersBodyAndTimings() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .status("HTTP/1.1 201 Created")
            .addHeader("X-Trace", "abc")
            .body("hello")
            .build());

    HttpExchange x =
        HttpProbe.from(FakeCheckContext.of())
            .send(
                new HttpProbe.Request(
                    "POST", url("/things"), Map.of("Accept", "text/plain"), "payload"));

    assertThat(x.ok()).isTrue();
    assertThat(x.status()).isEqualTo(201);
    assertThat(x.statusLine()).isEqualTo("HTTP 201 Created");
    assertThat(x.header("x-trace")).contains("abc");
    assertThat(x.bodyExcerpt()).isEqualTo("hello");
    assertThat(x.bodyBytes()).isEqualTo(5);
    assertThat(x.timings().toEvidence())
        .containsKeys("connectMillis", "firstByteMillis", "totalMillis")
        .doesNotContainKeys("dnsMillis", "tlsMillis");
    RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getHeaders().get("Accept")).isEqualTo("text/plain");
    assertThat(r.getHeaders().get("Accept-Encoding")).as("no compression asked for").isNull();
    assertThat(r.getBody().utf8()).isEqualTo("payload");
  }

  @Test
  void measuresTheServersThinkTimeAsFirstByte() {
    server.enqueue(
        new MockResponse.Builder().headersDelay(300, TimeUnit.MILLISECONDS).body("slow").build());

    HttpExchange x =
        HttpProbe.from(FakeCheckContext.of("timeouts.read", "2s"))
            .send(HttpProbe.Request.get(url("/")));

    assertThat(x.timings().firstByteMillis()).isBetween(250L, 1500L);
    assertThat(x.timings().totalMillis()).isGreaterThanOrEqualTo(x.timings().firstByteMillis());
  }

  @Test
  void reportsRedirectsWithoutFollowingThem() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere").build());
    server.enqueue(new MockResponse.Builder().code(200).body("followed").build());

    HttpExchange x = HttpProbe.from(FakeCheckContext.of()).send(HttpProbe.Request.get(url("/")));

    assertThat(x.status()).isEqualTo(302);
    assertThat(x.redirectLocation()).contains("/elsewhere");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void namesTheReadTimeoutWhenNoResponseArrives() {
    server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).build());

    long start = System.nanoTime();
    HttpExchange x =
        HttpProbe.from(FakeCheckContext.of("timeouts.read", "300ms"))
            .send(HttpProbe.Request.get(url("/")));

    assertThat(x.ok()).isFalse();
    assertThat(x.status()).isEqualTo(-1);
    assertThat(x.failure().kind()).isEqualTo(Failure.Kind.READ_TIMEOUT);
    assertThat(x.failure().message()).contains("read timeout of 300ms (timeouts.read)");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
  }

  @Test
  void reportsRefusedWhenNothingListens() throws IOException {
    try (FreePorts.RefusingPort refusing = FreePorts.refusing()) {
      int port = refusing.port();
      HttpExchange x =
          HttpProbe.from(FakeCheckContext.of())
              .send(HttpProbe.Request.get(URI.create("http://127.0.0.1:" + port + "/")));

      assertThat(x.failure().kind()).isEqualTo(Failure.Kind.REFUSED);
      assertThat(x.failure().message()).contains("127.0.0.1:" + port).contains("refused");
    }
  }

  @Test
  void reportsProtocolWhenThePeerSpeaksGarbage() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread peer =
          new Thread(
              () -> {
                try (Socket c = s.accept();
                    OutputStream out = c.getOutputStream()) {
                  out.write("SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  Thread.sleep(200);
                } catch (IOException | InterruptedException ignored) {
                  // the test asserts on what the probe saw
                }
              });
      peer.start();
      HttpExchange x =
          HttpProbe.from(FakeCheckContext.of())
              .send(
                  HttpProbe.Request.get(URI.create("http://127.0.0.1:" + s.getLocalPort() + "/")));
      peer.join(2000);

      assertThat(x.failure().kind()).isEqualTo(Failure.Kind.PROTOCOL);
    }
  }

  @Test
  void aPeerThatTricklesItsResponseHeadGetsOneReadTimeoutNotOnePerByte() throws Exception {
    HttpExchange x =
        againstTrickle(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok", 0);

    assertThat(x.failure().kind()).isEqualTo(Failure.Kind.READ_TIMEOUT);
    assertThat(x.failure().message())
        .contains("answers too slowly")
        .contains("of the response head arrived within the read timeout of 300ms");
  }

  @Test
  void aPeerThatTricklesItsBodyGetsOneReadTimeoutForTheBody() throws Exception {
    String head = "HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n";
    HttpExchange x = againstTrickle(head + "y".repeat(2000), head.length());

    assertThat(x.status()).isEqualTo(200);
    assertThat(x.failure().kind()).isEqualTo(Failure.Kind.READ_TIMEOUT);
    assertThat(x.failure().message()).contains("of the response body arrived within");
  }

  /**
   * A peer that sends {@code answer} at once up to {@code atOnce} bytes, then one byte every 20 ms,
   * so that no single read waits long enough to time out.
   */
  private static HttpExchange againstTrickle(String answer, int atOnce) throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread peer =
          new Thread(
              () -> {
                try (Socket c = s.accept();
                    OutputStream out = c.getOutputStream()) {
                  byte[] bytes = answer.getBytes(StandardCharsets.US_ASCII);
                  out.write(bytes, 0, atOnce);
                  for (int i = atOnce; i < bytes.length; i++) {
                    out.write(bytes[i]);
                    out.flush();
                    Thread.sleep(20);
                  }
                } catch (IOException | InterruptedException stopped) {
                  // the probe hung up: the test asserts on what it saw
                }
              });
      peer.setDaemon(true);
      peer.start();
      HttpExchange x =
          HttpProbe.from(FakeCheckContext.of("timeouts.read", "300ms"))
              .send(
                  HttpProbe.Request.get(URI.create("http://127.0.0.1:" + s.getLocalPort() + "/")));
      peer.interrupt();
      return x;
    }
  }

  @Test
  void reportsClosedWhenThePeerClosesWithoutAnswer() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread peer =
          new Thread(
              () -> {
                try (Socket c = s.accept()) {
                  c.getInputStream().read(new byte[100]);
                } catch (IOException ignored) {
                  // the test asserts on what the probe saw
                }
              });
      peer.start();
      HttpExchange x =
          HttpProbe.from(FakeCheckContext.of())
              .send(
                  HttpProbe.Request.get(URI.create("http://127.0.0.1:" + s.getLocalPort() + "/")));
      peer.join(2000);

      assertThat(x.failure().kind()).isIn(Failure.Kind.CLOSED, Failure.Kind.RESET);
      assertThat(x.failure().message()).contains("127.0.0.1:" + s.getLocalPort());
    }
  }

  @Test
  void capsTheBodyExcerptButCountsTheBytes() {
    server.enqueue(new MockResponse.Builder().body("x".repeat(10_000)).build());

    HttpExchange x = HttpProbe.from(FakeCheckContext.of()).send(HttpProbe.Request.get(url("/")));

    assertThat(x.bodyExcerpt()).hasSize(HttpProbe.EXCERPT_BYTES);
    assertThat(x.bodyBytes()).isEqualTo(10_000);
  }

  @Test
  void resolvesPinnedNamesWithoutDns() throws Exception {
    server.enqueue(new MockResponse.Builder().body("pinned").build());

    HttpExchange x =
        HttpProbe.from(FakeCheckContext.of("network.resolve", "api.test:127.0.0.1"))
            .send(
                HttpProbe.Request.get(
                    URI.create("http://api.test:" + server.getPort() + "/hello")));

    assertThat(x.status()).isEqualTo(200);
    assertThat(x.timings().toEvidence()).containsKey("dnsMillis");
    RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(r.getHeaders().get("Host")).isEqualTo("api.test:" + server.getPort());
    assertThat(x.curl(Redactor.patternsOnly()))
        .contains("--resolve 'api.test:" + server.getPort() + ":127.0.0.1'");
  }

  @Test
  void goesThroughTheProxy() throws Exception {
    server.enqueue(new MockResponse.Builder().body("via proxy").build());

    HttpExchange x =
        HttpProbe.from(FakeCheckContext.of("network.proxy", "http://127.0.0.1:" + server.getPort()))
            .send(HttpProbe.Request.get(URI.create("http://api.invalid:8080/hello")));

    assertThat(x.status()).isEqualTo(200);
    RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(r.getTarget()).isEqualTo("http://api.invalid:8080/hello");
    assertThat(x.curl(Redactor.patternsOnly())).contains("--proxy 'http://127.0.0.1:");
  }

  @Test
  void curlMasksSecrets() {
    String sentinel = "SENTINEL-secret-0123456789";
    server.enqueue(new MockResponse.Builder().build());
    HttpExchange x =
        HttpProbe.from(FakeCheckContext.of())
            .send(
                new HttpProbe.Request(
                    "GET",
                    url("/hello?user_key=" + sentinel),
                    Map.of("X-Api-Key", sentinel),
                    null));

    String curl = x.curl(Redactor.of(List.of(Secret.of(sentinel))));

    assertThat(curl)
        .startsWith("curl -sv -X GET 'http://127.0.0.1:")
        .contains("-H 'X-Api-Key: ****6789'")
        .doesNotContain(sentinel);
  }

  @Test
  void curlReadsTheProfilesSecretsFromEnvironmentVariables() {
    String sentinel = "SENTINEL-secret-0123456789";
    server.enqueue(new MockResponse.Builder().build());
    HttpExchange x =
        HttpProbe.from(FakeCheckContext.of())
            .send(HttpProbe.Request.get(url("/hello?user_key=" + sentinel)));

    String curl = x.curl(Redactor.of(Map.of("credentials.userKey", Secret.of(sentinel))));

    assertThat(curl)
        .contains("/hello?user_key='\"$THREESCALE_USER_KEY\"''")
        .doesNotContain(sentinel);
  }

  @Test
  void verifiesTlsAgainstTheCaFileAndTimesTheHandshake(@TempDir Path dir) throws Exception {
    TestPki pki = new TestPki();
    TestPki.Issued leaf = pki.leaf("api.test");
    Path ca = TestPki.writePem(dir.resolve("ca.pem"), pki.root.certificate());
    try (OpenSslServer tls =
        OpenSslServer.start(
            TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate()),
            TestPki.writePem(dir.resolve("leaf.key"), leaf.keys().getPrivate()),
            TestPki.writePem(dir.resolve("chain.pem"), pki.intermediate.certificate()))) {
      URI uri = URI.create("https://api.test:" + tls.port() + "/");

      HttpExchange trusted =
          HttpProbe.from(
                  FakeCheckContext.of(
                      "network.resolve", "api.test:127.0.0.1", "tls.caFile", ca.toString()))
              .send(HttpProbe.Request.get(uri));
      HttpExchange untrusted =
          HttpProbe.from(FakeCheckContext.of("network.resolve", "api.test:127.0.0.1"))
              .send(HttpProbe.Request.get(uri));
      HttpExchange insecure =
          HttpProbe.from(
                  FakeCheckContext.of(
                      "network.resolve", "api.test:127.0.0.1", "tls.insecure", "true"))
              .send(HttpProbe.Request.get(uri));

      assertThat(trusted.status()).isEqualTo(200);
      assertThat(trusted.timings().toEvidence())
          .containsKeys(
              "dnsMillis", "connectMillis", "tlsMillis", "firstByteMillis", "totalMillis");
      assertThat(trusted.curl(Redactor.patternsOnly())).contains("--cacert '" + ca + "'");
      assertThat(untrusted.failure().kind()).isEqualTo(Failure.Kind.CERTIFICATE);
      assertThat(untrusted.failure().issue()).isEqualTo("tls-untrusted-issuer");
      assertThat(untrusted.failure().message()).contains("api.test:" + tls.port());
      assertThat(insecure.status()).isEqualTo(200);
      HttpExchange wrongName =
          HttpProbe.from(
                  FakeCheckContext.of(
                      "network.resolve", "other.test:127.0.0.1", "tls.caFile", ca.toString()))
              .send(HttpProbe.Request.get(URI.create("https://other.test:" + tls.port() + "/")));
      assertThat(wrongName.failure().issue())
          .as("hostname verification is on")
          .isEqualTo("tls-hostname-mismatch");
      assertThat(insecure.curl(Redactor.patternsOnly())).contains(" -k");
    }
  }

  @Test
  void plainHttpToAPortThatAnswersInTlsSaysThePortExpectsHttps() throws Exception {
    // A fatal protocol_version alert: what a TLS stack that reads an HTTP request sends back.
    byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46};
    try (HostilePeer tls = HostilePeer.answering(alert)) {
      HttpExchange x =
          HttpProbe.from(FakeCheckContext.of())
              .send(HttpProbe.Request.get(URI.create("http://127.0.0.1:" + tls.port() + "/")));

      assertThat(x.failure().kind()).isEqualTo(Failure.Kind.PROTOCOL);
      assertThat(x.failure().message()).contains("answered with TLS").contains("https://");
    }
  }

  @Test
  void plainHttpToAnOpensslPortIsAConnectionClosedWithoutAnswer(@TempDir Path dir)
      throws Exception {
    TestPki pki = new TestPki();
    TestPki.Issued leaf = pki.leaf("api.test");
    try (OpenSslServer tls =
        OpenSslServer.start(
            TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate()),
            TestPki.writePem(dir.resolve("leaf.key"), leaf.keys().getPrivate()),
            TestPki.writePem(dir.resolve("chain.pem"), pki.intermediate.certificate()))) {
      HttpExchange x =
          HttpProbe.from(FakeCheckContext.of())
              .send(HttpProbe.Request.get(URI.create("http://127.0.0.1:" + tls.port() + "/")));

      assertThat(x.failure().kind()).isEqualTo(Failure.Kind.CLOSED);
      assertThat(x.failure().message()).contains("closed it without an answer");
    }
  }

  @Test
  void curlGetsNoCaFileForAPlainHttpUrl() {
    server.enqueue(new MockResponse.Builder().build());

    HttpExchange x =
        HttpProbe.from(FakeCheckContext.of("tls.caFile", "/etc/ssl/certs/ca-certificates.crt"))
            .send(HttpProbe.Request.get(url("/")));

    assertThat(x.curl(Redactor.patternsOnly())).doesNotContain("--cacert");
  }

  @Test
  void anEndpointsServerNameIsSentAndVerifiedWhileTheUrlNamesTheAddress(@TempDir Path dir)
      throws Exception {
    TestPki pki = new TestPki();
    TestPki.Issued leaf = pki.leaf("api.test");
    Path ca = TestPki.writePem(dir.resolve("ca.pem"), pki.root.certificate());
    try (OpenSslServer tls =
        OpenSslServer.start(
            TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate()),
            TestPki.writePem(dir.resolve("leaf.key"), leaf.keys().getPrivate()),
            TestPki.writePem(dir.resolve("chain.pem"), pki.intermediate.certificate()))) {
      String url = "https://127.0.0.1:" + tls.port();

      HttpExchange named =
          HttpProbe.from(
                  FakeCheckContext.of(
                      "api.url", url, "api.servername", "api.test", "tls.caFile", ca.toString()))
              .send(HttpProbe.Request.get(URI.create(url + "/hello")));
      HttpExchange unnamed =
          HttpProbe.from(FakeCheckContext.of("api.url", url, "tls.caFile", ca.toString()))
              .send(HttpProbe.Request.get(URI.create(url + "/hello")));

      assertThat(named.status()).as(String.valueOf(named.failure())).isEqualTo(200);
      assertThat(named.curl(Redactor.patternsOnly()))
          .contains("'https://api.test:" + tls.port() + "/hello'")
          .contains("--connect-to 'api.test:" + tls.port() + ":127.0.0.1:" + tls.port() + "'")
          .contains("-H 'Host: 127.0.0.1:" + tls.port() + "'");
      assertThat(unnamed.failure().issue())
          .as("the certificate names api.test, not 127.0.0.1")
          .isEqualTo("tls-hostname-mismatch");
    }
  }

  @Test
  void eachEndpointGoesThroughItsOwnProxyOrDirect() throws Exception {
    server.enqueue(new MockResponse.Builder().body("direct").build());
    try (TunnelProxy proxy = new TunnelProxy()) {
      FakeCheckContext ctx =
          FakeCheckContext.of(
              "api.url",
              "http://127.0.0.1:" + server.getPort(),
              "api.proxy",
              "direct",
              "gateway.url",
              "http://gateway.invalid:8080",
              "network.proxy",
              proxy.url());

      HttpExchange api = HttpProbe.from(ctx).send(HttpProbe.Request.get(url("/hello")));
      HttpExchange gateway =
          HttpProbe.from(ctx)
              .send(HttpProbe.Request.get(URI.create("http://gateway.invalid:8080/hello")));

      assertThat(api.status()).as("api.proxy: direct bypasses network.proxy").isEqualTo(200);
      assertThat(api.curl(Redactor.patternsOnly())).doesNotContain("--proxy");
      assertThat(proxy.requests()).anyMatch(r -> r.contains("gateway.invalid:8080"));
      assertThat(gateway.curl(Redactor.patternsOnly())).contains("--proxy '" + proxy.url());
    }
  }

  @Test
  void tunnelsHttpsThroughTheProxy(@TempDir Path dir) throws Exception {
    TestPki pki = new TestPki();
    TestPki.Issued leaf = pki.leaf("api.test");
    Path ca = TestPki.writePem(dir.resolve("ca.pem"), pki.root.certificate());
    try (OpenSslServer tls =
            OpenSslServer.start(
                TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate()),
                TestPki.writePem(dir.resolve("leaf.key"), leaf.keys().getPrivate()),
                TestPki.writePem(dir.resolve("chain.pem"), pki.intermediate.certificate()));
        TunnelProxy proxy = new TunnelProxy()) {
      HttpExchange x =
          HttpProbe.from(
                  FakeCheckContext.of("network.proxy", proxy.url(), "tls.caFile", ca.toString()))
              .send(HttpProbe.Request.get(URI.create("https://api.test:" + tls.port() + "/")));

      assertThat(x.status()).as(String.valueOf(x.failure())).isEqualTo(200);
      assertThat(proxy.requests()).hasSize(1);
      assertThat(proxy.requests().get(0)).startsWith("CONNECT api.test:" + tls.port());
      assertThat(x.timings().toEvidence()).containsKey("tlsMillis");
    }
  }

  @Test
  void resolvesThroughTheProfilesResolvers() throws Exception {
    try (Dnsmasq dns = Dnsmasq.start("--host-record=api.test,127.0.0.1,60")) {
      server.enqueue(new MockResponse.Builder().body("found").build());

      HttpExchange x =
          HttpProbe.from(FakeCheckContext.of("dns.resolvers", dns.resolver()))
              .send(HttpProbe.Request.get(URI.create("http://api.test:" + server.getPort() + "/")));

      assertThat(x.status()).as(String.valueOf(x.failure())).isEqualTo(200);
      assertThat(x.timings().toEvidence()).containsKey("dnsMillis");
    }
  }

  @Test
  void aNameTheResolversDoNotKnowIsUnknownHost() throws Exception {
    try (Dnsmasq dns = Dnsmasq.start("--host-record=other.test,127.0.0.1,60")) {
      HttpExchange x =
          HttpProbe.from(FakeCheckContext.of("dns.resolvers", dns.resolver()))
              .send(
                  HttpProbe.Request.get(URI.create("http://nope.test:" + server.getPort() + "/")));

      assertThat(x.failure().kind()).isEqualTo(Failure.Kind.UNKNOWN_HOST);
      assertThat(x.failure().message()).contains("nope.test").contains("NXDOMAIN");
    }
  }
}
