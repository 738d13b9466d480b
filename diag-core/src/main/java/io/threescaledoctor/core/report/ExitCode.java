package io.threescaledoctor.core.report;

import io.threescaledoctor.core.diagnosis.Diagnosis;

/** The exit codes other tools rely on. */
public final class ExitCode {
  /** No FAIL (WARN allowed). */
  public static final int OK = 0;

  /** At least one FAIL. */
  public static final int FAILING = 1;

  /** Bad input: usage, unreadable or invalid profile, bad URL. */
  public static final int BAD_INPUT = 2;

  /** The doctor itself broke. */
  public static final int INTERNAL_ERROR = 3;

  /** Nothing failed, but a check that mattered could not run: healthy cannot be claimed. */
  public static final int INCONCLUSIVE = 4;

  private ExitCode() {}

  public static int of(Diagnosis diagnosis) {
    return switch (diagnosis.status()) {
      case HEALTHY, DEGRADED -> OK;
      case FAILING -> FAILING;
      case INCONCLUSIVE -> INCONCLUSIVE;
    };
  }
}
