package io.threescaledoctor.checks.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.http.FakeCheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.testing.FreePorts;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DnsResolveCheckTest {
  private static Dnsmasq dns;

  @BeforeAll
  static void startDnsmasq() throws Exception {
    dns =
        Dnsmasq.start(
            "--host-record=real.test,10.1.1.1,300",
            "--cname=api.test,real.test,120",
            "--cname=dangling.test,gone.test,60",
            "--host-record=multi.test,10.2.2.1,60",
            "--host-record=multi.test,10.2.2.2,60",
            "--host-record=dual.test,10.3.3.3,2001:db8::3,60",
            "--txt-record=txtonly.test,hello",
            // Outside the local .test domain, with nothing to forward to, dnsmasq answers the A
            // query from this record and REFUSES the AAAA one, as IPv4-only resolvers do.
            "--host-record=ipv4only.example,10.4.4.4,60");
  }

  @AfterAll
  static void stopDnsmasq() throws Exception {
    dns.close();
  }

  private static CheckResult resolve(String url, String... more) {
    String[] keys = new String[more.length + 2];
    keys[0] = "api.url";
    keys[1] = url;
    System.arraycopy(more, 0, keys, 2, more.length);
    return new DnsResolveCheck().run(FakeCheckContext.of(keys).on(Endpoint.API));
  }

  @Test
  void resolvesAnExistingNameLikeDig() throws Exception {
    CheckResult r = resolve("http://real.test:8080", "dns.resolvers", dns.resolver());

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence().get("addresses")).isEqualTo("10.1.1.1");
    assertThat(dns.dig("real.test", "A")).containsExactly("real.test. 300 IN A 10.1.1.1");
    assertThat(r.evidence().get("A@" + dns.resolver()))
        .isEqualTo(String.join("; ", dns.dig("real.test", "A")));
    assertThat(r.reproduce()).contains("dig @127.0.0.1 -p " + dns.port() + " real.test A AAAA");
    assertThat(r.facts(ResolvedAddresses.class).orElseThrow().addresses())
        .containsExactly(InetAddress.getByName("10.1.1.1"));
  }

  @Test
  void aResolverThatRefusesTheAaaaQueryIsAWarningNginxWouldFailOn() throws Exception {
    CheckResult r =
        new DnsResolveCheck()
            .run(
                FakeCheckContext.of(
                        "threescale.backend",
                        "https://ipv4only.example",
                        "dns.resolvers",
                        dns.resolver(),
                        "vantage",
                        "gateway")
                    .on(Endpoint.BACKEND));

    assertThat(dns.dig("ipv4only.example", "A"))
        .containsExactly("ipv4only.example. 60 IN A 10.4.4.4");
    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("dns-address-type-failed");
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
    assertThat(r.summary())
        .startsWith("ipv4only.example resolves to 10.4.4.4, but ")
        .contains(dns.resolver() + " answers AAAA with REFUSED")
        .contains("ipv6=off");
    assertThat(r.evidence().get("addresses")).isEqualTo("10.4.4.4");
  }

  @Test
  void aNameWithNoIpv6AddressAnsweredEmptyIsNoWarning() {
    CheckResult r = resolve("http://real.test", "dns.resolvers", dns.resolver());

    assertThat(r.evidence().get("AAAA@" + dns.resolver())).contains("NOERROR");
    assertThat(r.status()).isEqualTo(Status.PASS);
  }

  @Test
  void followsTheCnameChainWithTtls() throws Exception {
    CheckResult r = resolve("http://api.test", "dns.resolvers", dns.resolver());

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence().get("cnameChain")).isEqualTo("api.test -> real.test (ttl 120)");
    assertThat(r.evidence().get("addresses")).isEqualTo("10.1.1.1");
    assertThat(r.evidence().get("A@" + dns.resolver()))
        .isEqualTo(String.join("; ", dns.dig("api.test", "A")));
  }

  @Test
  void aCnameChainThatEndsAtANameWithoutAddressFailsLikeNoAddress() {
    CheckResult r = resolve("http://dangling.test", "dns.resolvers", dns.resolver());

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("dns-resolution-failed");
    assertThat(r.summary())
        .contains("alias chain that ends nowhere")
        .contains("dangling.test -> gone.test (ttl 60)")
        .contains("no A or AAAA record");
    assertThat(r.evidence().get("outcome@" + dns.resolver())).isEqualTo("ALIAS_TO_NOTHING");
  }

  @Test
  void listsEveryAddressOfANameWithSeveralRecords() throws Exception {
    CheckResult r = resolve("http://multi.test", "dns.resolvers", dns.resolver());

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence().get("addresses").split(", "))
        .containsExactlyInAnyOrder("10.2.2.1", "10.2.2.2");
    assertThat(dns.dig("multi.test", "A")).hasSize(2);
  }

  @Test
  void listsIpv4AndIpv6AddressesLikeDig() throws Exception {
    CheckResult r = resolve("http://dual.test", "dns.resolvers", dns.resolver());

    assertThat(r.evidence().get("addresses")).isEqualTo("10.3.3.3, 2001:db8::3");
    assertThat(r.evidence().get("AAAA@" + dns.resolver()))
        .isEqualTo(String.join("; ", dns.dig("dual.test", "AAAA")));
  }

  @Test
  void reportsNxdomainForANameThatDoesNotExist() throws Exception {
    CheckResult r = resolve("http://nope.test", "dns.resolvers", dns.resolver());

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains("dns-resolution-failed");
    assertThat(r.summary()).contains("does not exist (NXDOMAIN)");
    assertThat(r.evidence().get("outcome@" + dns.resolver())).isEqualTo("NXDOMAIN");
    assertThat(dns.dig("nope.test", "A")).isEmpty();
  }

  @Test
  void reportsAnEmptyAnswerApartFromNxdomain() {
    CheckResult r = resolve("http://txtonly.test", "dns.resolvers", dns.resolver());

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.evidence().get("outcome@" + dns.resolver())).isEqualTo("NO_ANSWER");
    assertThat(r.summary()).contains("no A or AAAA record");
  }

  @Test
  void reportsServfail() throws Exception {
    try (FakeDnsServer failing = FakeDnsServer.servfail()) {
      CheckResult r = resolve("http://real.test", "dns.resolvers", failing.resolver());

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.summary()).contains("(SERVFAIL)");
      assertThat(r.evidence().get("outcome@" + failing.resolver())).isEqualTo("SERVFAIL");
    }
  }

  @Test
  void reportsNoServerReachedWhenNothingListensOnTheResolverPort() throws Exception {
    try (FreePorts.RefusingPort refusing = FreePorts.refusingUdp()) {
      int port = refusing.port();
      long start = System.nanoTime();
      CheckResult r =
          resolve(
              "http://real.test", "dns.resolvers", "127.0.0.1:" + port, "timeouts.read", "400ms");

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.summary()).startsWith("no DNS server could be reached for real.test");
      assertThat(r.evidence().get("outcome@127.0.0.1:" + port)).isEqualTo("UNREACHABLE");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
    }
  }

  @Test
  void aSilentServerCostsOnlyTheReadTimeout() throws Exception {
    try (FakeDnsServer silent = FakeDnsServer.silent()) {
      long start = System.nanoTime();
      CheckResult r =
          resolve("http://real.test", "dns.resolvers", silent.resolver(), "timeouts.read", "300ms");
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.summary()).contains("within the read timeout of 300ms (timeouts.read)");
      assertThat(millis).isLessThan(1500);
    }
  }

  @Test
  void warnsWhenOneOfSeveralResolversFails() throws Exception {
    try (FakeDnsServer failing = FakeDnsServer.servfail()) {
      CheckResult r =
          resolve("http://real.test", "dns.resolvers", dns.resolver() + "," + failing.resolver());

      assertThat(r.status()).isEqualTo(Status.WARN);
      assertThat(r.summary()).contains("1 of 2 resolvers").contains("SERVFAIL");
      assertThat(r.evidence().get("addresses")).isEqualTo("10.1.1.1");
    }
  }

  @Test
  void warnsWhenResolversDisagree() throws Exception {
    try (Dnsmasq other = Dnsmasq.start("--host-record=real.test,10.9.9.9,300")) {
      CheckResult r =
          resolve("http://real.test", "dns.resolvers", dns.resolver() + "," + other.resolver());

      assertThat(r.status()).isEqualTo(Status.WARN);
      assertThat(r.summary()).contains("disagree").contains("10.1.1.1").contains("10.9.9.9");
      assertThat(r.evidence().get("addresses")).isEqualTo("10.1.1.1, 10.9.9.9");
    }
  }

  @Test
  void passesAnIpLiteralWithoutAQuery() {
    CheckResult r = resolve("http://127.0.0.1:9", "dns.resolvers", "127.0.0.1:1");

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.summary()).contains("IP address");
  }

  @Test
  void passesAPinnedNameWithoutAQuery() {
    CheckResult r =
        resolve(
            "http://nope.test",
            "dns.resolvers",
            dns.resolver(),
            "network.resolve",
            "nope.test:10.7.7.7");

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.summary()).contains("pinned");
    assertThat(r.facts(ResolvedAddresses.class).orElseThrow().source()).isEqualTo("pinned");
  }

  @Test
  void resolvesLocalhostFromTheHostsFileWithTheSystemResolver() {
    CheckResult r = resolve("http://localhost:8080");

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence().get("source")).isEqualTo("hosts file");
  }

  @Test
  void blamesGateway3scaleWhenTheGatewayCannotResolveTheBackend() {
    CheckResult r =
        new DnsResolveCheck()
            .run(
                FakeCheckContext.of(
                        "threescale.backend",
                        "https://backend.nope.test",
                        "vantage",
                        "gateway",
                        "dns.resolvers",
                        dns.resolver())
                    .on(Endpoint.BACKEND));

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.hop()).isEqualTo(Hop.GATEWAY_3SCALE);
  }

  @Test
  void resolvesOnlyTheTypesAskedFor() {
    CheckResult r =
        new DnsResolveCheck(List.of(org.xbill.DNS.Type.CNAME))
            .run(
                FakeCheckContext.of("api.url", "http://api.test", "dns.resolvers", dns.resolver())
                    .on(Endpoint.API));

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence())
        .containsKey("CNAME@" + dns.resolver())
        .doesNotContainKey("A@" + dns.resolver());
  }

  @Test
  void severalSilentResolversCostOneTimeoutNotOneEach() throws Exception {
    try (FakeDnsServer a = FakeDnsServer.silent();
        FakeDnsServer b = FakeDnsServer.silent();
        FakeDnsServer c = FakeDnsServer.silent()) {
      long start = System.nanoTime();
      CheckResult r =
          resolve(
              "http://real.test",
              "dns.resolvers",
              a.resolver() + "," + b.resolver() + "," + c.resolver(),
              "timeouts.read",
              "400ms");

      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
      assertThat(r.status()).isEqualTo(Status.FAIL);
      assertThat(r.summary()).startsWith("no DNS server could be reached");
    }
  }

  @Test
  void aNameOnlyTheProxyCanResolveIsAWarningNotAFailure() {
    CheckResult r =
        resolve(
            "http://nope.test",
            "dns.resolvers",
            dns.resolver(),
            "network.proxy",
            "http://127.0.0.1:3128");

    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.summary()).contains("NXDOMAIN").contains("the proxy resolves it instead");
  }
}
