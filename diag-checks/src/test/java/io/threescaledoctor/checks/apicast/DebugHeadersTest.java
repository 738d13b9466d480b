package io.threescaledoctor.checks.apicast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DebugHeadersTest {

  @Test
  void readsApicastsDebugHeaders() {
    Map<String, String> h =
        Map.of(
            "X-3scale-matched-rules", "/, /hello",
            "X-3scale-credentials", "user_key=abc",
            "X-3scale-usage", "usage%5Bhits%5D=2",
            "X-3scale-hostname", "apicast-1",
            "X-3scale-service-id", "2555417777777",
            "X-3scale-service-name", "echo");
    DebugHeaders d = DebugHeaders.read(h::get);
    assertThat(d.present()).isTrue();
    assertThat(d.matchedRules()).containsExactly("/", "/hello");
    assertThat(d.credentials()).containsEntry("user_key", "abc");
    assertThat(d.usage()).containsEntry("hits", 2L);
    assertThat(d.service()).contains("2555417777777 (echo)");
  }

  @Test
  void saysWhenTheGatewaySentNone() {
    DebugHeaders d = DebugHeaders.read(name -> null);
    assertThat(d.present()).isFalse();
    assertThat(d.matchedRules()).isEmpty();
    assertThat(d.service()).isEmpty();
  }
}
