package io.threescaledoctor.checks.http;

import java.net.URI;

/**
 * How the doctor's own requests show in the gateway's logs, so that the log analysis can tell them
 * from the clients' and set them aside instead of blaming the gateway for them.
 *
 * <p>Every request the doctor sends says {@code User-Agent: }{@value #USER_AGENT}, which nginx's
 * {@code combined} access-log format writes. The error log writes no user agent, only the request
 * line ({@code request: "GET /hello?user_key=... HTTP/1.1"}), so the requests meant to fail or that
 * carry no credentials on purpose (invalid credentials, ActiveDocs operations, the keyless
 * reachability probe) hold {@value #MARK} in their request line: in the invalid credential's value
 * when it travels in the query, else in a {@value #PARAMETER} query parameter. The client's own
 * request, sent as the profile describes it, carries no mark: what it leaves in the error log is
 * evidence of where the client's calls break.
 */
public final class OwnProbes {
  /** The doctor's user agent; the access log's {@code $http_user_agent}. */
  public static final String USER_AGENT = "3scale-doctor";

  /** Text that, in a request line, says the doctor sent the request on purpose. */
  public static final String MARK = "3scale-doctor-";

  /** A credential no application has; it holds {@link #MARK}. */
  public static final String INVALID_CREDENTIAL = MARK + "invalid-credential";

  /** The query parameter that marks a probe whose request line holds no invalid credential. */
  public static final String PARAMETER = MARK + "probe";

  private OwnProbes() {}

  /**
   * {@code uri} with {@value #PARAMETER}{@code =probe} added to its query, unless its path or query
   * already holds {@link #MARK} (an invalid credential in the query).
   */
  public static URI marked(URI uri, String probe) {
    String text = uri.toString();
    if (isOwnRequestLine(uri.getRawPath()) || isOwnRequestLine(uri.getRawQuery())) {
      return uri;
    }
    int fragment = text.indexOf('#');
    String head = fragment < 0 ? text : text.substring(0, fragment);
    String tail = fragment < 0 ? "" : text.substring(fragment);
    String separator = uri.getRawQuery() == null ? "?" : head.endsWith("&") ? "" : "&";
    return URI.create(head + separator + PARAMETER + "=" + probe + tail);
  }

  /** Whether a request line (or its target) was marked by the doctor. */
  public static boolean isOwnRequestLine(String requestLine) {
    return requestLine != null && requestLine.contains(MARK);
  }

  /** Whether an access log's user agent is the doctor's. */
  public static boolean isOwnUserAgent(String userAgent) {
    return userAgent != null
        && (userAgent.equals(USER_AGENT) || userAgent.startsWith(USER_AGENT + "/"));
  }
}
