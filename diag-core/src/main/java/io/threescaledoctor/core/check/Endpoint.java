package io.threescaledoctor.core.check;

import java.util.Arrays;
import java.util.Optional;

/**
 * A place the doctor can probe directly. A network check declares the endpoints it applies to and
 * the engine runs it once per endpoint the profile names, with ids such as {@code api.tcp.connect}.
 */
public enum Endpoint {
  /** The customer's API, at its private base URL ({@code api.url}). */
  API("api", Hop.API),
  /** The gateway's public base URL ({@code gateway.url}), as a client reaches it. */
  GATEWAY("gateway", Hop.CLIENT_GATEWAY),
  /** The 3scale Service Management API ({@code threescale.backend}). */
  BACKEND("backend", Hop.THREESCALE),
  /** The 3scale admin portal and its Account Management API ({@code threescale.admin}). */
  ADMIN("admin", Hop.THREESCALE);

  private final String id;
  private final Hop hop;

  Endpoint(String id, Hop hop) {
    this.id = id;
    this.hop = hop;
  }

  public String id() {
    return id;
  }

  /** The hop a direct probe of this endpoint tests. */
  public Hop hop() {
    return hop;
  }

  public static Optional<Endpoint> byId(String id) {
    return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
  }

  @Override
  public String toString() {
    return id;
  }
}
