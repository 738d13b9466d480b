package io.threescaledoctor.checks.http;

import io.threescaledoctor.core.check.Redactor;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the {@link HttpProbe} sent and what came back: the status line, every header, the
 * start of the body, timings, or the {@link Failure} that stopped it. {@code status} is {@code -1}
 * when no response head arrived; a response whose body then stalled keeps its status and carries
 * the failure too.
 *
 * @param bodyExcerpt the first {@value HttpProbe#EXCERPT_BYTES} bytes of the body, decoded as UTF-8
 *     with malformed bytes replaced
 * @param bodyBytes how many body bytes were read, at most {@value HttpProbe#MAX_BODY_BYTES}; the
 *     probe stops reading there, or once the excerpt is full and a read timeout has passed
 * @param curlOptions the options that make curl behave like the probe did ({@code --resolve},
 *     {@code --proxy}, {@code --cacert}, {@code -k}, timeouts), for {@link #curl(Redactor)}
 * @param curlUri the URL to give curl: the request's, or with the TLS servername as its host
 */
public record HttpExchange(
    HttpProbe.Request request,
    int status,
    String reason,
    List<Header> headers,
    String bodyExcerpt,
    long bodyBytes,
    HttpTimings timings,
    Failure failure,
    List<String> curlOptions,
    URI curlUri) {

  public HttpExchange {
    headers = headers == null ? List.of() : List.copyOf(headers);
    curlOptions = curlOptions == null ? List.of() : List.copyOf(curlOptions);
    curlUri = curlUri == null ? request.uri() : curlUri;
  }

  /** An exchange without extra curl options (tests and fakes build these). */
  public HttpExchange(
      HttpProbe.Request request,
      int status,
      String reason,
      List<Header> headers,
      String bodyExcerpt,
      long bodyBytes,
      HttpTimings timings,
      Failure failure) {
    this(
        request,
        status,
        reason,
        headers,
        bodyExcerpt,
        bodyBytes,
        timings,
        failure,
        List.of(),
        null);
  }

  /** One response header, as received. */
  public record Header(String name, String value) {}

  /** True when a complete response arrived, whatever its status. */
  public boolean ok() {
    return failure == null && status >= 0;
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    return headers.stream()
        .filter(h -> h.name().equalsIgnoreCase(name))
        .map(Header::value)
        .findFirst();
  }

  /** {@code HTTP 200 OK}, or {@code -} without a response. */
  public String statusLine() {
    if (status < 0) {
      return "-";
    }
    return ("HTTP " + status + " " + (reason == null ? "" : reason)).trim();
  }

  /** True for 3xx with a Location: the probe never follows redirects, it reports them. */
  public Optional<String> redirectLocation() {
    return status >= 300 && status < 400 ? header("Location") : Optional.empty();
  }

  /**
   * The same request as a curl command line, secrets as {@code redactor} writes them in commands
   * (environment-variable placeholders for the profile's, masks for others): {@code curl -sv -X GET
   * 'URL' -H 'Name: value'}, plus {@code --resolve}, {@code --proxy}, {@code --cacert}, {@code -k}
   * and the timeouts when the probe used them.
   */
  public String curl(Redactor redactor) {
    StringBuilder sb = new StringBuilder("curl -sv");
    HttpProbe.Request r = request;
    sb.append(" -X ").append(r.method());
    sb.append(' ').append(HttpProbe.shellQuote(curlUri.toString()));
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      sb.append(" -H ").append(HttpProbe.shellQuote(h.getKey() + ": " + h.getValue()));
    }
    if (r.body() != null && !r.body().isEmpty()) {
      sb.append(" --data-raw ").append(HttpProbe.shellQuote(r.body()));
    }
    for (String option : curlOptions) {
      sb.append(' ').append(option);
    }
    return redactor.command(sb.toString());
  }
}
