package io.threescaledoctor.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.check.Setting;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionSettingsTest {
  private static final List<Setting> REDIS =
      List.of(
          Setting.url("myapp.redis", "url", "where it listens").asRequired(),
          Setting.secret("myapp.redis", "password", "AUTH password"),
          Setting.duration("myapp.redis", "timeout", "how long to wait"),
          Setting.integer("myapp.redis", "database", "database number"),
          Setting.flag("myapp.redis", "tls", "TLS on"),
          Setting.list("myapp.redis", "replicas", "replica hosts"));

  private static Profile yaml(String text, Map<String, String> overrides) throws ProfileException {
    return new ProfileLoader(name -> null).parse(text, "profile.yaml", overrides);
  }

  @Test
  void typedAccessorsReadWhatTheYamlSays() throws Exception {
    Profile p =
        yaml(
            """
            extensions:
              myapp.redis:
                url: redis://10.0.0.7:6379
                password: s3cr3t-pass-word
                timeout: 2s
                database: 3
                tls: true
                replicas: [r1, r2]
            """,
            Map.of());
    ExtensionSettings.validate(p, REDIS);
    ExtensionSettings s = p.extension("myapp.redis");

    assertThat(s.url("url")).contains(URI.create("redis://10.0.0.7:6379"));
    assertThat(s.secret("password")).contains(Secret.of("s3cr3t-pass-word"));
    assertThat(s.duration("timeout")).contains(Duration.ofSeconds(2));
    assertThat(s.integer("database")).contains(3L);
    assertThat(s.flag("tls")).contains(true);
    assertThat(s.list("replicas")).containsExactly("r1", "r2");
    assertThat(p.extension("other.thing").names()).isEmpty();
  }

  @Test
  void setTargetsOneSettingTheLastDotSeparatingItsName() throws Exception {
    Profile p =
        yaml(
            "extensions: {myapp.redis: {url: 'redis://a:1'}}",
            Map.of(
                "extensions.myapp.redis.url", "redis://b:2",
                "extensions.myapp.redis.replicas", "r1, r2"));

    assertThat(p.extension("myapp.redis").text("url")).contains("redis://b:2");
    assertThat(p.extension("myapp.redis").list("replicas")).containsExactly("r1", "r2");
  }

  @Test
  void anExtensionNoCheckReadsIsRejectedNamingIt() throws Exception {
    Profile p = yaml("extensions: {myapp.redsi: {url: 'redis://a:1'}}", Map.of());

    assertThatThrownBy(() -> ExtensionSettings.validate(p, REDIS))
        .isInstanceOf(ProfileException.class)
        .hasMessage(
            "extensions.myapp.redsi: no installed check reads this extension (extensions:"
                + " myapp.redis)");
  }

  @Test
  void anUnknownSettingIsRejectedListingTheKnownOnes() throws Exception {
    Profile p = yaml("extensions: {myapp.redis: {uri: 'redis://a:1'}}", Map.of());

    assertThatThrownBy(() -> ExtensionSettings.validate(p, REDIS))
        .isInstanceOf(ProfileException.class)
        .hasMessageStartingWith(
            "extensions.myapp.redis.uri: unknown setting (myapp.redis takes: url,");
  }

  @Test
  void aValueOfTheWrongKindIsRejectedNamingTheKey() throws Exception {
    for (String[] bad :
        new String[][] {
          {"url", "not a url"}, {"timeout", "soon"}, {"database", "three"}, {"tls", "yes"}
        }) {
      Profile p = yaml("", Map.of("extensions.myapp.redis." + bad[0], bad[1]));
      assertThatThrownBy(() -> ExtensionSettings.validate(p, REDIS))
          .isInstanceOf(ProfileException.class)
          .hasMessageStartingWith("extensions.myapp.redis." + bad[0] + ": '" + bad[1] + "'");
    }
  }

  @Test
  void aMappingWhereAValueBelongsIsAProfileExceptionWithTheLine() {
    assertThatThrownBy(
            () ->
                yaml(
                    """
                    api: {url: http://127.0.0.1:1}
                    extensions:
                      myapp.redis:
                        url: {host: a}
                    """,
                    Map.of()))
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("extensions.myapp.redis.url: a setting is one value or a list");
  }

  @Test
  void declaredSecretsAreMaskedInTheProfileAndListedForTheRedactor() throws Exception {
    Profile p =
        yaml("extensions: {myapp.redis: {password: SENTINEL-redis-pass}}", Map.of())
            .withSecretSettings(REDIS);

    assertThat(p.secrets()).contains(Secret.of("SENTINEL-redis-pass"));
    assertThat(new ProfileLoader().toMaskedYaml(p)).doesNotContain("SENTINEL").contains("****pass");
    assertThat(p.extension("myapp.redis").secret("password").orElseThrow().reveal())
        .isEqualTo("SENTINEL-redis-pass");
  }
}
