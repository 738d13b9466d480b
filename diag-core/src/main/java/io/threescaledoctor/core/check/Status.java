package io.threescaledoctor.core.check;

/**
 * Outcome of one check.
 *
 * <p>{@link #FAIL} means the check ran and found a problem; {@link #ERROR} means the check itself
 * could not run (bad input, a bug, the run's deadline), so nothing can be said about the target;
 * {@link #SKIP} means it was not run, for a reason the result states (a prerequisite failed, an
 * input is missing).
 */
public enum Status {
  PASS,
  WARN,
  FAIL,
  SKIP,
  ERROR;

  /** Higher is worse, for choosing the status a hop or a whole run shows: FAIL beats ERROR. */
  public int severity() {
    return switch (this) {
      case SKIP -> 0;
      case PASS -> 1;
      case WARN -> 2;
      case ERROR -> 3;
      case FAIL -> 4;
    };
  }

  public static Status worst(Status a, Status b) {
    return a.severity() >= b.severity() ? a : b;
  }
}
