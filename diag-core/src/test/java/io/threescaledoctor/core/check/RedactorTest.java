package io.threescaledoctor.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final String SENTINEL = "SENTINEL-user-key-4f1c9e";

  @Test
  void masksAKnownSecretWhereverItAppears() {
    Redactor r = Redactor.of(List.of(Secret.of(SENTINEL)));

    String masked = r.mask("GET /hello?key=" + SENTINEL + " and again " + SENTINEL);

    assertThat(masked).doesNotContain(SENTINEL).contains("****1c9e");
  }

  @Test
  void masksCredentialParametersEvenWhenTheValueIsUnknown() {
    String line =
        "request: \"GET /api?user_key=abcdef0123456789&app_id=42 HTTP/1.1\", upstream: "
            + "\"[hits]=1&access_token=7c6f24f5\"";

    String masked = Redactor.patternsOnly().mask(line);

    assertThat(masked)
        .doesNotContain("abcdef0123456789")
        .doesNotContain("7c6f24f5")
        .contains("user_key=****6789")
        .contains("app_id=42");
  }

  @Test
  void masksTheTokenOfARemoteUrlAndBearerHeaders() {
    String masked =
        Redactor.patternsOnly()
            .mask(
                "https://mytoken0123456789@tenant-admin.example.com Authorization: Bearer abc.def");

    assertThat(masked).doesNotContain("mytoken0123456789").doesNotContain("abc.def");
    assertThat(Redactor.patternsOnly().mask("http://admin:pass-word-42@127.0.0.1/"))
        .isEqualTo("http://****:****@127.0.0.1/");
  }

  @Test
  void showsNoTailOfAShortSecret() {
    assertThat(Secret.of("12345678").masked()).isEqualTo("****");
    assertThat(Secret.of("0123456789abcdef").toString()).isEqualTo("****cdef");
  }

  @Test
  void aOneLetterSecretIsMaskedWhereItIsACredentialAndNowhereElse() {
    Redactor r = Redactor.of(Map.of("credentials.userKey", Secret.of("k")));

    String masked =
        r.mask("request blocked: GET /hello?user_key=k&app_id=k2 - user key \"k\" is invalid");

    assertThat(masked)
        .isEqualTo(
            "request blocked: GET /hello?user_key=****&app_id=k2 - user key \"****\" is invalid");
    assertThat(r.weakSecrets()).containsExactly("credentials.userKey");
  }

  @Test
  void aLongSecretIsMaskedByValueTooAndIsNotWeak() {
    Redactor r = Redactor.of(Map.of("credentials.userKey", Secret.of(SENTINEL)));

    assertThat(r.mask("the key " + SENTINEL + " was sent")).isEqualTo("the key ****1c9e was sent");
    assertThat(r.weakSecrets()).isEmpty();
  }

  @Test
  void commandsReadKnownSecretsFromEnvironmentVariablesWhateverTheQuoting() {
    Redactor r =
        Redactor.of(
            Map.of(
                "credentials.userKey", Secret.of(SENTINEL),
                "threescale.serviceToken", Secret.of("st")));

    assertThat(r.command("curl -sv 'http://h/p?user_key=" + SENTINEL + "&service_token=st'"))
        .isEqualTo(
            "curl -sv 'http://h/p?user_key='\"$THREESCALE_USER_KEY\"'"
                + "&service_token='\"$THREESCALE_SERVICE_TOKEN\"''");
    assertThat(r.command("curl -H \"X-3scale-debug: st\" x"))
        .isEqualTo("curl -H \"X-3scale-debug: ${THREESCALE_SERVICE_TOKEN}\" x");
    assertThat(r.command("echo " + SENTINEL)).isEqualTo("echo \"$THREESCALE_USER_KEY\"");
    assertThat(r.command("curl 'http://h/?user_key=unknown0000000'"))
        .as("a credential that is not the profile's is masked, not named")
        .isEqualTo("curl 'http://h/?user_key=****0000'");
  }

  @Test
  void aCommandWithPlaceholdersPastesIntoAShell() throws Exception {
    Redactor r = Redactor.of(Map.of("credentials.userKey", Secret.of(SENTINEL)));
    String command =
        r.command("printf '%s\\n' 'it'\\''s http://h/p?user_key=" + SENTINEL + "&x=1'");

    ProcessBuilder pb = new ProcessBuilder("bash", "-c", command);
    pb.environment().put("THREESCALE_USER_KEY", "from-the-environment");
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor()).isZero();
    assertThat(out).isEqualTo("it's http://h/p?user_key=from-the-environment&x=1\n");
    assertThat(command).doesNotContain(SENTINEL);
  }
}
