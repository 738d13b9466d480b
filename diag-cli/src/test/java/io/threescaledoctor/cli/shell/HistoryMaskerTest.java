package io.threescaledoctor.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.check.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which parts of a typed line the history keeps masked. */
class HistoryMaskerTest {
  private static final String SENTINEL = "SENTINEL-7f3a9c1b";
  private final HistoryMasker masker = new HistoryMasker(Redactor::patternsOnly);

  @Test
  void masksTheValueOfEverySecretKeyInSet() {
    assertThat(masker.mask("set credentials.userKey " + SENTINEL))
        .isEqualTo("set credentials.userKey ****9c1b");
    assertThat(masker.mask("set threescale.serviceToken \"" + SENTINEL + "\""))
        .isEqualTo("set threescale.serviceToken ****9c1b");
    assertThat(masker.mask("set threescale.providerKey short"))
        .isEqualTo("set threescale.providerKey ****");
  }

  @Test
  void leavesValuesOfOrdinaryKeysAlone() {
    assertThat(masker.mask("set gateway.url https://api.example.com"))
        .isEqualTo("set gateway.url https://api.example.com");
    assertThat(masker.mask("run --only 3scale --set timeouts.read=10s --path /hello"))
        .isEqualTo("run --only 3scale --set timeouts.read=10s --path /hello");
  }

  @Test
  void masksSecretFlagsAndSetOptionsInAnyCommand() {
    assertThat(
            masker.mask(
                "run --user-key "
                    + SENTINEL
                    + " --app-key="
                    + SENTINEL
                    + " --service-token "
                    + SENTINEL
                    + " --set credentials.accessToken="
                    + SENTINEL))
        .doesNotContain(SENTINEL)
        .isEqualTo(
            "run --user-key ****9c1b --app-key=****9c1b --service-token ****9c1b"
                + " --set credentials.accessToken=****9c1b");
  }

  @Test
  void masksTokensInUrlsCredentialParametersAndKnownSecrets() {
    HistoryMasker withSecret = new HistoryMasker(() -> Redactor.of(List.of(Secret.of(SENTINEL))));
    assertThat(withSecret.mask("remote add prod https://" + SENTINEL + "@acme-admin.example.com"))
        .isEqualTo("remote add prod https://****9c1b@acme-admin.example.com");
    assertThat(masker.mask("explain 'GET /hello?user_key=" + SENTINEL + "'"))
        .doesNotContain(SENTINEL);
    assertThat(withSecret.mask("# the key was " + SENTINEL)).doesNotContain(SENTINEL);
  }
}
