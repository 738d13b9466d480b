package io.threescaledoctor.checks.logs;

import io.threescaledoctor.checks.threescale.BackendErrorCatalog;
import io.threescaledoctor.checks.threescale.BackendErrorCode;
import io.threescaledoctor.core.check.Hop;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The 3scale backend's answer to one of APIcast's calls, as APIcast's backend client logs it at
 * info level ({@code backend client uri: URL ok: true status: 403 body: <error
 * code="user_key_invalid">...</error> error: nil}) and its proxy at debug level ({@code [backend]
 * response status: 409 body: ...}). The body goes through the same backend error catalog as {@code
 * threescale.authorize}, so the cause is the one a direct authorize call would give, at {@code
 * 3scale}; no answer at all (status 0 and an error) is a failure of the path to 3scale, at {@code
 * gateway-3scale}.
 *
 * <p>An answer is reduced to a short key without credentials ({@code 403 user_key_invalid}, {@code
 * 409 "usage limits are exceeded"}, {@code no answer: timeout}), which is what the log's lines are
 * counted by.
 */
final class BackendAnswer {
  static final String NO_ANSWER = "no answer: ";
  private static final LiteralSearch STATUS = new LiteralSearch("status: ");
  private static final LiteralSearch BODY = new LiteralSearch(" body: ");
  private static final LiteralSearch ERROR = new LiteralSearch(" error: ");
  private static final LiteralSearch CODE = new LiteralSearch("code=\"");
  private static final LiteralSearch REASON = new LiteralSearch("<reason>");
  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");
  private static final int MAX_DETAIL = 160;

  /** What an answer means. */
  record Meaning(String issue, Hop hop, String meaning, String remedy) {}

  private BackendAnswer() {}

  /** Whether the answer in {@code b[from, to)} is a success (2xx), which says nothing is wrong. */
  static boolean isSuccess(byte[] b, int from, int to) {
    int status = status(b, from, to);
    return status >= 200 && status < 300;
  }

  /** The key of the answer in {@code b[from, to)}, or null if it is a success. */
  static String key(byte[] b, int from, int to) {
    int at = STATUS.indexOf(b, from, to);
    int status = status(b, from, to);
    if (status >= 200 && status < 300) {
      return null;
    }
    int afterStatus = at < 0 ? from : at + STATUS.length();
    int bodyAt = BODY.indexOf(b, afterStatus, to);
    int errorAt = lastIndexOf(ERROR, b, afterStatus, to);
    int bodyFrom = bodyAt < 0 ? to : bodyAt + BODY.length();
    int bodyTo = errorAt > bodyFrom ? errorAt : to;
    if (status <= 0) {
      String error = errorAt < 0 ? "" : text(b, errorAt + ERROR.length(), to).trim();
      return NO_ANSWER + (error.isEmpty() || error.equals("nil") ? "(no error given)" : error);
    }
    int code = CODE.indexOf(b, bodyFrom, bodyTo);
    if (code >= 0) {
      int start = code + CODE.length();
      int end = Bytes.indexOf(b, start, bodyTo, (byte) '"');
      if (end > start) {
        return status + " " + text(b, start, end);
      }
    }
    int reason = REASON.indexOf(b, bodyFrom, bodyTo);
    if (reason >= 0) {
      int start = reason + REASON.length();
      int end = Bytes.indexOf(b, start, bodyTo, (byte) '<');
      if (end > start) {
        return status + " \"" + QUOTED.matcher(text(b, start, end)).replaceAll("\"…\"") + "\"";
      }
    }
    return Integer.toString(status);
  }

