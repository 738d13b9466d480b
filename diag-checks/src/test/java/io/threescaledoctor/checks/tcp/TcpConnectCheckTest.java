package io.threescaledoctor.checks.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.dns.ResolvedAddresses;
import io.threescaledoctor.checks.http.FakeCheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.testing.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpConnectCheckTest {

  /** A port that refuses connections for the whole test: nothing else can take it. */
  private FreePorts.RefusingPort refusing;

  @BeforeEach
  void holdARefusingPort() throws IOException {
    refusing = FreePorts.refusing();
  }

  @AfterEach
  void releaseIt() throws IOException {
    refusing.close();
  }

  private int closedPort() {
    return refusing.port();
  }

  private static FakeCheckContext resolvedTo(FakeCheckContext ctx, String host, String... ips)
      throws IOException {
    List<InetAddress> addresses = new java.util.ArrayList<>();
    for (String ip : ips) {
      addresses.add(InetAddress.getByName(ip));
    }
    return ctx.withResult(
        "dns.resolve",
        CheckResult.pass("resolved").withFacts(new ResolvedAddresses(host, addresses, "test")));
  }

  @Test
  void connectsAndReportsTheTime() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      CheckResult r =
          new TcpConnectCheck()
              .run(
                  FakeCheckContext.of("api.url", "http://127.0.0.1:" + server.getLocalPort())
                      .on(Endpoint.API));

      assertThat(r.status()).isEqualTo(Status.PASS);
      assertThat(r.evidence())
          .containsKey("connect@127.0.0.1:" + server.getLocalPort())
          .containsKey("connectMillis");
      assertThat(r.reproduce()).contains("nc -vz -w 1 127.0.0.1 " + server.getLocalPort());
    }
  }

  @Test
  void reportsRefusedWhenNothingListens() throws Exception {
    int port = closedPort();
    CheckResult r =
        new TcpConnectCheck()
            .run(FakeCheckContext.of("api.url", "http://127.0.0.1:" + port).on(Endpoint.API));

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("api-unreachable");
    assertThat(r.hop()).isEqualTo(Hop.API);
    assertThat(r.summary()).contains("refused the connection").contains("nothing listens");
  }

  @Test
  void warnsWhenOneOfTheAddressesIsDead() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      int port = server.getLocalPort();
      FakeCheckContext ctx =
          resolvedTo(
                  FakeCheckContext.of("threescale.backend", "http://lb.test:" + port),
                  "lb.test",
                  "127.0.0.1",
                  "127.0.0.2")
              .on(Endpoint.BACKEND);

      CheckResult r = new TcpConnectCheck().run(ctx);

      assertThat(r.status()).isEqualTo(Status.WARN);
      assertThat(r.summary())
          .startsWith("1 of 2 addresses of lb.test:" + port)
          .contains("127.0.0.2:" + port + " refused");
      assertThat(r.evidence().get("connect@127.0.0.1:" + port)).startsWith("connected in");
      assertThat(r.evidence().get("connect@127.0.0.2:" + port)).startsWith("refused");
      assertThat(r.facts(TcpConnectCheck.Attempts.class).orElseThrow().connected()).hasSize(1);
    }
  }

  @Test
  void triesIpv6AddressesToo() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("::1"))) {
      int port = server.getLocalPort();
      FakeCheckContext ctx =
          resolvedTo(
                  FakeCheckContext.of("api.url", "http://dual.test:" + port),
                  "dual.test",
                  "127.0.0.1",
                  "::1")
              .on(Endpoint.API);

      CheckResult r = new TcpConnectCheck().run(ctx);

      assertThat(r.status()).isEqualTo(Status.WARN);
      assertThat(r.evidence().get("connect@[::1]:" + port)).startsWith("connected in");
      assertThat(r.evidence().get("connect@127.0.0.1:" + port)).startsWith("refused");
    }
  }

  @Test
  void aDroppedSynCostsOnlyTheConnectTimeoutAndIsABackendTimeout() throws Exception {
    try (FullBacklogPort silent = new FullBacklogPort()) {
      long start = System.nanoTime();
      CheckResult r =
          new TcpConnectCheck()
              .run(
                  FakeCheckContext.of(
                          "threescale.backend",
                          "http://127.0.0.1:" + silent.port(),
                          "timeouts.connect",
                          "300ms")
                      .on(Endpoint.BACKEND));

      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.cause()).contains("backend-timeout");
      assertThat(r.hop()).isEqualTo(Hop.THREESCALE);
      assertThat(r.summary()).contains("connect timeout of 300ms (timeouts.connect)");
    }
  }

  @Test
  void onTheGatewayHostARefusedGatewayPortMeansTheGatewayIsDown(@TempDir Path dir)
      throws Exception {
    int port = closedPort();
    // This host's sockets as they are, but none of its processes: an nginx another test or
    // session runs here must not pass for this gateway (with no gateway file named, any would).
    Path proc = Files.createDirectories(dir.resolve("proc/net"));
    for (String table : List.of("tcp", "tcp6")) {
      Files.writeString(proc.resolve(table), Files.readString(Path.of("/proc/net", table)));
    }
    CheckResult r =
        new TcpConnectCheck(proc.getParent())
            .run(
                FakeCheckContext.of("gateway.url", "http://127.0.0.1:" + port, "vantage", "gateway")
                    .on(Endpoint.GATEWAY));

    assertThat(r.cause()).contains("gateway-down");
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY);
  }

  @Test
  void fromAClientARefusedGatewayIsStillTheGatewaysListenerNotAFirewall() throws Exception {
    int port = closedPort();
    CheckResult r =
        new TcpConnectCheck()
            .run(
                FakeCheckContext.of("gateway.url", "http://127.0.0.1:" + port)
                    .on(Endpoint.GATEWAY));

    assertThat(r.cause()).contains("gateway-down");
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY);
  }

  @Test
  void fromAClientASilentGatewayAddressIsThePathToIt() throws Exception {
    try (FullBacklogPort silent = new FullBacklogPort()) {
      CheckResult r =
          new TcpConnectCheck()
              .run(
                  FakeCheckContext.of(
                          "gateway.url",
                          "http://127.0.0.1:" + silent.port(),
                          "timeouts.connect",
                          "300ms")
                      .on(Endpoint.GATEWAY));

      assertThat(r.cause()).contains("gateway-unreachable");
      assertThat(r.hop()).isEqualTo(Hop.CLIENT_GATEWAY);
      assertThat(r.timedOut()).contains("timeouts.connect");
    }
  }

  @Test
  void onTheGatewayHostARefusedBackendIsStill3scalesListener() throws Exception {
    int port = closedPort();
    CheckResult r =
        new TcpConnectCheck()
            .run(
                FakeCheckContext.of(
                        "threescale.backend", "http://127.0.0.1:" + port, "vantage", "gateway")
                    .on(Endpoint.BACKEND));

    assertThat(r.cause()).contains("backend-unreachable");
    assertThat(r.hop()).isEqualTo(Hop.THREESCALE);
  }

  @Test
  void onTheGatewayHostASilentBackendIsTheGatewaysLinkTo3scale() throws Exception {
    try (FullBacklogPort silent = new FullBacklogPort()) {
      CheckResult r =
          new TcpConnectCheck()
              .run(
                  FakeCheckContext.of(
                          "threescale.backend",
                          "http://127.0.0.1:" + silent.port(),
                          "vantage",
                          "gateway",
                          "timeouts.connect",
                          "300ms")
                      .on(Endpoint.BACKEND));

      assertThat(r.cause()).contains("backend-timeout");
      assertThat(r.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    }
  }

  @Test
  void asksTheProxyToConnect() throws Exception {
    try (ServerSocket proxy = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      StringBuilder seen = new StringBuilder();
      Thread t = answer(proxy, "HTTP/1.1 200 Connection established\r\n\r\n", seen);
      CheckResult r =
          new TcpConnectCheck()
              .run(
                  FakeCheckContext.of(
                          "api.url",
                          "https://api.internal.test:8443",
                          "network.proxy",
                          "http://127.0.0.1:" + proxy.getLocalPort())
                      .on(Endpoint.API));
      t.join(2000);

      assertThat(seen.toString()).startsWith("CONNECT api.internal.test:8443 HTTP/1.1");
      assertThat(r.status()).isEqualTo(Status.PASS);
      assertThat(r.evidence().get("proxyAnswer")).isEqualTo("HTTP/1.1 200 Connection established");
    }
  }

  @Test
  void reportsTheProxysRefusal() throws Exception {
    try (ServerSocket proxy = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      Thread t = answer(proxy, "HTTP/1.1 502 Bad Gateway\r\n\r\n", new StringBuilder());
      CheckResult r =
          new TcpConnectCheck()
              .run(
                  FakeCheckContext.of(
                          "api.url",
                          "https://api.internal.test:8443",
                          "network.proxy",
                          "http://127.0.0.1:" + proxy.getLocalPort())
                      .on(Endpoint.API));
      t.join(2000);

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.summary()).contains("502 Bad Gateway");
      assertThat(r.cause()).contains("proxy-connect-failed");
    }
  }

  private static Thread answer(ServerSocket proxy, String reply, StringBuilder seen) {
    Thread t =
        new Thread(
            () -> {
              try (Socket c = proxy.accept()) {
                byte[] buf = new byte[1024];
                int n = c.getInputStream().read(buf);
                synchronized (seen) {
                  seen.append(new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII));
                }
                OutputStream out = c.getOutputStream();
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
                out.flush();
              } catch (IOException ignored) {
                // the test asserts on what the check saw
              }
            });
    t.start();
    return t;
  }
}
