package io.threescaledoctor.checks.logs;

import io.threescaledoctor.core.check.Hop;
import java.util.List;
import java.util.Optional;

/**
 * One known error-log message: the substrings that recognise it and the cause it points to. A
 * message about an upstream or a host names one cause per target (the API, the 3scale backend, or
 * an upstream nothing places); a message about the 3scale backend's answer takes its cause from the
 * answer; a benign message names none; any other message names one.
 *
 * @param id stable id of the message, e.g. {@code upstream-timed-out-connecting}
 * @param title a few words saying what the message means
 * @param match literal substrings that must all occur in the message, the first the most distinct
 * @param api the cause when the line is about the API, or the only cause of a fixed message
 * @param backend the cause when the line is about the 3scale backend; null for a fixed message
 * @param unattributed the cause when nothing tells what the line is about; null for the default
 *     ({@code upstream-unattributed} at the {@code gateway} hop)
 * @param subjectAfter the literal that precedes the host the message names, if any
 * @param subjectBefore the literal that follows the host the message names, if any
 * @param severity how bad a recent occurrence is
 * @param about what the line's subject is
 * @param section the guide section
 */
public record LogMessage(
    String id,
    String title,
    List<String> match,
    Cause api,
    Cause backend,
    Cause unattributed,
    String subjectAfter,
    String subjectBefore,
    Severity severity,
    About about,
    String section) {

  static final Cause UNATTRIBUTED = new Cause("upstream-unattributed", Hop.GATEWAY);

  /** A known-issue id and, when the issue's own hop does not fit, the hop to report. */
  public record Cause(String issue, Hop hop) {
    public Optional<Hop> hopOverride() {
      return Optional.ofNullable(hop);
    }
  }

  /**
   * How a recent occurrence counts: {@code FAIL} breaks calls, {@code WARN} deserves a look, {@code
   * BENIGN} is recognised so it is not reported as unknown, and says nothing is wrong.
   */
  public enum Severity {
    FAIL,
    WARN,
    BENIGN
  }

  /** What a line's subject (the host, address or text it names) is. */
  public enum About {
    /** Nothing: the message alone says what is wrong. */
    NOTHING,
    /** An upstream or a host name, which attribution places at the API or at 3scale. */
    UPSTREAM,
    /** The address of a DNS resolver. */
    RESOLVER,
    /** The 3scale backend's answer to APIcast ({@code status: 403 body: <error ...>}). */
    BACKEND_ANSWER
  }

  /** Whether the cause depends on what the line is about (the API or the 3scale backend). */
  public boolean attributed() {
    return about == About.UPSTREAM;
  }

  /** The cause for a line about {@code target}. */
  public Cause cause(Target target) {
    if (!attributed()) {
      return api;
    }
    return switch (target) {
      case BACKEND -> backend;
      case UNATTRIBUTED -> unattributed == null ? UNATTRIBUTED : unattributed;
      default -> api;
    };
  }
}
