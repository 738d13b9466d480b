package io.threescaledoctor.core.check;

import java.util.Arrays;
import java.util.Optional;

/**
 * The links of the chain client → gateway → 3scale, gateway → API, in the order the guide (§4.3)
 * walks them: from the API back to the client. The ids are stable and appear in every output.
 */
public enum Hop {
  API("api", "4.3.1", "Does the API answer a direct call?"),
  GATEWAY_API("gateway-api", "4.3.2", "Can the gateway reach the API?"),
  GATEWAY("gateway", "4.3.3", "Is the gateway up, and are its logs clean?"),
  GATEWAY_3SCALE(
      "gateway-3scale",
      "4.3.4",
      "Can the gateway reach and resolve 3scale, and does it call it correctly?"),
  THREESCALE(
      "3scale", "4.3.5", "Does 3scale authorize this application, or which error does it return?"),
  CLIENT_GATEWAY("client-gateway", "4.3.6", "Can the client reach the gateway?"),
  CLIENT(
      "client",
      "4.3.7",
      "Does the client's own call succeed, with credentials where the gateway reads them?");

  private final String id;
  private final String guideSection;
  private final String question;

  Hop(String id, String guideSection, String question) {
    this.id = id;
    this.guideSection = guideSection;
    this.question = question;
  }

  public String id() {
    return id;
  }

  public String guideSection() {
    return guideSection;
  }

  public String question() {
    return question;
  }

  /**
   * The hop this one leads to, whose failure explains a failure here: a dead API explains a gateway
   * that cannot reach it, a failing 3scale explains a gateway that cannot talk to it, a gateway
   * that is down explains a client that cannot reach it.
   */
  public Optional<Hop> explainedBy() {
    return switch (this) {
      case GATEWAY_API -> Optional.of(API);
      case GATEWAY_3SCALE -> Optional.of(THREESCALE);
      case CLIENT_GATEWAY -> Optional.of(GATEWAY);
      default -> Optional.empty();
    };
  }

  public static Optional<Hop> byId(String id) {
    return Arrays.stream(values()).filter(h -> h.id.equals(id)).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}