  /** What the answer with {@code key} means. */
  static Meaning interpret(String key) {
    if (key.startsWith(NO_ANSWER)) {
      return noAnswer(key.substring(NO_ANSWER.length()));
    }
    int space = key.indexOf(' ');
    int status = parseInt(space < 0 ? key : key.substring(0, space));
    String detail = space < 0 ? "" : key.substring(space + 1);
    BackendErrorCatalog catalog = BackendErrorCatalog.standard();
    if (status >= 500 || status < 400) {
      return new Meaning(
          "backend-error-status",
          Hop.THREESCALE,
          "3scale answered HTTP " + status + ", which is not an authorization answer",
          null);
    }
    Optional<BackendErrorCode> code =
        detail.startsWith("\"")
            ? catalog.byReason(detail.substring(1, detail.length() - 1))
            : catalog.find(detail.isEmpty() ? null : detail);
    if (code.isPresent()) {
      BackendErrorCode c = code.get();
      return new Meaning(c.issue(), Hop.THREESCALE, c.meaning(), c.remedy());
    }
    String meaning = BackendErrorCatalog.statusMeaning(status).orElse("an unexpected status");
    return new Meaning(
        BackendErrorCatalog.issueForStatus(status).orElse("backend-error-status"),
        Hop.THREESCALE,
        "3scale answered HTTP " + status + ": " + meaning,
        null);
  }

  /** No answer reached APIcast: what its HTTP client's error says happened on the way. */
  private static Meaning noAnswer(String error) {
    String e = error.toLowerCase(java.util.Locale.ROOT);
    String issue;
    if (e.contains("no resolver defined")) {
      issue = "dns-no-resolver";
    } else if (e.contains("(3: host not found)")) {
      issue = "dns-nxdomain";
    } else if (e.contains("(2: server failure)")) {
      issue = "dns-servfail";
    } else if (e.contains("could not be resolved") && e.contains("timed out")) {
      issue = "dns-resolver-timeout";
    } else if (e.contains("could not be resolved")) {
      issue = "dns-resolution-failed";
    } else if (e.contains("timeout") || e.contains("timed out")) {
      issue = "backend-timeout";
    } else if (e.contains("handshake") || e.contains("certificate") || e.contains("ssl")) {
      issue = "backend-tls-failed";
    } else {
      issue = "backend-unreachable";
    }
    return new Meaning(
        issue, Hop.GATEWAY_3SCALE, "APIcast got no answer from 3scale: " + error, null);
  }

  /** Every issue an answer can point to. */
  static Set<String> possibleIssues() {
    Set<String> ids = new LinkedHashSet<>();
    BackendErrorCatalog.standard().all().forEach(c -> ids.add(c.issue()));
    for (int status : new int[] {400, 403, 404, 409, 422}) {
      BackendErrorCatalog.issueForStatus(status).ifPresent(ids::add);
    }
    ids.add("backend-error-status");
    for (String error :
        new String[] {
          "no resolver defined",
          "(3: host not found)",
          "(2: server failure)",
          "could not be resolved (110: operation timed out)",
          "could not be resolved",
          "timeout",
          "handshake",
          "connection refused"
        }) {
      ids.add(noAnswer(error).issue());
    }
    return ids;
  }

  private static int status(byte[] b, int from, int to) {
    int at = STATUS.indexOf(b, from, to);
    if (at < 0) {
      return -1;
    }
    int i = at + STATUS.length();
    int n = 0;
    int digits = 0;
    while (i < to && digits < 4 && b[i] >= '0' && b[i] <= '9') {
      n = n * 10 + (b[i] - '0');
      i++;
      digits++;
    }
    return digits == 0 ? 0 : n;
  }

  private static int lastIndexOf(LiteralSearch literal, byte[] b, int from, int to) {
    int last = -1;
    int at = literal.indexOf(b, from, to);
    while (at >= 0) {
      last = at;
      at = literal.indexOf(b, at + 1, to);
    }
    return last;
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String text(byte[] b, int from, int to) {
    String t = new String(b, from, Math.min(to - from, MAX_DETAIL * 4), StandardCharsets.UTF_8);
    return t.length() > MAX_DETAIL ? t.substring(0, MAX_DETAIL) + "..." : t;
  }
}
