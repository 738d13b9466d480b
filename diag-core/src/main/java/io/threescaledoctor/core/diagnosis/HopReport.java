package io.threescaledoctor.core.diagnosis;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;

/**
 * One hop's verdict: the worst status of its results and how the doctor knows ({@code direct},
 * {@code logs}, or {@code not-tested}, when no check of this hop ran).
 */
public record HopReport(Hop hop, Status status, String tested) {
  public static final String DIRECT = "direct";
  public static final String LOGS = "logs";
  public static final String NOT_TESTED = "not-tested";
}
