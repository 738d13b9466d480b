package io.threescaledoctor.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SampleProfilesTest {
  private static final Path DIR = Path.of("profiles");
  private final ProfileLoader loader = new ProfileLoader(name -> "placeholder-" + name);

  private Profile load(String name) throws Exception {
    return loader.load(DIR.resolve(name), Map.of());
  }

  @Test
  void everySampleProfileLoads() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSize(5);
    for (Path f : files) {
      Profile p = loader.load(f, Map.of());
      assertThat(p.gateway().url()).as(f.toString()).startsWith("https://");
      assertThat(p.credentials().isEmpty()).as(f.toString()).isFalse();
    }
  }

  @Test
  void hostedApicastUsesThe3scaleSaasBackendFromTheClient() throws Exception {
    Profile p = load("hosted-apicast.yaml");
    assertThat(p.vantage()).isEqualTo(Profile.Vantage.CLIENT);
    assertThat(p.threescale().backendOrDefault()).isEqualTo(Profile.DEFAULT_BACKEND);
    assertThat(p.credentials().userKey().reveal()).isEqualTo("placeholder-USER_KEY");
  }

  @Test
  void selfManagedReadsTheGatewaysLogsWithAUserKeyHeader() throws Exception {
    Profile p = load("self-managed-user-key.yaml");
    assertThat(p.vantage()).isEqualTo(Profile.Vantage.GATEWAY);
    assertThat(p.gateway().errorLog()).isEqualTo("/var/log/nginx/error.log");
    assertThat(p.credentials().inOrDefault()).isEqualTo(Profile.CredentialsLocation.HEADER);
  }

  @Test
  void appIdAppKeyAndOauthCarryTheirCredentialKinds() throws Exception {
    Profile appKey = load("app-id-app-key.yaml");
    assertThat(appKey.credentials().appId()).isEqualTo("3f2a9c71");
    assertThat(appKey.credentials().appKey().reveal()).isEqualTo("placeholder-APP_KEY");
    assertThat(appKey.threescale().usageOrDefault()).containsEntry("payments", 1);
    Profile oauth = load("oauth.yaml");
    assertThat(oauth.credentials().accessToken().reveal()).isEqualTo("placeholder-ACCESS_TOKEN");
  }

  @Test
  void onPremisesTrustsTheCompanyCaAndKeepsTheAdminTokenSecret() throws Exception {
    Profile p = load("on-premises-custom-ca.yaml");
    assertThat(p.tls().caFile()).endsWith("example-internal-root-ca.pem");
    assertThat(p.tls().insecureOrDefault()).isFalse();
    assertThat(p.threescale().adminToken())
        .hasValueSatisfying(t -> assertThat(t.reveal()).isEqualTo("placeholder-ADMIN_TOKEN"));
    assertThat(loader.toMaskedYaml(p)).doesNotContain("placeholder-");
  }

  @Test
  void onPremisesNamesTheWildcardDomainAndTheSystemDatabase() throws Exception {
    Profile p = load("on-premises-custom-ca.yaml");
    assertThat(p.gateway().wildcardDomain()).isEqualTo("apps.ocp.example.internal");
    assertThat(p.system().database()).startsWith("jdbc:mysql://system-mysql.");
    assertThat(p.system().password().reveal()).isEqualTo("placeholder-DB_PASSWORD");
  }
}
