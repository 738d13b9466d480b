package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.checks.http.Failure;
import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.core.check.CheckResult;
import java.util.regex.Pattern;

/** What the 3scale and APIcast checks say the same way about an exchange. */
public final class Exchanges {
  private static final int EXCERPT_CHARS = 600;
  private static final Pattern KEY_ELEMENT = Pattern.compile("(<key(?:\\s[^>]*)?>)[^<]*(</key>)");
  private static final Pattern KEY_ATTRIBUTE = Pattern.compile("(<key\\s+id=\")[^\"]*(\")");

  private Exchanges() {}

  /**
   * A FAIL for an exchange that got no response: the failure's own issue when it proves one (a
   * rejected certificate), {@code dns-resolution-failed} for a name that does not resolve, {@code
   * timeoutIssue} when a timeout fired, {@code unreachableIssue} otherwise; the failure's message
   * names the timeout.
   */
  public static CheckResult noResponse(
      HttpExchange ex, String what, String unreachableIssue, String timeoutIssue) {
    return noResponse(ex, what, unreachableIssue, timeoutIssue, unreachableIssue);
  }

  /**
   * As {@link #noResponse(HttpExchange, String, String, String)}, with {@code closedIssue} for a
   * peer that accepted the connection and then closed or reset it, or answered it in something
   * other than HTTP.
   */
  public static CheckResult noResponse(
      HttpExchange ex,
      String what,
      String unreachableIssue,
      String timeoutIssue,
      String closedIssue) {
    Failure f = ex.failure();
    Failure.Kind kind = f == null ? Failure.Kind.OTHER : f.kind();
    boolean timeout = kind == Failure.Kind.CONNECT_TIMEOUT || kind == Failure.Kind.READ_TIMEOUT;
    // A peer that answered in something other than HTTP answered all the same: like a close,
    // it is the listener's doing, not the path's.
    boolean closed =
        kind == Failure.Kind.CLOSED || kind == Failure.Kind.RESET || kind == Failure.Kind.PROTOCOL;
    String message = f == null ? "no response" : f.message();
    String issue;
    if (f != null && f.issue() != null) {
      issue = f.issue();
    } else if (kind == Failure.Kind.UNKNOWN_HOST) {
      issue = "dns-resolution-failed";
    } else {
      issue = timeout ? timeoutIssue : closed ? closedIssue : unreachableIssue;
    }
    CheckResult r = CheckResult.fail(what + ": " + message).withCause(issue);
    if (timeout) {
      r = r.withTimedOut(f.phase().timeoutKey());
    }
    return withTimings(
        r.withEvidence("url", ex.request().uri())
            .withEvidence("failure", kind.name().toLowerCase().replace('_', '-'))
            .withEvidence("failureMessage", message),
        ex);
  }

  public static CheckResult withTimings(CheckResult r, HttpExchange ex) {
    return ex.timings() == null ? r : r.withEvidence(ex.timings().toEvidence());
  }

  /**
   * The start of a body, with application keys masked: OAuth answers list an application's keys,
   * which are secrets the redactor does not know.
   */
  public static String excerpt(String body) {
    if (body == null) {
      return "";
    }
    String s = body.length() > EXCERPT_CHARS ? body.substring(0, EXCERPT_CHARS) + "..." : body;
    s = KEY_ELEMENT.matcher(s).replaceAll("$1****$2");
    s = KEY_ATTRIBUTE.matcher(s).replaceAll("$1****$2");
    return s.strip();
  }
}
