package io.threescaledoctor.checks.nginx;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;

/**
 * One problem in an nginx configuration, at a file and line.
 *
 * @param issue the known-issue id
 * @param hop the hop it puts at risk
 * @param status FAIL (it breaks calls) or WARN (a risk)
 * @param where {@code file:line}
 * @param message what is wrong there, and the fix in a few words
 */
public record NginxFinding(String issue, Hop hop, Status status, String where, String message) {
  @Override
  public String toString() {
    return where + ": " + message;
  }
}
