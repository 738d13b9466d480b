package io.threescaledoctor.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.threescaledoctor.core.check.Secret;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileBuilderTest {
  /** Sets every key a profile has; the test below fails when a key is added and not here. */
  private static final String EVERY_KEY =
      """
      vantage: gateway
      gateway:
        url: https://api.example.com
        errorLog: /var/log/nginx/error.log
        accessLog: /var/log/nginx/access.log
        nginxConf: /etc/nginx/nginx.conf
        management: http://127.0.0.1:8090
        wildcardDomain: apps.example.com
        proxy: direct
        servername: gw.example.com
      api:
        url: http://10.0.0.5:8080
        proxy: http://api-proxy.example.com:3128
        servername: api.internal
      client:
        method: POST
        path: /hello
        headers: {X-Trace: "1"}
      threescale:
        backend: https://su1.3scale.net
        serviceId: "2555417777777"
        serviceToken: st-0123456789abcdef
        providerKey: pk-0123456789abcdef
        admin: prod
        reportUsage: true
        usage: {hits: 2}
        referrer: app.example.com
        activeDocs: /etc/3scale/petstore.json
        backendProxy: http://backend-proxy.example.com:3128
        backendServername: su1.3scale.net
        adminProxy: direct
        adminServername: tenant-admin.example.com
      credentials:
        userKey: uk-0123456789abcdef
        appId: app-1
        appKey: ak-0123456789abcdef
        accessToken: at-0123456789abcdef
        in: header
        redirectUri: https://client.example.com/callback
      dns:
        resolvers: [10.0.0.2, "10.0.0.3:5353"]
      timeouts: {connect: 1s, read: 2s, check: 3s, total: 4s}
      tls: {caFile: /etc/ca.pem, insecure: true, servername: api.example.com}
      network:
        resolve: ["api.example.com:127.0.0.1"]
        proxy: http://proxy.example.com:3128
      system:
        database: jdbc:postgresql://db.example.com:5432/system
        user: doctor
        password: pw-0123456789abcdef
      extensions:
        myapp.redis: {url: "redis://10.0.0.7:6379", hosts: [a, b]}
      """;

  private static Profile.Builder everyKeyInCode() {
    return Profile.builder()
        .vantage(Profile.Vantage.GATEWAY)
        .gatewayUrl("https://api.example.com")
        .gatewayErrorLog("/var/log/nginx/error.log")
        .gatewayAccessLog("/var/log/nginx/access.log")
        .gatewayNginxConf("/etc/nginx/nginx.conf")
        .gatewayManagement("http://127.0.0.1:8090")
        .gatewayWildcardDomain("apps.example.com")
        .gatewayProxy("direct")
        .gatewayServername("gw.example.com")
        .apiUrl("http://10.0.0.5:8080")
        .apiProxy("http://api-proxy.example.com:3128")
        .apiServername("api.internal")
        .clientMethod("POST")
        .clientPath("/hello")
        .clientHeaders(Map.of("X-Trace", "1"))
        .threescaleBackend("https://su1.3scale.net")
        .threescaleServiceId("2555417777777")
        .threescaleServiceToken("st-0123456789abcdef")
        .threescaleProviderKey("pk-0123456789abcdef")
        .threescaleAdmin("prod")
        .threescaleReportUsage(true)
        .threescaleUsage(Map.of("hits", 2))
        .threescaleReferrer("app.example.com")
        .threescaleActiveDocs("/etc/3scale/petstore.json")
        .threescaleBackendProxy("http://backend-proxy.example.com:3128")
        .threescaleBackendServername("su1.3scale.net")
        .threescaleAdminProxy("direct")
        .threescaleAdminServername("tenant-admin.example.com")
        .credentialsUserKey("uk-0123456789abcdef")
        .credentialsAppId("app-1")
        .credentialsAppKey("ak-0123456789abcdef")
        .credentialsAccessToken("at-0123456789abcdef")
        .credentialsIn(Profile.CredentialsLocation.HEADER)
        .credentialsRedirectUri("https://client.example.com/callback")
        .dnsResolvers("10.0.0.2", "10.0.0.3:5353")
        .timeoutsConnect(Duration.ofSeconds(1))
        .timeoutsRead(Duration.ofSeconds(2))
        .timeoutsCheck(Duration.ofSeconds(3))
        .timeoutsTotal(Duration.ofSeconds(4))
        .tlsCaFile("/etc/ca.pem")
        .tlsInsecure(true)
        .tlsServername("api.example.com")
        .networkResolve("api.example.com:127.0.0.1")
        .networkProxy("http://proxy.example.com:3128")
        .systemDatabase("jdbc:postgresql://db.example.com:5432/system")
        .systemUser("doctor")
        .systemPassword("pw-0123456789abcdef")
        .extension("myapp.redis", "url", "redis://10.0.0.7:6379")
        .extension("myapp.redis", "hosts", List.of("a", "b"));
  }

  @Test
  void everyProfileKeyHasABuilderMethodNamedAfterIt() {
    List<String> missing = new ArrayList<>();
    for (ProfileKeys.Key key : ProfileKeys.all()) {
      String method = methodName(key.name());
      boolean found =
          Arrays.stream(Profile.Builder.class.getMethods())
              .anyMatch(
                  m ->
                      m.getName().equals(method)
                          && m.getParameterCount() == 1
                          && Modifier.isPublic(m.getModifiers())
                          && m.getReturnType() == Profile.Builder.class);
      if (!found) {
        missing.add(key.name() + " -> Profile.Builder." + method + "(...)");
      }
    }
    assertThat(missing).as("profile keys the builder cannot set").isEmpty();
  }

  @Test
  void theYamlAboveSetsEveryKeyTheProfileHas() throws Exception {
    JsonNode tree = ProfileLoader.newMapper().readTree(EVERY_KEY);
    List<String> written = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> section = it.next();
      if (section.getKey().equals("extensions") || !section.getValue().isObject()) {
        written.add(section.getKey());
        continue;
      }
      section
          .getValue()
          .fieldNames()
          .forEachRemaining(f -> written.add(section.getKey() + "." + f));
    }
    assertThat(written).containsAll(ProfileKeys.names());
  }

  @Test
  void aProfileBuiltInCodeEqualsTheSameProfileInYaml() throws Exception {
    Profile fromYaml = new ProfileLoader(name -> null).parse(EVERY_KEY, "profile.yaml", Map.of());
    Profile inCode = everyKeyInCode().build();

    assertThat(inCode).isEqualTo(fromYaml);
    assertThat(inCode.credentials().userKey()).isEqualTo(Secret.of("uk-0123456789abcdef"));
  }

  @Test
  void toBuilderCopiesEveryKeyAndChangesOnlyWhatIsSet() throws Exception {
    Profile original = everyKeyInCode().build();

    assertThat(original.toBuilder().build()).isEqualTo(original);
    Profile changed = original.toBuilder().apiUrl("http://10.0.0.6:8080").clientPath(null).build();
    assertThat(changed.api().url()).isEqualTo("http://10.0.0.6:8080");
    assertThat(changed.client().path()).isNull();
    assertThat(changed.gateway()).isEqualTo(original.gateway());
    assertThat(changed.extensions()).isEqualTo(original.extensions());
  }

  @Test
  void aBadUrlIsTheSameProfileExceptionAsInYamlWithoutTheLine() throws Exception {
    String fromYaml =
        message(() -> new ProfileLoader().parse("gateway: {url: ftp://x}", "profile", Map.of()));
    String inCode = message(() -> Profile.builder().gatewayUrl("ftp://x").build());

    assertThat(inCode)
        .isEqualTo("profile: gateway.url: 'ftp://x' is not an http:// or https:// URL");
    assertThat(fromYaml).isEqualTo(inCode.replace("profile:", "profile:1:"));
  }

  @Test
  void everyRuleOfTheYamlPathHolds() {
    assertThatThrownBy(() -> Profile.builder().clientPath("hello").build())
        .isInstanceOf(ProfileException.class)
        .hasMessage("profile: client.path: 'hello' must start with /");
    assertThatThrownBy(() -> Profile.builder().networkResolve("api.example.com").build())
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("network.resolve: 'api.example.com' is not NAME:IP");
    assertThatThrownBy(() -> Profile.builder().apiUrl("http://").build())
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("api.url");
    assertThatThrownBy(() -> Profile.builder().extension("MyApp", "url", "x").build())
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("extensions.MyApp");
  }

  @Test
  void aSecretGivenInCodeNeverShowsInTheMaskedYaml() throws Exception {
    String yaml =
        new ProfileLoader()
            .toMaskedYaml(
                Profile.builder()
                    .credentialsUserKey("SENTINEL-0123456789")
                    .threescaleAdmin("https://SENTINEL-admin-token@tenant-admin.example.com")
                    .build());

    assertThat(yaml).doesNotContain("SENTINEL").contains("****6789");
  }

  private static String methodName(String key) {
    String[] parts = key.split("\\.");
    StringBuilder sb = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return sb.toString();
  }

  private interface Loading {
    Profile load() throws ProfileException;
  }

  private static String message(Loading loading) {
    try {
      loading.load();
    } catch (ProfileException e) {
      return e.getMessage();
    }
    throw new AssertionError("no ProfileException");
  }
}
