package io.threescaledoctor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threescaledoctor.core.testing.Component;
import io.threescaledoctor.core.testing.FreePorts;
import io.threescaledoctor.core.testing.NginxGateway;
import io.threescaledoctor.core.testing.NginxGateway.Setup;
import io.threescaledoctor.core.testing.RealNginx;
import io.threescaledoctor.it.FakeThreescaleBackend.Verdict;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logs} (and {@code run}) on what a real nginx (Debian's) wrote, one fault per test: the hop
 * of each upstream comes from the configuration nginx ran, resolver failures are DNS causes at the
 * hop of the name, and one address is never filed under two hops.
 */
class RealNginxLogScenarioTest {
  private static final String SERVICE_ID = "2555417777777";
  private static final String SERVICE_TOKEN = "st-SENTINEL-0b8e6c1d2f3a";
  private static final String USER_KEY = "uk-SENTINEL-7c9d1e2f3a4b";
  private static final List<String> SECRETS = List.of(SERVICE_TOKEN, USER_KEY);

  @TempDir Path dir;

  @AutoClose private final Running running = new Running();

  @BeforeAll
  static void nginxIsInstalled() {
    Component.NGINX.require();
  }

  @Test
  void aDeadResolverIsADnsCauseAtTheApisHopWithTheResolversAddress() throws Exception {
    FakeThreescaleBackend backend =
        running.track(
            new FakeThreescaleBackend(SERVICE_ID, SERVICE_TOKEN, USER_KEY, Verdict.AUTHORIZED));
    int deadResolver = running.track(FreePorts.refusingUdp()).port();
    RealNginx nginx = gatewayResolvingTheApiThrough("127.0.0.1:" + deadResolver, backend);

    assertThat(nginx.get("/hello?user_key=" + USER_KEY)).isEqualTo(502);
    String log = Files.readString(nginx.errorLog());
    assertThat(log)
        .as("nginx wrote both kinds of resolver lines")
        .contains("while resolving, resolver: 127.0.0.1:" + deadResolver)
        .contains("api.internal.example could not be resolved (110: Operation timed out)");

    DoctorRun run = logs(nginx);

    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
    JsonNode report = run.json();
    assertThat(report.at("/diagnosis/likelyFailurePoint").asText()).isEqualTo("gateway-api");
    assertThat(report.at("/diagnosis/cause").asText()).isEqualTo("dns-resolver-unreachable");
    JsonNode unreachable = firstResultWithCause(report, "dns-resolver-unreachable");
    assertThat(unreachable.get("hop").asText()).isEqualTo("gateway-api");
    assertThat(unreachable.at("/evidence/resolver").asText())
        .isEqualTo("127.0.0.1:" + deadResolver);
    JsonNode timedOut = firstResultWithCause(report, "dns-resolver-timeout");
    assertThat(timedOut.get("hop").asText()).isEqualTo("gateway-api");
    assertThat(timedOut.at("/evidence/upstreams").asText()).isEqualTo("api.internal.example");
    assertThat(timedOut.at("/evidence/resolver").asText()).isEqualTo("127.0.0.1:" + deadResolver);
    assertThat(timedOut.at("/evidence/attributedBy").asText())
        .contains("nginx.conf:", "proxy_pass in location /");
    assertOneHopPerAddress(report);
    run.assertNoSecret(SECRETS);
  }

  @Test
  void aResolverThatNeverAnswersIsATimeoutAtTheApisHop() throws Exception {
    FakeThreescaleBackend backend =
        running.track(
            new FakeThreescaleBackend(SERVICE_ID, SERVICE_TOKEN, USER_KEY, Verdict.AUTHORIZED));
    SilentResolver silent = running.track(new SilentResolver());
    RealNginx nginx = gatewayResolvingTheApiThrough(silent.address(), backend);

    assertThat(nginx.get("/hello?user_key=" + USER_KEY)).isEqualTo(502);
    assertThat(silent.queries()).as("nginx asked the resolver").isPositive();

    DoctorRun run = logs(nginx);

    JsonNode report = run.json();
    assertThat(run.diagnosisLine()).isEqualTo("FAILING gateway-api dns-resolver-timeout exit 1");
    assertThat(
            firstResultWithCause(report, "dns-resolver-timeout").at("/evidence/resolver").asText())
        .as("the configured resolver, since no line names it")
        .contains(silent.address(), "nginx.conf:");
  }

  @Test
  void aRefusedAuthSubrequestIsTheGateway3scaleHopWhileTheDoctorsOwnPathTo3scaleWorks()
      throws Exception {
    FakeThreescaleBackend backend =
        running.track(
            new FakeThreescaleBackend(SERVICE_ID, SERVICE_TOKEN, USER_KEY, Verdict.AUTHORIZED));
    String api = running.refusedAddress();
    // nginx calls 3scale at an address where nothing listens; the doctor reaches the real one.
    String stale = running.refusedAddress();
    NginxGateway gateway =
        running.track(
            NginxGateway.start(
                Files.createDirectories(dir.resolve("nginx")),
                Setup.of(api, stale, SERVICE_ID, SERVICE_TOKEN).withErrorLogLevel("info")));
    Path profile = dir.resolve("profile.yaml");
    Files.writeString(
        profile,
        """
        vantage: gateway
        gateway:
          url: %s
          errorLog: %s
          nginxConf: %s
        threescale:
          backend: %s
          serviceId: "%s"
          serviceToken: %s
        credentials:
          userKey: %s
        client:
          path: /hello
        timeouts:
          connect: 1s
          read: 1s
          total: 15s
        """
            .formatted(
                gateway.url(),
                gateway.errorLog(),
                gateway.nginxConf(),
                backend.url(),
                SERVICE_ID,
                SERVICE_TOKEN,
                USER_KEY));

    DoctorRun run = DoctorRun.of("run", "--config", profile.toString(), "--format", "json");

    assertThat(run.diagnosisLine()).isEqualTo("FAILING gateway-3scale backend-unreachable exit 1");
    assertThat(backend.requestLines()).contains("GET /transactions/authorize.xml");
    run.assertNoSecret(SECRETS);

    DoctorRun logs =
        DoctorRun.of(
            "logs",
            gateway.errorLog().toString(),
            "--nginx-conf",
            gateway.nginxConf().toString(),
            "--format",
            "json");
    JsonNode refused = firstResultWithCause(logs.json(), "backend-unreachable");
    assertThat(refused.get("hop").asText()).isEqualTo("gateway-3scale");
    assertThat(refused.at("/evidence/upstreams").asText()).isEqualTo(stale);
    assertThat(refused.at("/evidence/attributedBy").asText())
        .contains("location = /threescale_authorize, which auth_request calls");
    assertOneHopPerAddress(logs.json());
    logs.assertNoSecret(SECRETS);
  }

  @Test
  void anApiWhoseNameSays3scaleIsTheApiBecauseTheConfigurationProxiesClientsToIt()
      throws Exception {
    FakeThreescaleBackend backend =
        running.track(
            new FakeThreescaleBackend(SERVICE_ID, SERVICE_TOKEN, USER_KEY, Verdict.AUTHORIZED));
    int closed = running.track(FreePorts.refusing()).port();
    int alsoClosed = running.track(FreePorts.refusing()).port();
    // Two servers: nginx never marks the only server of an upstream down.
    String http =
        """
        upstream api.3scale-apps.internal {
          server 127.0.0.1:%1$d max_fails=1 fail_timeout=30s;
          server 127.0.0.1:%3$d max_fails=1 fail_timeout=30s;
        }
        server {
          listen 127.0.0.1:PORT;
          %2$s
          location / {
            set $user_key $arg_user_key;
            auth_request /threescale_authorize;
            proxy_connect_timeout 1s;
            proxy_pass http://api.3scale-apps.internal;
          }
        }
        """
            .formatted(closed, authorizeLocation(backend), alsoClosed);
    RealNginx nginx =
        running.track(RealNginx.start(Files.createDirectories(dir.resolve("nginx")), http));
    assertThat(nginx.get("/a?user_key=" + USER_KEY)).isEqualTo(502);
    assertThat(nginx.get("/b?user_key=" + USER_KEY)).isEqualTo(502);
    assertThat(nginx.get("/b?user_key=" + USER_KEY)).isEqualTo(502);
    assertThat(Files.readString(nginx.errorLog()))
        .contains("no live upstreams while connecting to upstream")
        .contains("upstream: \"http://api.3scale-apps.internal/b");

    DoctorRun run =
        DoctorRun.of(
            "logs",
            nginx.errorLog().toString(),
            "--nginx-conf",
            nginx.conf().toString(),
            "--backend",
            backend.url(),
            "--format",
            "json");

    JsonNode report = run.json();
    JsonNode noLive = firstResultWithCause(report, "upstream-no-live");
    assertThat(noLive.get("hop").asText()).isEqualTo("gateway-api");
    assertThat(noLive.at("/evidence/upstreams").asText()).isEqualTo("api.3scale-apps.internal");
    assertThat(noLive.at("/evidence/attributedBy").asText())
        .contains("proxy_pass in location /", "upstream api.3scale-apps.internal");
    JsonNode refused = firstResultWithCause(report, "upstream-connect-refused");
    assertThat(refused.get("hop").asText()).isEqualTo("gateway-api");
    assertThat(refused.at("/evidence/attributedBy").asText())
        .contains("server of upstream api.3scale-apps.internal");
    assertThat(report.at("/diagnosis/likelyFailurePoint").asText()).isEqualTo("gateway-api");
    assertOneHopPerAddress(report);
  }

  // ---- scenario parts

  /**
   * A gateway that authorizes with {@code backend} and proxies to the API by a name it resolves per
   * request through {@code resolver}.
   */
  private RealNginx gatewayResolvingTheApiThrough(String resolver, FakeThreescaleBackend backend)
      throws IOException, InterruptedException {
    String http =
        """
        resolver %1$s valid=1s ipv6=off;
        resolver_timeout 1s;
        server {
          listen 127.0.0.1:PORT;
          %2$s
          location / {
            set $user_key $arg_user_key;
            auth_request /threescale_authorize;
            set $api_host api.internal.example;
            proxy_pass http://$api_host:8080;
          }
        }
        """
            .formatted(resolver, authorizeLocation(backend));
    return running.track(RealNginx.start(Files.createDirectories(dir.resolve("nginx")), http));
  }

  /**
   * The guide's authorization location, calling {@code backend}. Subrequests share the parent's
   * variables: the main location sets $user_key to what the client sent.
   */
  private static String authorizeLocation(FakeThreescaleBackend backend) {
    return """
        location = /threescale_authorize {
          internal;
          proxy_pass http://%s/transactions/authorize.xml?service_token=%s&service_id=%s&user_key=$user_key;
          proxy_pass_request_body off;
          proxy_set_header Content-Length "";
        }
        """
        .formatted(backend.hostPort(), SERVICE_TOKEN, SERVICE_ID);
  }

  private static DoctorRun logs(RealNginx nginx) {
    DoctorRun run =
        DoctorRun.of(
            "logs",
            nginx.errorLog().toString(),
            "--nginx-conf",
            nginx.conf().toString(),
            "--format",
            "json");
    run.json();
    return run;
  }

  private static JsonNode firstResultWithCause(JsonNode report, String cause) {
    for (JsonNode r : report.path("results")) {
      if (cause.equals(r.path("cause").asText())) {
        return r;
      }
    }
    throw new AssertionError("no result with cause " + cause + " in " + report.path("results"));
  }

  /** No upstream or host appears at two hops in one report. */
  private static void assertOneHopPerAddress(JsonNode report) {
    Map<String, String> hopOf = new HashMap<>();
    List<String> twice = new ArrayList<>();
    for (JsonNode r : report.path("results")) {
      String upstreams = r.at("/evidence/upstreams").asText("");
      for (String u : upstreams.isEmpty() ? new String[0] : upstreams.split(", ")) {
        String hop = r.path("hop").asText();
        String before = hopOf.putIfAbsent(u, hop);
        if (before != null && !before.equals(hop)) {
          twice.add(u + " at " + before + " and " + hop);
        }
      }
    }
    assertThat(twice).as("addresses filed under two hops").isEmpty();
  }

  /** A DNS resolver that receives queries and never answers, counting them. */
  private static final class SilentResolver implements AutoCloseable {
    private final DatagramSocket socket;
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread reader;

    SilentResolver() throws IOException {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      reader =
          new Thread(
              () -> {
                byte[] buf = new byte[512];
                while (!socket.isClosed()) {
                  try {
                    socket.receive(new DatagramPacket(buf, buf.length));
                    queries.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "silent-resolver");
      reader.setDaemon(true);
      reader.start();
    }

    String address() {
      return "127.0.0.1:" + socket.getLocalPort();
    }

    int queries() {
      return queries.get();
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
