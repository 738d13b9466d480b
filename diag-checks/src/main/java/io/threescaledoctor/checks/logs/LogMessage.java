package io.threescaledoctor.checks.logs;

import io.threescaledoctor.core.check.Hop;
import java.util.List;
import java.util.Optional;

/**
 * One known error-log message: the substrings that recognise it and the cause it points to. A
 * message about an upstream names two causes, one for when the upstream is the API and one for when
 * it is the 3scale backend; any other message names one.
 *
 * @param id stable id of the message, e.g. {@code upstream-timed-out-connecting}
 * @param title a few words saying what the message means
 * @param match literal substrings that must all occur in the message, the first the most distinct
 * @param api the cause when the line is about the API, or the only cause of a fixed message
 * @param backend the cause when the line is about the 3scale backend; null for a fixed message
 * @param subjectAfter the literal that precedes the host the message names, if any
 * @param subjectBefore the literal that follows the host the message names, if any
 * @param severity how bad a recent occurrence is
 * @param section the guide section
 */
public record LogMessage(
    String id,
    String title,
    List<String> match,
    Cause api,
    Cause backend,
    String subjectAfter,
    String subjectBefore,
    Severity severity,
    String section) {

  /** A known-issue id and, when the issue's own hop does not fit, the hop to report. */
  public record Cause(String issue, Hop hop) {
    public Optional<Hop> hopOverride() {
      return Optional.ofNullable(hop);
    }
  }

  /** How a recent occurrence counts: {@code FAIL} breaks calls, {@code WARN} deserves a look. */
  public enum Severity {
    FAIL,
    WARN
  }

  /** Whether the cause depends on what the line is about (the API or the 3scale backend). */
  public boolean attributed() {
    return backend != null;
  }

  /** The cause for a line about {@code target}. */
  public Cause cause(Target target) {
    return target == Target.BACKEND && backend != null ? backend : api;
  }
}
