package io.threescaledoctor.prometheus;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.HopReport;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series one diagnosis of one profile contributes, the same for the scheduler's {@code
 * /metrics} and for {@code /probe}.
 */
final class DiagnosisSeries {
  static final Family HOP_UP =
      Family.gauge(
          "threescale_doctor_hop_up",
          "1 when every check of the hop passed (warnings allowed), 0 when one failed or could not"
              + " run; no series for a hop nothing tested.");
  static final Family CHECK_STATUS =
      Family.gauge(
          "threescale_doctor_check_status",
          "1 for the status (PASS, WARN, FAIL, SKIP, ERROR) of each check in the last run.");
  static final Family CHECK_DURATION =
      Family.seconds(
          "threescale_doctor_check_duration_seconds",
          "How long each check that ran took in the last run (none for skipped checks).");
  static final Family CHECK_CAUSE =
      Family.info(
          "threescale_doctor_check_cause",
          "The known issue (3scale-doctor explain CAUSE) of each check that warned or failed.");
  static final Family DIAGNOSIS =
      Family.info(
          "threescale_doctor_diagnosis",
          "The last run's verdict: status, likely failure point (hop) and its cause; hop and cause"
              + " are empty unless FAILING.");
  static final Family LAST_RUN_TIMESTAMP =
      Family.seconds(
          "threescale_doctor_last_run_timestamp_seconds", "When the last run started, Unix time.");
  static final Family LAST_RUN_DURATION =
      Family.seconds("threescale_doctor_last_run_duration_seconds", "How long the last run took.");
  static final Family CERTIFICATE_EXPIRY =
      Family.seconds(
          "threescale_doctor_tls_certificate_expiry_timestamp_seconds",
          "When the first certificate of the chain a tls.certificate check saw expires, Unix time.");
  static final Family LIMIT_USAGE =
      Family.gauge(
          "threescale_doctor_limit_usage_ratio",
          "The highest share of a usage limit the application has used, as 3scale reported it on"
              + " authorize (1 = at the limit).");

  static final List<Family> FAMILIES =
      List.of(
          HOP_UP,
          CHECK_STATUS,
          CHECK_DURATION,
          CHECK_CAUSE,
          DIAGNOSIS,
          LAST_RUN_TIMESTAMP,
          LAST_RUN_DURATION,
          CERTIFICATE_EXPIRY,
          LIMIT_USAGE);

  private static final Pattern NOT_AFTER = Pattern.compile("cert\\[\\d+]\\.notAfter");
  private static final Pattern USAGE = Pattern.compile("^(\\d+)/(\\d+)\\b");

  /**
   * Cause labels are taken as the results carry them: the engine keeps only causes a known-issue
   * catalog defines (the run's own, plugins' included) and moves any other to evidence, so cause
   * label values are bounded by the catalogs.
   */
  DiagnosisSeries() {}

  void add(Series s, String profile, Diagnosis d) {
    for (HopReport h : d.hops()) {
      upValue(h.status()).ifPresent(v -> s.add(HOP_UP, v, "profile", profile, "hop", h.hop().id()));
    }
    for (CheckResult r : d.results()) {
      String check = r.id();
      s.add(
          CHECK_STATUS,
          1,
          "profile",
          profile,
          "check",
          check,
          "hop",
          r.hop().id(),
          "status",
          r.status().name());
      if (r.status() != Status.SKIP) {
        s.add(CHECK_DURATION, r.durationMillis() / 1000.0, "profile", profile, "check", check);
      }
      if ((r.status() == Status.WARN || r.status() == Status.FAIL) && r.cause().isPresent()) {
        s.add(
            CHECK_CAUSE,
            1,
            "profile",
            profile,
            "check",
            check,
            "hop",
            r.hop().id(),
            "cause",
            r.cause().get());
      }
      earliestNotAfter(r.evidence())
          .ifPresent(
              t ->
                  s.add(
                      CERTIFICATE_EXPIRY,
                      t.toEpochMilli() / 1000.0,
                      "profile",
                      profile,
                      "check",
                      check));
      highestUsage(r.evidence())
          .ifPresent(v -> s.add(LIMIT_USAGE, v, "profile", profile, "check", check));
    }
    s.add(
        DIAGNOSIS,
        1,
        "profile",
        profile,
        "status",
        d.status().name(),
        "hop",
        Optional.ofNullable(d.likelyFailurePoint()).map(Hop::id).orElse(""),
        "cause",
        Optional.ofNullable(d.cause()).orElse(""));
    s.add(LAST_RUN_TIMESTAMP, d.startedAt().toEpochMilli() / 1000.0, "profile", profile);
    s.add(LAST_RUN_DURATION, d.durationMillis() / 1000.0, "profile", profile);
  }

  /** PASS and WARN are up, FAIL and ERROR down; a hop nothing tested has no series. */
  static Optional<Double> upValue(Status hopStatus) {
    return switch (hopStatus) {
      case PASS, WARN -> Optional.of(1.0);
      case FAIL, ERROR -> Optional.of(0.0);
      case SKIP -> Optional.empty();
    };
  }

  static Optional<Instant> earliestNotAfter(Map<String, String> evidence) {
    Instant earliest = null;
    for (Map.Entry<String, String> e : evidence.entrySet()) {
      if (NOT_AFTER.matcher(e.getKey()).matches()) {
        try {
          Instant t = Instant.parse(e.getValue());
          earliest = earliest == null || t.isBefore(earliest) ? t : earliest;
        } catch (DateTimeParseException ignored) {
          // Not a timestamp: not evidence of an expiry.
        }
      }
    }
    return Optional.ofNullable(earliest);
  }

  /** From authorize's usage evidence, {@code usage.hits.day = "85/100 (85%)"}: 0.85. */
  static OptionalDouble highestUsage(Map<String, String> evidence) {
    OptionalDouble highest = OptionalDouble.empty();
    for (Map.Entry<String, String> e : evidence.entrySet()) {
      if (!e.getKey().startsWith("usage.")) {
        continue;
      }
      Matcher m = USAGE.matcher(e.getValue());
      if (m.find()) {
        double current = Double.parseDouble(m.group(1));
        double max = Double.parseDouble(m.group(2));
        double ratio = max == 0 ? 1.0 : current / max;
        if (highest.isEmpty() || ratio > highest.getAsDouble()) {
          highest = OptionalDouble.of(ratio);
        }
      }
    }
    return highest;
  }
}
