package io.threescaledoctor.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
  }

  @Test
  void showsNoTailOfAShortSecret() {
    assertThat(Secret.of("12345678").masked()).isEqualTo("****");
    assertThat(Secret.of("0123456789abcdef").toString()).isEqualTo("****cdef");
  }
}
