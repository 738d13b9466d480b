package io.threescaledoctor.checks.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Hop;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayRoutesTest {
  @TempDir Path dir;

  private GatewayRoutes routes(String conf) throws Exception {
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    return GatewayRoutes.of(NginxConfigParser.parse(file).directives());
  }

  @Test
  void theLocationAuthRequestCallsIs3scaleAndTheMainLocationIsTheApi() throws Exception {
    GatewayRoutes r =
        routes(
            """
            http {
              server {
                location = /threescale_authrep {
                  internal;
                  proxy_pass https://su1.3scale.net/transactions/authrep.xml?user_key=$arg_user_key;
                }
                location / {
                  auth_request /threescale_authrep;
                  proxy_pass http://10.0.0.5:8080;
                }
              }
            }
            """);
    assertThat(r.authLocations()).containsExactly("/threescale_authrep");
    assertThat(r.hopOf("su1.3scale.net", 443)).contains(Hop.GATEWAY_3SCALE);
    assertThat(r.hopOf("10.0.0.5", 8080)).contains(Hop.GATEWAY_API);
    assertThat(r.find("su1.3scale.net", -1).get(0).why())
        .isEqualTo("proxy_pass in location = /threescale_authrep, which auth_request calls");
    assertThat(r.find("10.0.0.5", -1).get(0).where()).endsWith("nginx.conf:9");
  }

  @Test
  void aCallToTransactionsIs3scaleWhereverItIs() throws Exception {
    GatewayRoutes r =
        routes(
            """
            http { server {
              location /report { proxy_pass http://backend.internal:3000/transactions/authorize.xml; }
              location / { proxy_pass http://api.3scale.example.com; }
            } }
            """);
    assertThat(r.hopOf("backend.internal", 3000)).contains(Hop.GATEWAY_3SCALE);
    assertThat(r.hopOf("api.3scale.example.com", 80))
        .as("a name saying 3scale proxied from the main location is the API")
        .contains(Hop.GATEWAY_API);
  }

  @Test
  void anUpstreamBlockAndItsServersTakeTheHopOfTheProxyPassThatNamesIt() throws Exception {
    GatewayRoutes r =
        routes(
            """
            http {
              upstream threescale { server 52.1.2.3:443; server 52.1.2.4; }
              upstream api_pool { server 10.0.0.5:8080; server [2001:db8::5]:8080; }
              server {
                location = /auth { internal; proxy_pass https://threescale; }
                location / { auth_request /auth; proxy_pass http://api_pool; }
              }
            }
            """);
    assertThat(r.hopOf("threescale", -1)).contains(Hop.GATEWAY_3SCALE);
    assertThat(r.hopOf("52.1.2.3", 443)).contains(Hop.GATEWAY_3SCALE);
    assertThat(r.hopOf("52.1.2.4", 443)).as("https: 443 by default").contains(Hop.GATEWAY_3SCALE);
    assertThat(r.hopOf("api_pool", -1)).contains(Hop.GATEWAY_API);
    assertThat(r.hopOf("2001:db8::5", 8080)).contains(Hop.GATEWAY_API);
    assertThat(r.hopOf("10.0.0.5", 9999)).as("another port is another upstream").isEmpty();
  }

  @Test
  void followsSetVariablesAndSaysWhenAHostIsOnlyKnownAtRunTime() throws Exception {
    GatewayRoutes r =
        routes(
            """
            http {
              resolver 10.0.0.2 8.8.8.8:5353 valid=30s ipv6=off;
              server {
                set $api_host api.internal.example;
                location / { proxy_pass http://$api_host:8080; }
                location /other { proxy_pass $upstream_from_lua; }
              }
            }
            """);
    assertThat(r.hopOf("api.internal.example", -1)).contains(Hop.GATEWAY_API);
    assertThat(r.resolvers())
        .extracting(GatewayRoutes.Resolver::address)
        .containsExactly("10.0.0.2:53", "8.8.8.8:5353");
    assertThat(r.notes()).singleElement().asString().contains("$upstream_from_lua");
  }

  @Test
  void anAuthRequestPathIsServedByTheLongestPrefixLocationNotByTheMainOne() throws Exception {
    GatewayRoutes r =
        routes(
            """
            http { server {
              location /auth/ { internal; proxy_pass http://10.9.9.9:3000; }
              location / { auth_request /auth/check; proxy_pass http://10.0.0.5:8080; }
            } }
            """);
    assertThat(r.hopOf("10.9.9.9", 3000)).contains(Hop.GATEWAY_3SCALE);
    assertThat(r.hopOf("10.0.0.5", 8080)).contains(Hop.GATEWAY_API);
  }
}
