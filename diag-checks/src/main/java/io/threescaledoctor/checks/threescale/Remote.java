package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.core.check.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * A named 3scale account as the 3scale toolbox stores it: the admin portal's URL and the access
 * token (or provider key) that authenticates to it.
 *
 * @param endpoint the admin portal's URL without credentials, e.g. {@code
 *     https://t-admin.example.com}
 * @param authentication the access token; masked whenever printed
 */
public record Remote(String name, String endpoint, Secret authentication) {

  public Remote {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(authentication, "authentication");
  }

  /**
   * A remote from the toolbox's URL form {@code http[s]://TOKEN@host}.
   *
   * @throws IllegalArgumentException when the URL is not http(s) or carries no token
   */
  public static Remote fromUrl(String name, String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid url: " + maskToken(url));
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "invalid url: " + maskToken(url) + " (expected http[s]://ACCESS_TOKEN@ADMIN_HOST)");
    }
    String token = uri.getRawUserInfo();
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException(
          "url " + url + " carries no access token (expected http[s]://ACCESS_TOKEN@ADMIN_HOST)");
    }
    String endpoint =
        scheme.toLowerCase()
            + "://"
            + uri.getHost()
            + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
            + (uri.getRawPath() == null ? "" : uri.getRawPath());
    return new Remote(name, endpoint, Secret.of(token));
  }

  /** {@code https://TOKEN@host}: the form a profile's {@code threescale.admin} takes. */
  public String adminUrl() {
    URI uri = URI.create(endpoint);
    return uri.getScheme()
        + "://"
        + authentication.reveal()
        + "@"
        + uri.getRawAuthority()
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** {@code https://****abcd@host}, safe to print. */
  public String maskedUrl() {
    URI uri = URI.create(endpoint);
    return uri.getScheme()
        + "://"
        + authentication.masked()
        + "@"
        + uri.getRawAuthority()
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private static String maskToken(String url) {
    return url.replaceAll("(?i)(https?://)[^/@\\s]+@", "$1****@");
  }

  @Override
  public String toString() {
    return name + " " + maskedUrl();
  }
}
