package io.threescaledoctor.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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

  @Test
  void showsFourStarsAndTheLastFourCharactersAndLeavesTheRestOfTheLineAsItWas() {
    Redactor r = Redactor.patternsOnly();

    assertThat(r.mask("GET /hello?user_key=abcdef0123456789&app_id=42 HTTP/1.1"))
        .isEqualTo("GET /hello?user_key=****6789&app_id=42 HTTP/1.1");
    assertThat(r.mask("X-3scale-debug: 0123456789abcdef\r\nHost: api"))
        .isEqualTo("X-3scale-debug: ****cdef\r\nHost: api");
    assertThat(r.mask("Authorization: Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl, next"))
        .isEqualTo("Authorization: Bearer ****dXJl, next");
    assertThat(r.mask("remote https://0123456789abcdef@tenant-admin.example.com/admin"))
        .isEqualTo("remote https://****cdef@tenant-admin.example.com/admin");
    assertThat(r.mask("<error code=\"user_key_invalid\">user key \"deadbeef00112233\" is invalid"))
        .isEqualTo("<error code=\"user_key_invalid\">user key \"****2233\" is invalid");
    assertThat(r.mask("{\"user_key\": \"abcdef0123456789\", \"plan\": \"Basic\"}"))
        .isEqualTo("{\"user_key\": \"****6789\", \"plan\": \"Basic\"}");
  }

  @Test
  void aSecretInsideALongerOneIsMaskedWithTheLongerOneWhole() {
    Map<String, Secret> shortFirst = new LinkedHashMap<>();
    shortFirst.put("credentials.appKey", Secret.of("abcd1234"));
    shortFirst.put("credentials.userKey", Secret.of("abcd1234efgh5678"));
    Redactor r = Redactor.of(shortFirst);

    assertThat(r.mask("sent abcd1234efgh5678, then abcd1234 alone"))
        .isEqualTo("sent ****5678, then **** alone");
    assertThat(r.command("echo abcd1234efgh5678 abcd1234"))
        .isEqualTo("echo \"$THREESCALE_USER_KEY\" \"$THREESCALE_APP_KEY\"");
    assertThat(
            Redactor.of(List.of(Secret.of("abcd1234"), Secret.of("abcd1234efgh5678")))
                .mask("x abcd1234efgh5678 y"))
        .isEqualTo("x ****5678 y");
  }

  @Test
  void secretsSideBySideAreEachMaskedWhicheverIsLonger() {
    Redactor r =
        Redactor.of(
            List.of(
                Secret.of("first-secret-0001"),
                Secret.of("second-0002"),
                Secret.of("third-secret-0003")));

    assertThat(r.mask("first-secret-0001second-0002third-secret-0003"))
        .isEqualTo("****0001********0003");
    assertThat(r.mask("second-0002first-secret-0001")).isEqualTo("********0001");
  }

  @Test
  void masksAKnownSecretAtTheVeryStartAndEndOfTheText() {
    Redactor r = Redactor.of(List.of(Secret.of("0123456789abcdef")));

    assertThat(r.mask("0123456789abcdef")).isEqualTo("****cdef");
    assertThat(r.mask("0123456789abcdef is the key, 0123456789abcdef"))
        .isEqualTo("****cdef is the key, ****cdef");
  }

  @Test
  void anEightCharacterSecretIsMaskedByValueAndASevenCharacterOneIsWeak() {
    Map<String, Secret> keys = new LinkedHashMap<>();
    keys.put("credentials.userKey", Secret.of("k8chars!"));
    keys.put("credentials.appKey", Secret.of("seven77"));
    keys.put("threescale.serviceToken", Secret.of(""));
    Redactor r = Redactor.of(keys);

    assertThat(r.mask("key k8chars! and seven77")).isEqualTo("key **** and seven77");
    assertThat(r.weakSecrets()).containsExactly("credentials.appKey");
    assertThat(Redactor.of(List.of(Secret.of("short"))).weakSecrets())
        .as("secrets without a profile key are nobody's to fix")
        .isEmpty();
  }

  @Test
  void maskingTwiceChangesNothingAndPlaceholdersStay() {
    Redactor r = Redactor.patternsOnly();
    String once = r.mask("user_key=abcdef0123456789&app_key=shortkey");

    assertThat(once).isEqualTo("user_key=****6789&app_key=****");
    assertThat(r.mask(once)).isEqualTo(once);
    assertThat(r.mask("user_key=$THREESCALE_USER_KEY")).isEqualTo("user_key=$THREESCALE_USER_KEY");
    assertThat(r.mask("user_key=$")).isEqualTo("user_key=****");
  }

  @Test
  void aPasswordInAUrlShowsNoTailAndAnEmptyOneStaysEmpty() {
    Redactor r = Redactor.patternsOnly();

    assertThat(r.mask("http://admin:pass-word-4242@127.0.0.1/"))
        .isEqualTo("http://****:****@127.0.0.1/");
    assertThat(r.mask("https://0123456789abcdef:@admin.example.com/"))
        .isEqualTo("https://****cdef:@admin.example.com/");
  }

  @Test
  void backslashesAroundSecretsNeitherHideNorBreakTheMask() {
    Redactor r = Redactor.of(List.of(Secret.of("0123456789abcdef")));

    assertThat(r.mask("C:\\0123456789abcdef")).isEqualTo("C:\\****cdef");
    assertThat(r.mask("0123456789abcdef ends with \\")).isEqualTo("****cdef ends with \\");
    assertThat(r.command("echo 'it'\\''s' 0123456789abcdef")).isEqualTo("echo 'it'\\''s' ****cdef");
    assertThat(r.mask("echo a\\\"b 0123456789abcdef")).isEqualTo("echo a\\\"b ****cdef");
  }

  @Test
  void aSecretShowsItsTailFromTwelveCharactersOn() {
    assertThat(Secret.of("0123456789a").masked()).isEqualTo("****");
    assertThat(Secret.of("0123456789ab").masked()).isEqualTo("****89ab");
    assertThat(Secret.of("").isEmpty()).isTrue();
    assertThat(Secret.of("x").isEmpty()).isFalse();
    assertThat(Secret.of("same-value")).isEqualTo(Secret.of("same-value"));
    assertThat(Secret.of("same-value")).hasSameHashCodeAs(Secret.of("same-value"));
    assertThat(Secret.of("same-value")).isNotEqualTo(Secret.of("other-value"));
    assertThat(Secret.of("same-value")).isNotEqualTo("same-value");
  }
}
