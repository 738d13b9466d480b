package io.threescaledoctor.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HopTest {
  @Test
  void findsEachHopByItsStableIdAndNoOtherId() {
    for (Hop hop : Hop.values()) {
      assertThat(Hop.byId(hop.id())).contains(hop);
      assertThat(hop.toString()).isEqualTo(hop.id());
    }
    assertThat(Hop.byId("3scale")).contains(Hop.THREESCALE);
    assertThat(Hop.byId("threescale")).isEmpty();
  }

  @Test
  void onlyTheLinksToTheApiTo3scaleAndToTheGatewayAreExplainedByTheHopTheyLeadTo() {
    assertThat(Hop.GATEWAY_API.explainedBy()).contains(Hop.API);
    assertThat(Hop.GATEWAY_3SCALE.explainedBy()).contains(Hop.THREESCALE);
    assertThat(Hop.CLIENT_GATEWAY.explainedBy()).contains(Hop.GATEWAY);
    for (Hop hop : new Hop[] {Hop.API, Hop.GATEWAY, Hop.THREESCALE, Hop.CLIENT}) {
      assertThat(hop.explainedBy()).as(hop.id()).isEmpty();
    }
  }
}
