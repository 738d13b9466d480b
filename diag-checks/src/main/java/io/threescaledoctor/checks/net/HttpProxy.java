package io.threescaledoctor.checks.net;

import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.profile.Profile;
import java.net.URI;
import java.util.Optional;

/**
 * An HTTP proxy the doctor reaches targets through: {@code CONNECT} for TCP and TLS (curl's {@code
 * -p -x}), an absolute-form request for plain HTTP. Parsed once per probe from the endpoint's own
 * proxy key or {@code network.proxy}.
 *
 * @param key the profile key it came from, for messages
 */
public record HttpProxy(HostPort address, String key) {
  /** Squid's port, which curl also assumes when a proxy URL has none. */
  public static final int DEFAULT_PORT = 3128;

  /**
   * {@code http://HOST:PORT} or {@code HOST:PORT}.
   *
   * @throws IllegalArgumentException naming {@code key} when {@code text} is not such a proxy
   */
  public static HttpProxy parse(String text, String key) {
    String t = text.trim();
    try {
      URI uri = URI.create(t.contains("://") ? t : "http://" + t);
      if (!"http".equalsIgnoreCase(uri.getScheme())) {
        throw new IllegalArgumentException(
            key + " " + text + ": only http:// proxies are supported (CONNECT over plain TCP)");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException(key + " " + text + ": no host in the proxy URL");
      }
      return new HttpProxy(
          new HostPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT), key);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(key)) {
        throw e;
      }
      throw new IllegalArgumentException(
          key + " " + text + ": not a proxy URL (write http://HOST:PORT)", e);
    }
  }

  /** The proxy for {@code endpoint}: its own key, else {@code network.proxy}; none for direct. */
  public static Optional<HttpProxy> of(Profile profile, Endpoint endpoint) {
    return profile.endpointProxy(endpoint).map(p -> parse(p, keyOf(profile, endpoint)));
  }

  /**
   * The proxy for a request to {@code uri}: that of the endpoint whose base URL has the same
   * scheme, host and port (so the 3scale and admin-portal calls follow their endpoint's setting),
   * else {@code network.proxy}.
   */
  public static Optional<HttpProxy> forUri(Profile profile, URI uri) {
    Optional<Endpoint> endpoint = endpointOf(profile, uri);
    if (endpoint.isPresent()) {
      return of(profile, endpoint.get());
    }
    String global = profile.network().proxy();
    return global == null || global.isBlank()
        ? Optional.empty()
        : Optional.of(parse(global, "network.proxy"));
  }

  /** The endpoint whose base URL shares {@code uri}'s scheme, host and port, if any. */
  public static Optional<Endpoint> endpointOf(Profile profile, URI uri) {
    if (uri.getHost() == null) {
      return Optional.empty();
    }
    HostPort target = HostPort.of(uri);
    for (Endpoint e : Endpoint.values()) {
      Optional<URI> base = profile.endpointUrl(e);
      if (base.isPresent()
          && base.get().getHost() != null
          && base.get().getScheme().equalsIgnoreCase(uri.getScheme())
          && HostPort.of(base.get()).normalizedHost().equals(target.normalizedHost())
          && HostPort.of(base.get()).port() == target.port()) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static String keyOf(Profile profile, Endpoint endpoint) {
    String own = Profile.endpointProxyKey(endpoint);
    String ownValue =
        switch (endpoint) {
          case API -> profile.api().proxy();
          case GATEWAY -> profile.gateway().proxy();
          case BACKEND -> profile.threescale().backendProxy();
          case ADMIN -> profile.threescale().adminProxy();
        };
    return ownValue == null || ownValue.isBlank() ? "network.proxy" : own;
  }

  /** {@code http://HOST:PORT}, for curl's {@code --proxy}. */
  public String url() {
    return "http://" + address.authority();
  }

  /** {@code the proxy HOST:PORT (network.proxy)}. */
  public String label() {
    return "the proxy " + address.authority() + " (" + key + ")";
  }
}
