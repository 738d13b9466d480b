package io.threescaledoctor.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threescaledoctor.core.check.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {
  private static final String FULL =
      """
      vantage: gateway
      gateway:
        url: https://api.example.com
        errorLog: /var/log/nginx/error.log
      api:
        url: http://10.0.0.5:8080
      client:
        method: get
        path: /hello
      threescale:
        serviceId: "2555417777777"
        serviceToken: ${SERVICE_TOKEN}
      credentials:
        userKey: ${USER_KEY:-fallback-user-key}
        in: header
      dns:
        resolvers: [127.0.0.1:5353]
      timeouts:
        connect: 500ms
        read: 2s
        total: 1m
      """;

  private final ProfileLoader loader =
      new ProfileLoader(Map.of("SERVICE_TOKEN", "token-0123456789abcdef")::get);

  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path f = dir.resolve("profile.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void readsEveryDesignKeyWithInterpolationAndDefaults() throws Exception {
    Profile p = loader.load(write(FULL), Map.of());

    assertThat(p.vantage()).isEqualTo(Profile.Vantage.GATEWAY);
    assertThat(p.gateway().url()).isEqualTo("https://api.example.com");
    assertThat(p.client().methodOrDefault()).isEqualTo("GET");
    assertThat(p.threescale().serviceToken().reveal()).isEqualTo("token-0123456789abcdef");
    assertThat(p.threescale().backendOrDefault()).isEqualTo("https://su1.3scale.net");
    assertThat(p.credentials().userKey().reveal()).isEqualTo("fallback-user-key");
    assertThat(p.credentials().inOrDefault()).isEqualTo(Profile.CredentialsLocation.HEADER);
    assertThat(p.dns().resolversOrEmpty()).containsExactly("127.0.0.1:5353");
    assertThat(p.timeouts().connectOrDefault()).isEqualTo(Duration.ofMillis(500));
    assertThat(p.timeouts().totalOrDefault()).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.endpointUrl(Endpoint.API))
        .hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(8080));
  }

  @Test
  void overridesWinOverTheFile() throws Exception {
    Profile p =
        loader.load(
            write(FULL),
            Map.of(
                "gateway.url",
                "http://127.0.0.1:9000",
                "dns.resolvers",
                "1.1.1.1, 9.9.9.9",
                "threescale.usage",
                "hits=2,search=1"));

    assertThat(p.gateway().url()).isEqualTo("http://127.0.0.1:9000");
    assertThat(p.dns().resolversOrEmpty()).containsExactly("1.1.1.1", "9.9.9.9");
    assertThat(p.threescale().usageOrDefault()).containsEntry("hits", 2).containsEntry("search", 1);
  }

  @Test
  void rejectsAnUnknownKeyNamingItAndItsLine() throws Exception {
    Path f = write("gateway:\n  url: https://a.example.com\n  urll: https://typo\n");

    assertThatThrownBy(() -> loader.load(f, Map.of()))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining(f + ":3")
        .hasMessageContaining("gateway.urll");
  }

  @Test
  void rejectsInvalidYamlWithItsLine() throws Exception {
    Path f = write("gateway:\n  url: [unclosed\n");

    assertThatThrownBy(() -> loader.load(f, Map.of()))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("invalid YAML")
        .hasMessageStartingWith(f.toString());
  }

  @Test
  void rejectsABadUrlNamingTheKeyAndLine() throws Exception {
    Path f = write("api:\n  url: htp//nowhere\n");

    assertThatThrownBy(() -> loader.load(f, Map.of()))
        .isInstanceOf(ProfileException.class)
        .hasMessage(f + ":2: api.url: 'htp//nowhere' is not an http:// or https:// URL");
  }

  @Test
  void namesAMissingEnvironmentVariableAndItsLine() throws Exception {
    Path f = write("threescale:\n  serviceToken: ${NOT_SET_ANYWHERE}\n");

    assertThatThrownBy(() -> loader.load(f, Map.of()))
        .hasMessage(f + ":2: environment variable NOT_SET_ANYWHERE is not set");
  }

  @Test
  void reportsAMissingFileAndABinaryFileInOneLine() throws Exception {
    assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"), Map.of()))
        .hasMessage(dir.resolve("nope.yaml") + ": no such profile file");
    Path binary = dir.resolve("binary.yaml");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    assertThatThrownBy(() -> loader.load(binary, Map.of()))
        .hasMessage(binary + ": not a text file (invalid UTF-8)");
  }

  @Test
  void noOverridesMakeTheSameProfileAsAnEmptyFile() throws Exception {
    assertThat(loader.fromOverrides(Map.of()))
        .isEqualTo(loader.load(write("gateway: {}\n"), Map.of()))
        .isEqualTo(Profile.empty());
  }

  @Test
  void settingTheCaFileDirectlyEqualsTheOverride() throws Exception {
    Path full = write(FULL);
    assertThat(loader.load(full, Map.of()).withTlsCaFile("/etc/ssl/ca.pem"))
        .isEqualTo(loader.load(full, Map.of("tls.caFile", "/etc/ssl/ca.pem")));
  }

  @Test
  void rejectsAnOverrideOfAnUnknownKey() {
    assertThatThrownBy(() -> loader.fromOverrides(Map.of("gateway.uri", "http://x")))
        .hasMessageStartingWith("unknown profile key 'gateway.uri'");
  }

  @Test
  void rejectsABadDuration() throws Exception {
    Path f = write("timeouts:\n  read: soon\n");

    assertThatThrownBy(() -> loader.load(f, Map.of()))
        .hasMessageContaining(f + ":2")
        .hasMessageContaining("timeouts.read");
  }

  @Test
  void writesSecretsMaskedOnly() throws Exception {
    Profile p = loader.load(write(FULL), Map.of());

    String yaml = loader.toMaskedYaml(p);

    assertThat(yaml).doesNotContain("token-0123456789abcdef").contains("****cdef");
  }

  @Test
  void takesTheAdminTokenFromTheUrlAsASecret() throws Exception {
    Profile p =
        loader.fromOverrides(
            Map.of("threescale.admin", "https://admintoken123456@tenant-admin.example.com"));

    assertThat(p.secrets()).extracting(s -> s.reveal()).contains("admintoken123456");
  }

  @Test
  void knowsEveryKeyFromTheRecords() {
    assertThat(ProfileKeys.names())
        .contains(
            "gateway.url", "credentials.userKey", "timeouts.check", "dns.resolvers", "vantage");
    assertThat(ProfileKeys.find("credentials.appKey"))
        .hasValueSatisfying(k -> assertThat(k.secret()).isTrue());
  }

  @Test
  void eachEndpointMayHaveItsOwnProxyOrGoDirect() throws Exception {
    Path f =
        write(
            """
            api: {url: "http://10.0.0.5:8080", proxy: direct}
            gateway: {url: "https://api.example.com", servername: edge.example.com}
            threescale: {backend: "https://su1.3scale.net", backendProxy: "http://proxy-b:3128"}
            network: {proxy: "http://proxy-a:8080"}
            tls: {servername: fallback.example.com}
            """);

    Profile p = loader.load(f, Map.of());

    assertThat(p.endpointProxy(Endpoint.API)).isEmpty();
    assertThat(p.endpointProxy(Endpoint.GATEWAY)).contains("http://proxy-a:8080");
    assertThat(p.endpointProxy(Endpoint.BACKEND)).contains("http://proxy-b:3128");
    assertThat(p.endpointServername(Endpoint.GATEWAY)).contains("edge.example.com");
    assertThat(p.endpointServername(Endpoint.API)).contains("fallback.example.com");
  }

  @Test
  void rejectsAnEndpointProxyThatIsNotAUrlNamingItsKey() throws Exception {
    Path f = write("threescale:\n  adminProxy: ftp://proxy\n");

    assertThatThrownBy(() -> loader.load(f, Map.of()))
        .isInstanceOf(ProfileException.class)
        .hasMessage(
            f + ":2: threescale.adminProxy: 'ftp://proxy' is not an http:// or https:// URL");
  }

  @Test
  void leavesTheVantageUnstatedWhenTheProfileDoesNotSayIt() throws Exception {
    Profile p = loader.load(write("gateway:\n  url: http://127.0.0.1\n"), Map.of());

    assertThat(p.statedVantage()).isEmpty();
    assertThat(p.vantage()).isEqualTo(Profile.Vantage.CLIENT);
    assertThat(p.withVantage(Profile.Vantage.GATEWAY).statedVantage())
        .contains(Profile.Vantage.GATEWAY);
  }
}
