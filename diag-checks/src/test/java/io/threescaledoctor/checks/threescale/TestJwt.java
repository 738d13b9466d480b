package io.threescaledoctor.checks.threescale;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * JWTs made by the tests: real header and claims, and a signature of made-up bytes, since the
 * doctor only decodes tokens and never verifies them.
 */
public final class TestJwt {
  private TestJwt() {}

  /** A token with these claims (a JSON object), alg RS256. */
  public static String withClaims(String claimsJson) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(
            "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString("not-a-real-signature".getBytes(StandardCharsets.UTF_8));
  }

  /** Seconds since the epoch, {@code fromNow} seconds from now: an exp or nbf claim. */
  public static long epochSecondsFromNow(long fromNow) {
    return Instant.now().getEpochSecond() + fromNow;
  }
}
