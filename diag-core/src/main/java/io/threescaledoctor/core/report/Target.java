package io.threescaledoctor.core.report;

import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.profile.Profile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was examined, for reports a person attaches to a ticket: the profile's endpoints and the
 * kind of credentials, every secret shown only masked. Where the doctor ran is not among them: the
 * report's header gives the vantage the run used, stated or inferred.
 */
final class Target {
  private Target() {}

  /** Profile key to shown value, only for keys the profile sets. */
  static Map<String, String> rows(Profile p) {
    Redactor mask = Redactor.of(p.secrets());
    Map<String, String> rows = new LinkedHashMap<>();
    put(rows, "gateway.url", p.gateway().url());
    put(rows, "api.url", p.api().url());
    // The hosted default only where it will be probed, and said to be one: a profile that names
    // no 3scale service should not seem to point at su1.3scale.net.
    p.threescale()
        .backendToCheck()
        .ifPresent(
            b ->
                rows.put(
                    "threescale.backend", p.threescale().backend() == null ? b + " (default)" : b));
    put(rows, "threescale.admin", p.threescale().admin());
    put(rows, "threescale.serviceId", p.threescale().serviceId());
    put(rows, "threescale.serviceToken", masked(p.threescale().serviceToken()));
    put(rows, "threescale.providerKey", masked(p.threescale().providerKey()));
    put(rows, "credentials.userKey", masked(p.credentials().userKey()));
    put(rows, "credentials.appId", p.credentials().appId());
    put(rows, "credentials.appKey", masked(p.credentials().appKey()));
    put(rows, "credentials.accessToken", masked(p.credentials().accessToken()));
    if (!p.credentials().isEmpty()) {
      rows.put("credentials.in", p.credentials().inOrDefault().id());
    }
    rows.put("client request", p.client().methodOrDefault() + " " + p.client().pathOrDefault());
    rows.replaceAll((k, v) -> mask.mask(v));
    return rows;
  }

  private static String masked(Secret s) {
    return s == null || s.isEmpty() ? null : s.masked();
  }

  private static void put(Map<String, String> rows, String key, String value) {
    if (value != null && !value.isBlank()) {
      rows.put(key, value);
    }
  }
}
