package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.core.check.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code 3scale-limit-*} headers the backend adds with {@code 3scale-options: limit_headers=1}
 * (apisonator's Transactor::LimitHeaders), about the most constrained limit the call touches.
 *
 * @param remaining how many more calls like this one fit before that limit; -1 when none constrains
 *     it
 * @param resetSeconds seconds until that limit's period ends; -1 for none (or eternity)
 * @param maxValue the limit itself, when one constrains the call
 */
record LimitHeaders(long remaining, long resetSeconds, Long maxValue) {

  static Optional<LimitHeaders> of(HttpExchange ex) {
    Optional<Long> remaining = number(ex, "3scale-limit-remaining");
    if (remaining.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new LimitHeaders(
            remaining.get(),
            number(ex, "3scale-limit-reset").orElse(-1L),
            number(ex, "3scale-limit-max-value").orElse(null)));
  }

  private static Optional<Long> number(HttpExchange ex, String header) {
    try {
      return ex.header(header).map(String::trim).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  boolean constrained() {
    return remaining >= 0;
  }

  /** {@code room for 2 more calls like this one (limit 3, resets in 36 s)}. */
  String describe() {
    if (!constrained()) {
      return "no limit constrains this call";
    }
    List<String> details = new ArrayList<>();
    if (maxValue != null) {
      details.add("limit " + maxValue);
    }
    if (resetSeconds >= 0) {
      details.add("resets in " + resetSeconds + " s");
    }
    return "room for "
        + remaining
        + " more call"
        + (remaining == 1 ? "" : "s")
        + " like this one"
        + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")");
  }

  CheckResult addTo(CheckResult r) {
    r = r.withEvidence("limitRemaining", constrained() ? remaining : "unconstrained");
    if (resetSeconds >= 0) {
      r = r.withEvidence("limitResetSeconds", resetSeconds);
    }
    if (maxValue != null) {
      r = r.withEvidence("limitMaxValue", maxValue);
    }
    return r;
  }
}
