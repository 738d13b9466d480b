package io.threescaledoctor.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OwnProbesTest {

  @Test
  void aCallWithoutQueryGetsTheMarkAsItsQuery() {
    assertThat(OwnProbes.marked(URI.create("http://gw:8080/hello"), "reachability"))
        .hasToString("http://gw:8080/hello?3scale-doctor-probe=reachability");
  }

  @Test
  void aCallWithAQueryKeepsItAndGetsTheMarkAfterIt() {
    assertThat(OwnProbes.marked(URI.create("http://gw/hello?a=1#top"), "activedocs"))
        .hasToString("http://gw/hello?a=1&3scale-doctor-probe=activedocs#top");
  }

  @Test
  void anInvalidCredentialInTheQueryIsMarkEnough() {
    URI uri = URI.create("http://gw/hello?user_key=" + OwnProbes.INVALID_CREDENTIAL);
    assertThat(OwnProbes.marked(uri, "invalid-credentials")).isSameAs(uri);
  }

  @Test
  void theMarkIsRecognisedInARequestLineAndTheUserAgentByItsName() {
    assertThat(OwnProbes.isOwnRequestLine("GET /hello?3scale-doctor-probe=x HTTP/1.1")).isTrue();
    assertThat(OwnProbes.isOwnRequestLine("GET /hello?user_key=abc HTTP/1.1")).isFalse();
    assertThat(OwnProbes.isOwnRequestLine(null)).isFalse();
    assertThat(OwnProbes.isOwnUserAgent("3scale-doctor")).isTrue();
    assertThat(OwnProbes.isOwnUserAgent("3scale-doctor/0.1.0")).isTrue();
    assertThat(OwnProbes.isOwnUserAgent("3scale-doctor-clone")).isFalse();
    assertThat(OwnProbes.isOwnUserAgent("curl/8.5.0")).isFalse();
    assertThat(OwnProbes.isOwnUserAgent(null)).isFalse();
  }
}
