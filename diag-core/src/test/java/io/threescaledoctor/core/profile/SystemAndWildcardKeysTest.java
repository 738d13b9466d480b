package io.threescaledoctor.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threescaledoctor.core.check.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys of issue 16: {@code system.*} (the admin portal's database) and the wildcard domain. */
class SystemAndWildcardKeysTest {
  private static final String PASSWORD = "SENTINEL-DB-PASSWORD-0001";

  private final ProfileLoader loader = new ProfileLoader(Map.of("DB_PASSWORD", PASSWORD)::get);

  @Test
  void readsTheSystemDatabaseWithItsPasswordAsASecret() throws Exception {
    Profile p =
        loader.parse(
            """
            gateway:
              wildcardDomain: apps.example.com
            system:
              database: jdbc:mysql://system-mysql:3306/system
              user: doctor
              password: ${DB_PASSWORD}
            """,
            "p.yaml",
            Map.of());
    assertThat(p.system().database()).isEqualTo("jdbc:mysql://system-mysql:3306/system");
    assertThat(p.system().user()).isEqualTo("doctor");
    assertThat(p.system().password()).isEqualTo(Secret.of(PASSWORD));
    assertThat(p.secrets()).contains(Secret.of(PASSWORD));
    assertThat(p.gateway().wildcardDomain()).isEqualTo("apps.example.com");
    assertThat(loader.toMaskedYaml(p)).doesNotContain(PASSWORD).contains("****0001");
  }

  @Test
  void knowsTheNewKeysForOverridesAndCompletion() {
    assertThat(ProfileKeys.names())
        .contains("system.database", "system.user", "system.password", "gateway.wildcardDomain");
    assertThat(ProfileKeys.find("system.password"))
        .get()
        .extracting(ProfileKeys.Key::secret)
        .isEqualTo(true);
  }

  @Test
  void rejectsADatabaseUrlThatIsNotJdbcNamingKeyAndLineWithoutThePassword() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "system:\n  database: mysql://root:" + PASSWORD + "@db/system\n",
                    "p.yaml",
                    Map.of()))
        .isInstanceOf(ProfileException.class)
        .hasMessageStartingWith("p.yaml:2: system.database:")
        .hasMessageContaining("is not a JDBC URL")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    assertThatThrownBy(
            () ->
                loader.fromOverrides(
                    Map.of("system.database", "jdbc:sqlserver://db;password=" + PASSWORD)))
        .isInstanceOf(ProfileException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
  }

  @Test
  void rejectsAWildcardDomainThatIsAUrl() {
    assertThatThrownBy(
            () ->
                loader.fromOverrides(Map.of("gateway.wildcardDomain", "https://apps.example.com")))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("gateway.wildcardDomain: 'https://apps.example.com' is not a domain");
  }

  @Test
  void masksAPasswordWrittenIntoTheDatabaseUrlEverywhere() throws Exception {
    Profile p =
        loader.fromOverrides(
            Map.of(
                "system.database",
                "jdbc:postgresql://db:5432/system?user=doctor&password=" + PASSWORD));
    Profile mariadb =
        loader.fromOverrides(
            Map.of("system.database", "jdbc:mariadb://doctor:" + PASSWORD + "@db:3306/system"));

    assertThat(p.secrets()).contains(Secret.of(PASSWORD));
    assertThat(mariadb.secrets()).contains(Secret.of(PASSWORD));
    assertThat(loader.toMaskedYaml(p)).doesNotContain(PASSWORD);
    assertThat(Profile.SystemDatabase.maskUrl(mariadb.system().database()))
        .isEqualTo("jdbc:mariadb://doctor:****@db:3306/system");
  }
}
