package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterProfileTest {

  @Test
  void routesGiveGatewayBackendAndTheTenantsAdminPortal() {
    ClusterProfile p = ClusterProfile.of(FakeInstallation.healthy().installation());
    assertThat(p.gatewayUrl()).isEqualTo("https://api-3scale-apicast-production.apps.example.com");
    assertThat(p.backendUrl()).isEqualTo("https://backend-3scale.apps.example.com");
    assertThat(p.adminUrl()).isEqualTo("https://3scale-admin.apps.example.com");
  }

  @Test
  void whatTheUserSetWinsAndTheTokenIsOnlyInMemory() throws Exception {
    Profile user =
        new ProfileLoader(k -> null)
            .fromOverrides(Map.of("gateway.url", "https://api.customer.example"));
    Profile filled =
        ClusterProfile.of(FakeInstallation.healthy().installation())
            .fill(user, Secret.of(FakeInstallation.ADMIN_TOKEN));
    assertThat(filled.gateway().url()).isEqualTo("https://api.customer.example");
    assertThat(filled.threescale().backend()).isEqualTo("https://backend-3scale.apps.example.com");
    assertThat(filled.threescale().adminToken()).contains(Secret.of(FakeInstallation.ADMIN_TOKEN));
    assertThat(new ProfileLoader().toMaskedYaml(filled))
        .doesNotContain(FakeInstallation.ADMIN_TOKEN);
  }

  @Test
  void withoutATokenThereIsNoAdminPortal() throws Exception {
    Profile filled =
        ClusterProfile.of(FakeInstallation.healthy().installation()).fill(Profile.empty(), null);
    assertThat(filled.threescale().admin()).isNull();
  }

  @Test
  void anAdmittedRouteIsPreferredForTheGateway() {
    FakeInstallation f = FakeInstallation.healthy().productionRouteNotAdmitted();
    f.objects();
    ClusterProfile p = ClusterProfile.of(f.installation());
    assertThat(p.gatewayUrl()).isEqualTo("https://api-3scale-apicast-production.apps.example.com");
  }
}
