package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.dns.Dnsmasq;
import io.threescaledoctor.checks.dns.FakeDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DnsCommandTest {
  private static Dnsmasq dns;

  @BeforeAll
  static void start() throws Exception {
    dns = Dnsmasq.start("--host-record=real.test,10.1.1.1,300", "--cname=api.test,real.test,120");
  }

  @AfterAll
  static void stop() throws Exception {
    dns.close();
  }

  @Test
  void resolvesThroughTheNamedResolverAsJson() throws Exception {
    CliRun run = CliRun.of("dns", "api.test", "@" + dns.resolver(), "--format", "json");

    assertThat(run.exit()).as(run.err()).isEqualTo(0);
    JsonNode result = new ObjectMapper().readTree(run.out()).path("results").get(0);
    assertThat(result.path("id").asText()).isEqualTo("api.dns.resolve");
    assertThat(result.path("status").asText()).isEqualTo("PASS");
    assertThat(result.path("evidence").path("addresses").asText()).isEqualTo("10.1.1.1");
    assertThat(result.path("evidence").path("cnameChain").asText())
        .isEqualTo("api.test -> real.test (ttl 120)");
    assertThat(result.path("reproduce").asText())
        .isEqualTo("dig @127.0.0.1 -p " + dns.port() + " api.test A AAAA");
  }

  @Test
  void reportsAboutTheNameAskedForNotAboutAChain() {
    CliRun run = CliRun.of("dns", "api.test", "@" + dns.resolver());

    assertThat(run.exit()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("dns api.test @" + dns.resolver())
        .contains("ok   dns.resolve")
        .contains("OK    dns api.test @" + dns.resolver() + ": 1 check passed")
        .doesNotContain("Does the API answer")
        .doesNotContain("not tested")
        .doesNotContain("end to end");
  }

  @Test
  void asksOnlyForTheTypeGiven() throws Exception {
    CliRun run =
        CliRun.of("dns", "api.test", "@" + dns.resolver(), "--type", "CNAME", "--format", "json");

    JsonNode evidence =
        new ObjectMapper().readTree(run.out()).path("results").get(0).path("evidence");
    assertThat(evidence.path("CNAME@" + dns.resolver()).asText())
        .isEqualTo("api.test. 120 IN CNAME real.test.");
    assertThat(evidence.has("A@" + dns.resolver())).isFalse();
  }

  @Test
  void aNameThatDoesNotExistExitsOne() {
    CliRun run = CliRun.of("dns", "nope.test", "@" + dns.resolver());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("NXDOMAIN").contains("dns-resolution-failed");
  }

  @Test
  void comparesTheResolversGivenWithResolver() throws Exception {
    try (FakeDnsServer failing = FakeDnsServer.servfail()) {
      CliRun run =
          CliRun.of(
              "dns",
              "real.test",
              "--resolver",
              dns.resolver() + "," + failing.resolver(),
              "--format",
              "json");

      assertThat(run.exit()).isEqualTo(0);
      JsonNode result = new ObjectMapper().readTree(run.out()).path("results").get(0);
      assertThat(result.path("status").asText()).isEqualTo("WARN");
      assertThat(result.path("summary").asText()).contains("SERVFAIL");
    }
  }

  @Test
  void aBadResolverIsOneLineAndExitTwo() {
    CliRun run = CliRun.of("dns", "real.test", "@not-an-ip");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).contains("expected IP[:PORT]");
  }

  @Test
  void aBadTypeIsOneLineAndExitTwo() {
    CliRun run = CliRun.of("dns", "real.test", "--type", "MX");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--type MX");
  }
}
