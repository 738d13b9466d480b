package io.threescaledoctor.checks.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelMapperTest {

  @Test
  void literalValuesThatCarryCredentialsArriveMasked() {
    assertThat(
            ModelMapper.maskedIfSecret(
                "THREESCALE_PORTAL_ENDPOINT", "https://abcdef0123456789@admin.example.com"))
        .isEqualTo("https://****6789@admin.example.com");
    assertThat(ModelMapper.maskedIfSecret("MASTER_ACCESS_TOKEN", "abcdef0123456789"))
        .isEqualTo("****6789");
    assertThat(ModelMapper.maskedIfSecret("APICAST_LOG_LEVEL", "debug")).isEqualTo("debug");
  }

  @Test
  void cpuLimitsBecomeMillicores() {
    Installation inst = FakeInstallation.healthy().installation();
    assertThat(
            inst.workload("apicast-production").orElseThrow().containers().get(0).cpuLimitMillis())
        .isEqualTo(1000L);
    assertThat(inst.workload("apicast-staging").orElseThrow().containers().get(0).cpuLimitMillis())
        .isEqualTo(100L);
  }

  @Test
  void secretsKeepTheirKeyNamesOnly() {
    Installation inst = FakeInstallation.healthy().installation();
    assertThat(inst.secret("system-seed").orElseThrow().toString())
        .contains("ADMIN_ACCESS_TOKEN")
        .doesNotContain(FakeInstallation.ADMIN_TOKEN);
  }
}
