package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.profile.Profile;
import org.junit.jupiter.api.Test;

class TargetTest {
  @Test
  void showsNoBackendTheUserNeverSetWhenNothingWillCallOne() throws Exception {
    Profile p = Profile.builder().gatewayUrl("https://api.example.com").build();

    assertThat(Target.rows(p)).doesNotContainKey("threescale.backend");
  }

  @Test
  void saysTheHostedBackendIsTheDefaultWhenAServiceWillBeAuthorized() throws Exception {
    Profile p = Profile.builder().threescaleServiceId("42").build();

    assertThat(Target.rows(p))
        .containsEntry("threescale.backend", "https://su1.3scale.net (default)");
  }

  @Test
  void showsTheBackendTheUserSet() throws Exception {
    Profile p = Profile.builder().threescaleBackend("https://backend.example.com").build();

    assertThat(Target.rows(p)).containsEntry("threescale.backend", "https://backend.example.com");
  }

  @Test
  void leavesTheVantageToTheHeaderWhichKnowsWhetherItWasInferred() throws Exception {
    Profile p = Profile.builder().gatewayUrl("https://api.example.com").build();

    assertThat(Target.rows(p)).doesNotContainKey("vantage").containsKey("gateway.url");
  }
}
