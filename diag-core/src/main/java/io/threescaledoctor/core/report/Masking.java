package io.threescaledoctor.core.report;

import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.OtherFailure;

/**
 * A second pass of the pattern-based masking over everything a report shows. The engine already
 * redacts every result with the run's secrets; this catches a credential parameter or a URL's
 * user-info in a diagnosis that was built elsewhere (by an embedder, or by hand) before it reaches
 * a file someone attaches to a ticket.
 */
final class Masking {
  private static final Redactor PATTERNS = Redactor.patternsOnly();

  private Masking() {}

  static Diagnosis again(Diagnosis d) {
    return new Diagnosis(
        d.startedAt(),
        d.durationMillis(),
        d.vantage(),
        d.results().stream().map(r -> r.redacted(PATTERNS)).toList(),
        d.hops(),
        d.status(),
        d.likelyFailurePoint(),
        d.cause(),
        PATTERNS.mask(d.explanation()),
        d.nextSteps().stream().map(PATTERNS::command).toList(),
        d.vantageInferredFrom(),
        d.otherFailures().stream()
            .map(o -> new OtherFailure(o.hop(), o.cause(), o.checkId(), PATTERNS.mask(o.summary())))
            .toList());
  }
}
