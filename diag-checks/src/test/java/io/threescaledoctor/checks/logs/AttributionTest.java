package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.nginx.GatewayRoutes;
import io.threescaledoctor.checks.nginx.NginxConfigParser;
import io.threescaledoctor.core.check.Hop;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where lines are placed, and why; the same address never at two hops. */
class AttributionTest {
  private static final String FIELDS =
      ", client: 10.1.1.1, server: _, request: \"GET /a HTTP/1.1\"";

  @TempDir Path dir;

  /** A resolver that records every name asked and knows none. */
  private static final class RecordingHostResolver implements HostResolver {
    final List<String> asked = new ArrayList<>();

    @Override
    public List<InetAddress> resolve(String host) throws java.net.UnknownHostException {
      asked.add(host);
      throw new java.net.UnknownHostException(host);
    }
  }

  private static String refused(String time, String upstream, String subrequest) {
    return "2026/11/27 10:00:"
        + time
        + " [error] 1#1: *1 connect() failed (111: Connection refused) while connecting to"
        + " upstream"
        + FIELDS
        + (subrequest == null ? "" : ", subrequest: \"" + subrequest + "\"")
        + ", upstream: \""
        + upstream
        + "\", host: \"gw\"\n";
  }

  private static String luaTimeout(String address) {
    return "2026/11/27 10:00:09 [error] 1#1: *2 lua tcp socket connect timed out, when connecting"
        + " to "
        + address
        + FIELDS
        + ", host: \"gw\"\n";
  }

