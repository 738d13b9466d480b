package io.threescaledoctor.core.report;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.util.ArrayList;
import java.util.List;

/** A diagnosis that carries unmasked credentials, as a buggy check or embedder might leave them. */
final class SentinelSecrets {
  static final String SENTINEL = "SENTINEL7f3a9c2e1b";

  private SentinelSecrets() {}

  static Diagnosis leaky() {
    Diagnosis d = SampleDiagnoses.backendDown();
    List<CheckResult> results = new ArrayList<>(d.results());
    CheckResult leaked =
        results
            .get(0)
            .withEvidence("url", "https://api.example.com/hello?user_key=" + SENTINEL)
            .withEvidence("admin", "https://" + SENTINEL + "@tenant-admin.example.com")
            .withReproduce(
                "curl -H 'Authorization: Bearer " + SENTINEL + "' https://api.example.com/");
    results.set(0, leaked);
    return new Diagnosis(
        d.startedAt(),
        d.durationMillis(),
        d.vantage(),
        results,
        d.hops(),
        d.status(),
        d.likelyFailurePoint(),
        d.cause(),
        d.explanation() + " app_key=" + SENTINEL,
        d.nextSteps());
  }
}
