package io.threescaledoctor.checks.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.http.FakeCheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.testing.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DnsBypassCheckTest {
  private static Dnsmasq dns;
  private static ServerSocket api;

  @BeforeAll
  static void start() throws Exception {
    dns = Dnsmasq.start("--host-record=good.test,127.0.0.1", "--host-record=stale.test,127.0.0.2");
    api = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
  }

  @AfterAll
  static void stop() throws Exception {
    dns.close();
    api.close();
  }

  private static CheckResult bypass(String host, String... more) {
    String[] keys = new String[2 + more.length];
    keys[0] = "api.url";
    keys[1] = "http://" + host + ":" + api.getLocalPort();
    System.arraycopy(more, 0, keys, 2, more.length);
    return new DnsBypassCheck().run(FakeCheckContext.of(keys).on(Endpoint.API));
  }

  @Test
  void aStaleRecordIsDnsWhenThePinnedAddressConnects() {
    CheckResult r =
        bypass(
            "stale.test",
            "dns.resolvers",
            dns.resolver(),
            "network.resolve",
            "stale.test:127.0.0.1");

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("dns-wrong-address");
    assertThat(r.summary()).contains("127.0.0.2").contains("the pin stale.test:127.0.0.1");
    assertThat(r.evidence().get("viaDns@127.0.0.2:" + api.getLocalPort())).contains("refused");
    assertThat(r.evidence().get("bypass@127.0.0.1:" + api.getLocalPort())).startsWith("connected");
  }

  @Test
  void aNameThatDoesNotResolveIsDnsWhenThePinnedAddressConnects() {
    CheckResult r =
        bypass(
            "missing.test",
            "dns.resolvers",
            dns.resolver(),
            "network.resolve",
            "missing.test:127.0.0.1");

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("dns-resolution-failed");
    assertThat(r.summary()).contains("does not resolve via dns.resolvers").contains("NXDOMAIN");
  }

  @Test
  void silentResolversAreDnsWhenTheSystemResolverReachesTheHost() throws Exception {
    try (FakeDnsServer silent = FakeDnsServer.silent()) {
      CheckResult r =
          new DnsBypassCheck(host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")})
              .run(
                  FakeCheckContext.of(
                          "api.url",
                          "http://api.test:" + api.getLocalPort(),
                          "dns.resolvers",
                          silent.resolver(),
                          "timeouts.read",
                          "300ms")
                      .on(Endpoint.API));

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.cause()).contains("dns-resolution-failed");
      assertThat(r.summary()).contains("the system resolver accepts connections");
    }
  }

  @Test
  void passesWhenBothPathsConnect() {
    CheckResult r =
        bypass(
            "good.test", "dns.resolvers", dns.resolver(), "network.resolve", "good.test:127.0.0.1");

    assertThat(r.status()).isEqualTo(Status.PASS);
  }

  @Test
  void clearsDnsWhenNeitherPathConnects() throws Exception {
    try (FreePorts.RefusingPort refusing = FreePorts.refusing()) {
      int closed = refusing.port();
      CheckResult r =
          new DnsBypassCheck()
              .run(
                  FakeCheckContext.of(
                          "api.url",
                          "http://good.test:" + closed,
                          "dns.resolvers",
                          dns.resolver(),
                          "network.resolve",
                          "good.test:127.0.0.1")
                      .on(Endpoint.API));

      assertThat(r.status()).isEqualTo(Status.PASS);
      assertThat(r.summary()).startsWith("not DNS").contains("reachability");
    }
  }

  @Test
  void skipsWithAHintWhenThereIsNoWayAroundDns() {
    CheckResult r = bypass("localhost");

    assertThat(r.status()).isEqualTo(Status.SKIP);
    assertThat(r.summary()).contains("--resolve localhost:IP");
  }

  @Test
  void skipsAnIpAddress() {
    CheckResult r = bypass("127.0.0.1");

    assertThat(r.status()).isEqualTo(Status.SKIP);
  }

  @Test
  void skipsWhenTheSystemResolverKnowsNoAddressEither() {
    CheckResult r =
        new DnsBypassCheck(
                host -> {
                  throw new java.net.UnknownHostException(host);
                })
            .run(
                FakeCheckContext.of(
                        "api.url",
                        "http://good.test:" + api.getLocalPort(),
                        "dns.resolvers",
                        dns.resolver())
                    .on(Endpoint.API));

    assertThat(r.status()).isEqualTo(Status.SKIP);
    assertThat(r.summary())
        .contains("the system resolver -> no address (unknown host)")
        .contains("--resolve good.test:IP");
  }

  @Test
  void saysNotDnsWhenTheDnsAnswerConnectsAndThePinDoesNot() {
    CheckResult r =
        bypass(
            "good.test", "dns.resolvers", dns.resolver(), "network.resolve", "good.test:127.0.0.3");

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.summary())
        .startsWith("not DNS: the DNS answer 127.0.0.1 accepts connections")
        .contains("does not");
  }
}
