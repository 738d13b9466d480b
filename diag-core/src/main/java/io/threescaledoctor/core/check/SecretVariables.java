package io.threescaledoctor.core.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables reproduce commands read secrets from, one per profile key: a command
 * that says {@code user_key=$THREESCALE_USER_KEY} can be pasted into a shell where the variable is
 * set, and shows no secret in the report.
 */
public final class SecretVariables {
  private static final Map<String, String> BY_KEY = new LinkedHashMap<>();

  static {
    BY_KEY.put("credentials.userKey", "THREESCALE_USER_KEY");
    BY_KEY.put("credentials.appKey", "THREESCALE_APP_KEY");
    BY_KEY.put("credentials.accessToken", "THREESCALE_ACCESS_TOKEN");
    BY_KEY.put("threescale.serviceToken", "THREESCALE_SERVICE_TOKEN");
    BY_KEY.put("threescale.providerKey", "THREESCALE_PROVIDER_KEY");
    BY_KEY.put("threescale.admin", "THREESCALE_ADMIN_TOKEN");
  }

  private SecretVariables() {}

  /** The variable for a profile key, e.g. {@code THREESCALE_USER_KEY} for credentials.userKey. */
  public static Optional<String> forKey(String profileKey) {
    return Optional.ofNullable(BY_KEY.get(profileKey));
  }

  /** The profile key a variable stands for. */
  public static Optional<String> keyOf(String variable) {
    return BY_KEY.entrySet().stream()
        .filter(e -> e.getValue().equals(variable))
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
