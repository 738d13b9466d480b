package io.threescaledoctor.checks.apicast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayAnswerTest {

  @Test
  void tellsApicastAnswersApartByBodyWhateverTheStatus() {
    assertThat(GatewayAnswer.classify(401, "Authentication parameters missing"))
        .isEqualTo(GatewayAnswer.AUTH_MISSING);
    assertThat(GatewayAnswer.classify(403, "Authentication parameters missing\n"))
        .isEqualTo(GatewayAnswer.AUTH_MISSING);
    assertThat(GatewayAnswer.classify(403, "Authentication failed"))
        .isEqualTo(GatewayAnswer.AUTH_FAILED);
    assertThat(GatewayAnswer.classify(404, "No Mapping Rule matched"))
        .isEqualTo(GatewayAnswer.NO_MAPPING_RULE);
    assertThat(GatewayAnswer.classify(429, "Limits exceeded"))
        .isEqualTo(GatewayAnswer.LIMITS_EXCEEDED);
    assertThat(GatewayAnswer.classify(404, "")).isEqualTo(GatewayAnswer.SERVICE_NOT_FOUND);
  }

  @Test
  void mapsPlainNginxAnswers() {
    String page =
        "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n"
            + "<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n";
    assertThat(GatewayAnswer.classify(403, page)).isEqualTo(GatewayAnswer.NGINX_FORBIDDEN);
    assertThat(GatewayAnswer.isNginxErrorPage(page)).isTrue();
    assertThat(GatewayAnswer.classify(502, "bad gateway")).isEqualTo(GatewayAnswer.ERROR_STATUS);
    assertThat(GatewayAnswer.classify(200, "hello")).isEqualTo(GatewayAnswer.SUCCESS);
    assertThat(GatewayAnswer.AUTH_FAILED.issue()).contains("credentials-invalid");
    assertThat(GatewayAnswer.SERVICE_NOT_FOUND.issue()).contains("service-not-found-for-host");
  }

  @Test
  void aRedirectIsNeitherASuccessNorAnErrorButItsOwnAnswer() {
    assertThat(GatewayAnswer.classify(301, "")).isEqualTo(GatewayAnswer.REDIRECT);
    assertThat(GatewayAnswer.classify(302, "moved")).isEqualTo(GatewayAnswer.REDIRECT);
    assertThat(GatewayAnswer.classify(308, "")).isEqualTo(GatewayAnswer.REDIRECT);
    assertThat(GatewayAnswer.classify(304, "")).isEqualTo(GatewayAnswer.SUCCESS);
    assertThat(GatewayAnswer.classify(299, "")).isEqualTo(GatewayAnswer.SUCCESS);
    assertThat(GatewayAnswer.classify(400, "")).isEqualTo(GatewayAnswer.ERROR_STATUS);
    assertThat(GatewayAnswer.REDIRECT.issue()).contains("gateway-redirects");
  }
}