  private static List<LogFinding> analyze(Attribution attribution, String log) {
    return new ErrorLogAnalyzer(attribution)
        .zone(ZoneOffset.UTC)
        .analyze(
            List.of(
                LogSource.stream(
                    "t", new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)))))
        .findings();
  }

  private static LogFinding finding(List<LogFinding> findings, String messageId) {
    return findings.stream()
        .filter(f -> f.messageId().equals(messageId))
        .findFirst()
        .orElseThrow(() -> new AssertionError(messageId + " not in " + findings));
  }

  private GatewayRoutes routes(String conf) throws Exception {
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    return GatewayRoutes.of(NginxConfigParser.parse(file).directives());
  }

  @Test
  void anAddressNamedByAnAuthSubrequestIs3scaleInEveryLineThatNamesIt() {
    String log =
        refused("01", "https://34.194.23.11:443/transactions/authrep.xml", "/threescale_authrep")
            + luaTimeout("34.194.23.11:443");
    List<LogFinding> f = analyze(Attribution.builder().build(), log);
    assertThat(finding(f, "connect-refused").hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    LogFinding lua = finding(f, "lua-socket-connect-timed-out");
    assertThat(lua.issue()).isEqualTo("backend-timeout");
    assertThat(lua.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(lua.attributedBy())
        .containsExactly("named by the auth subrequest /threescale_authrep");
  }

  @Test
  void anAddressNothingPlacesIsUnattributedAtTheGatewayNotGuessed() {
    LogFinding f = analyze(Attribution.builder().build(), luaTimeout("192.0.2.44:8443")).get(0);
    assertThat(f.issue()).isEqualTo("upstream-unattributed");
    assertThat(f.hop()).isEqualTo(Hop.GATEWAY);
    assertThat(f.target()).isEqualTo(Target.UNATTRIBUTED);
    assertThat(f.attributedBy().get(0)).startsWith("nothing places it");
  }

  @Test
  void theConfigurationOutweighsTheProfileAndTheNameOfTheHost() throws Exception {
    GatewayRoutes routes =
        routes(
            """
            http { server {
              location = /auth { internal; proxy_pass http://10.0.0.9:3000/transactions/authorize.xml; }
              location / { auth_request /auth; proxy_pass http://10.0.0.7:8080; }
            } }
            """);
    // The profile says the opposite: the configuration nginx runs wins.
    Attribution a =
        Attribution.builder()
            .routes(routes)
            .apiUrl("http://10.0.0.9:3000")
            .backendUrl("http://10.0.0.7:8080")
            .build();
    List<LogFinding> f =
        analyze(a, refused("01", "http://10.0.0.7:8080/a", null) + luaTimeout("10.0.0.9:3000"));
    assertThat(finding(f, "connect-refused").hop()).isEqualTo(Hop.GATEWAY_API);
    assertThat(finding(f, "connect-refused").attributedBy().get(0))
        .endsWith("proxy_pass in location /, the API the gateway proxies to");
    assertThat(finding(f, "lua-socket-connect-timed-out").hop()).isEqualTo(Hop.GATEWAY_3SCALE);
  }

  @Test
  void evidenceOfEqualWeightThatDisagreesLeavesTheAddressUnattributedEverywhere() throws Exception {
    // The configuration sends both 3scale's calls and the clients to 10.0.0.8:8080: it does not
    // say which the address is, so no line naming it is placed at either hop.
    GatewayRoutes routes =
        routes(
            """
            http { server {
              location = /auth { internal; proxy_pass http://10.0.0.8:8080/transactions/authorize.xml; }
              location / { auth_request /auth; proxy_pass http://10.0.0.8:8080; }
            } }
            """);
    String log =
        refused("01", "http://10.0.0.8:8080/a", null)
            + refused("02", "http://10.0.0.8:8080/transactions/authorize.xml", "/auth")
            + luaTimeout("10.0.0.8:8080");
    List<LogFinding> f = analyze(Attribution.builder().routes(routes).build(), log);
    assertThat(f).extracting(LogFinding::hop).containsOnly(Hop.GATEWAY);
    assertThat(f).extracting(LogFinding::target).containsOnly(Target.UNATTRIBUTED);
    assertThat(f.get(0).attributedBy().get(0))
        .startsWith("10.0.0.8:8080 is both")
        .contains("3scale backend", "API");
  }

  @Test
  void theLogsOwnLinesOutweighTheProfileAndTheProfileOutweighsNginxsConvention() {
    // The main request's upstream is the API by convention, but the profile says 3scale.
    List<LogFinding> byProfile =
        analyze(
            Attribution.builder().backendUrl("http://10.0.0.8:3000").build(),
            refused("01", "http://10.0.0.8:3000/a", null));
    assertThat(byProfile.get(0).hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    // The profile says the API, but the line calls 3scale's /transactions/ there.
    List<LogFinding> byLog =
        analyze(
            Attribution.builder().apiUrl("http://10.0.0.8:3000").build(),
            refused("01", "http://10.0.0.8:3000/transactions/authrep.xml", null));
    assertThat(byLog.get(0).hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(byLog.get(0).attributedBy())
        .containsExactly("its path is 3scale's /transactions/*.xml");
  }

  @Test
  void pinsPlaceAddressesWithoutAnyLookupAndALookupIsOnlyMadeWhenGiven() {
    RecordingHostResolver dns = new RecordingHostResolver();
    io.threescaledoctor.core.profile.Profile pinned =
        profile(
            "threescale.backend",
            "https://su1.3scale.net",
            "network.resolve",
            "su1.3scale.net:52.1.2.3");
    List<LogFinding> f =
        analyze(Attribution.builder().profile(pinned).build(), luaTimeout("52.1.2.3:443"));
    assertThat(f.get(0).hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(f.get(0).attributedBy()).containsExactly("threescale.backend is su1.3scale.net:443");

    Attribution offline =
        Attribution.builder()
            .backendUrl("https://su1.3scale.net")
            .apiUrl("http://api.x:80")
            .build();
    analyze(offline, luaTimeout("52.1.2.9:443"));
    Attribution online =
        Attribution.builder()
            .backendUrl("https://su1.3scale.net")
            .apiUrl("http://api.x:80")
            .lookup(dns)
            .build();
    assertThat(dns.asked).isEmpty();
    List<LogFinding> looked = analyze(online, luaTimeout("52.1.2.9:443"));
    assertThat(dns.asked).contains("su1.3scale.net");
    assertThat(looked.get(0).hop()).isEqualTo(Hop.GATEWAY);
  }

  @Test
  void aLineAboutTheResolverGoesToTheHopOfTheNamesThatCouldNotBeResolved() {
    String log =
        "2026/11/27 10:00:00 [error] 1#1: recv() failed (111: Connection refused) while resolving,"
            + " resolver: 127.0.0.1:5353\n"
            + "2026/11/27 10:00:01 [error] 1#1: *3 api.internal.example could not be resolved (110:"
            + " Operation timed out)"
            + FIELDS
            + ", host: \"gw\"\n";
    List<LogFinding> f =
        analyze(Attribution.builder().apiUrl("http://api.internal.example:8080").build(), log);
    LogFinding resolver = finding(f, "resolver-recv-failed");
    assertThat(resolver.issue()).isEqualTo("dns-resolver-unreachable");
    assertThat(resolver.hop()).isEqualTo(Hop.GATEWAY_API);
    assertThat(resolver.subjects()).containsExactly("127.0.0.1:5353");
    LogFinding timedOut = finding(f, "resolver-timed-out");
    assertThat(timedOut.hop()).isEqualTo(Hop.GATEWAY_API);
    assertThat(timedOut.details()).containsEntry("resolver", "127.0.0.1:5353");
  }

  private static io.threescaledoctor.core.profile.Profile profile(String... keyValues) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    try {
      return new io.threescaledoctor.core.profile.ProfileLoader().fromOverrides(m);
    } catch (io.threescaledoctor.core.profile.ProfileException e) {
      throw new AssertionError(e);
    }
  }

  private static String notFound(String time, String host) {
    return "2026/11/27 10:00:"
        + time
        + " [error] 1#1: *4 "
        + host
        + " could not be resolved (3: Host not found)"
        + FIELDS
        + ", host: \"gw\"\n";
  }

  @Test
  void aNameThatCouldNotBeResolvedTakesThePlaceOfItsOwnUpstreamsWhenTheyAgree() {
    List<LogFinding> alone = analyze(Attribution.builder().build(), notFound("02", "api.internal"));
    assertThat(finding(alone, "host-not-found").hop()).isEqualTo(Hop.GATEWAY);

    List<LogFinding> f =
        analyze(
            Attribution.builder().build(),
            refused("01", "http://api.internal:8080/a", null) + notFound("02", "api.internal"));
    LogFinding dns = finding(f, "host-not-found");
    assertThat(dns.hop()).isEqualTo(Hop.GATEWAY_API);
    assertThat(dns.attributedBy())
        .containsExactly("upstream of the main request (nginx proxies clients to the API)");
  }

  @Test
  void aNameStaysUnplacedWhenItsUpstreamsDisagreeOrOnlyOtherHostsArePlaced() {
    String disagree =
        refused("01", "http://shared.internal:8080/a", null)
            + refused(
                "02", "http://shared.internal:3000/transactions/authrep.xml", "/threescale_authrep")
            + notFound("03", "shared.internal");
    assertThat(finding(analyze(Attribution.builder().build(), disagree), "host-not-found").hop())
        .isEqualTo(Hop.GATEWAY);

    String otherHost =
        refused("01", "http://other.internal:8080/a", null) + notFound("02", "api.internal");
    assertThat(finding(analyze(Attribution.builder().build(), otherHost), "host-not-found").hop())
        .isEqualTo(Hop.GATEWAY);

    String unplacedUpstream = luaTimeout("api.internal:8443") + notFound("02", "api.internal");
    assertThat(
            finding(analyze(Attribution.builder().build(), unplacedUpstream), "host-not-found")
                .hop())
        .isEqualTo(Hop.GATEWAY);
  }

  private static String backendClientCall(String authority) {
    return "2026/11/27 10:00:00 [info] 1#1: *9 [lua] backend_client.lua:133:"
        + " call_backend_transaction(): backend client uri: http://"
        + authority
        + "/transactions/authrep.xml?service_id=1 ok: true status: 200 body: <status/>"
        + " error: nil"
        + FIELDS
        + ", host: \"gw\"\n";
  }

  @Test
  void theHostApicastsBackendClientCallsIs3scaleOnItsPortOrWhereNoPortIsNamed() {
    List<LogFinding> samePort =
        analyze(
            Attribution.builder().build(),
            backendClientCall("backend.internal:3000") + luaTimeout("backend.internal:3000"));
    LogFinding lua = finding(samePort, "lua-socket-connect-timed-out");
    assertThat(lua.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(lua.attributedBy())
        .containsExactly("APIcast's backend client calls backend.internal:3000");

    assertThat(
            finding(
                    analyze(
                        Attribution.builder().build(),
                        backendClientCall("backend.internal")
                            + luaTimeout("backend.internal:3000")),
                    "lua-socket-connect-timed-out")
                .hop())
        .as("the call names no port")
        .isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(
            finding(
                    analyze(
                        Attribution.builder().build(),
                        backendClientCall("backend.internal:3000")
                            + notFound("05", "backend.internal")),
                    "host-not-found")
                .hop())
        .as("the line names no port")
        .isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(
            finding(
                    analyze(
                        Attribution.builder().build(),
                        backendClientCall("backend.internal:3000")
                            + luaTimeout("backend.internal:8443")),
                    "lua-socket-connect-timed-out")
                .hop())
        .as("another port of the same host")
        .isEqualTo(Hop.GATEWAY);
    assertThat(
            finding(
                    analyze(
                        Attribution.builder().build(),
                        backendClientCall("backend.internal:3000")
                            + luaTimeout("other.internal:3000")),
                    "lua-socket-connect-timed-out")
                .hop())
        .as("another host on the same port")
        .isEqualTo(Hop.GATEWAY);
  }

  @Test
  void aSubrequestIsAnAuthSubrequestByItsConfigurationOrByItsName() throws Exception {
    for (String name : List.of("/THREESCALE_report", "/check_auth")) {
      LogFinding f =
          finding(
              analyze(Attribution.builder().build(), refused("01", "http://10.0.0.9:3000/x", name)),
              "connect-refused");
      assertThat(f.hop()).as(name).isEqualTo(Hop.GATEWAY_3SCALE);
    }
    assertThat(
            finding(
                    analyze(
                        Attribution.builder().build(),
                        refused("01", "http://10.0.0.9:3000/x", "/validate")),
                    "connect-refused")
                .hop())
        .as("a subrequest with no auth in its name, and no configuration")
        .isEqualTo(Hop.GATEWAY);
    GatewayRoutes routes =
        routes(
            """
            http {
              server {
                listen 8080;
                location / { auth_request /validate; proxy_pass http://10.0.0.5:8080; }
                location = /validate { internal; proxy_pass http://10.0.0.9:3000; }
              }
            }
            """);
    LogFinding configured =
        finding(
            analyze(
                Attribution.builder().routes(routes).build(),
                refused("01", "http://10.0.0.9:3000/x", "/validate")),
            "connect-refused");
    assertThat(configured.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
  }

  @Test
  void theResolversTheConfigurationNamesAreListedWithWhere() throws Exception {
    GatewayRoutes routes =
        routes(
            """
            http {
              resolver 10.0.0.2 10.0.0.3:5353;
              server { listen 8080; location / { proxy_pass http://10.0.0.5:8080; } }
            }
            """);

    assertThat(Attribution.builder().routes(routes).build().configuredResolvers())
        .extracting(GatewayRoutes.Resolver::address)
        .containsExactly("10.0.0.2:53", "10.0.0.3:5353");
  }
}
