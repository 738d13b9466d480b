package io.threescaledoctor.checks.threescale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.core.check.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What the doctor can read from an access token without trusting or verifying it. With OpenID
 * Connect, APIcast validates the JWT itself (issuer, signature against the realm's keys, expiry)
 * and asks 3scale about the token's client only: {@code app_id} is the {@code azp} claim (APIcast's
 * default {@code claim_with_client_id}). Since apisonator 3.0 the backend keeps no tokens, so the
 * token never goes to 3scale. The doctor does the same: it decodes the claims for evidence, never
 * checks the signature, and never sends a JWT anywhere the client does not already send it.
 */
public sealed interface AccessToken {
  ObjectMapper JSON = new ObjectMapper();

  /**
   * A decoded JSON Web Token, claims as the token states them.
   *
   * @param algorithm the header's {@code alg}
   * @param clientClaim which claim named the client ({@code azp} or {@code client_id}), or null
   * @param expires {@code exp}, or null when the token has none
   * @param notBefore {@code nbf}, or null
   */
  record Jwt(
      String algorithm,
      String issuer,
      String clientId,
      String clientClaim,
      List<String> audience,
      Instant expires,
      Instant notBefore)
      implements AccessToken {

    public Optional<String> client() {
      return Optional.ofNullable(clientId);
    }

    public boolean expiredAt(Instant now) {
      return expires != null && !now.isBefore(expires);
    }

    public boolean notYetValidAt(Instant now) {
      return notBefore != null && now.isBefore(notBefore);
    }
  }

  /** Anything that is not a readable JWT: a random string the identity provider looks up. */
  record Opaque(String whyNotJwt) implements AccessToken {}

  /** Reads {@code token}; an unreadable JWT is {@link Opaque} with the reason. */
  static AccessToken read(Secret token) {
    String[] parts = token.reveal().trim().split("\\.", -1);
    if (parts.length != 3 && parts.length != 5) {
      return new Opaque("not three dot-separated parts");
    }
    if (parts.length == 5) {
      return new Opaque("an encrypted JWT (JWE): its claims are unreadable without the key");
    }
    JsonNode header;
    JsonNode claims;
    try {
      header = JSON.readTree(decode(parts[0]));
      claims = JSON.readTree(decode(parts[1]));
    } catch (IllegalArgumentException | IOException e) {
      return new Opaque("three parts, but not base64url-encoded JSON");
    }
    if (header == null || !header.isObject() || !header.has("alg")) {
      return new Opaque("three parts, but no JWT header with alg");
    }
    if (claims == null || !claims.isObject()) {
      return new Opaque("three parts, but the claims are not a JSON object");
    }
    String clientClaim = text(claims, "azp") != null ? "azp" : null;
    if (clientClaim == null && text(claims, "client_id") != null) {
      // RFC 9068 JWT access tokens name the client in client_id.
      clientClaim = "client_id";
    }
    return new Jwt(
        header.path("alg").asText(),
        text(claims, "iss"),
        clientClaim == null ? null : text(claims, clientClaim),
        clientClaim,
        audience(claims.get("aud")),
        instant(claims.get("exp")),
        instant(claims.get("nbf")));
  }

  /** {@code in 59 min} / {@code 3 min ago}, for evidence. */
  static String relative(Instant when, Instant now) {
    Duration d = Duration.between(now, when);
    String amount = human(d.abs());
    return d.isNegative() ? amount + " ago" : "in " + amount;
  }

  private static String human(Duration d) {
    if (d.toDays() >= 2) {
      return d.toDays() + " days";
    }
    if (d.toHours() >= 2) {
      return d.toHours() + " h";
    }
    if (d.toMinutes() >= 1) {
      return d.toMinutes() + " min";
    }
    return d.toSeconds() + " s";
  }

  private static byte[] decode(String part) {
    return Base64.getUrlDecoder().decode(part.getBytes(StandardCharsets.US_ASCII));
  }

  private static String text(JsonNode claims, String name) {
    JsonNode n = claims.get(name);
    return n == null || !n.isValueNode() || n.asText().isBlank() ? null : n.asText();
  }

  private static List<String> audience(JsonNode aud) {
    List<String> all = new ArrayList<>();
    if (aud == null) {
      return all;
    }
    if (aud.isArray()) {
      aud.forEach(a -> all.add(a.asText()));
    } else {
      all.add(aud.asText());
    }
    return all;
  }

  private static Instant instant(JsonNode seconds) {
    return seconds != null && seconds.isNumber() ? Instant.ofEpochSecond(seconds.asLong()) : null;
  }
}
