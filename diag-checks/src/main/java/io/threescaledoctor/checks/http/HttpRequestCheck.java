package io.threescaledoctor.checks.http;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * {@code http.request}: does the endpoint answer HTTP? For the API (guide §4.3.1) the doctor calls
 * the private base URL with the client's method and path, without credentials: any 2xx-4xx means
 * the API is up and answering (a 404 or 401 from the API itself is not a broken hop); 5xx is {@code
 * api-error-status}, no answer in time {@code api-timeout}, no connection {@code api-unreachable}.
 * For the gateway (guide §4.3.6) any HTTP answer proves a client can reach it; none is {@code
 * gateway-unreachable}.
 *
 * <p>Evidence: status line, a few telling headers, the timings (the report's waterfall reads {@code
 * dnsMillis} ... {@code totalMillis}), and the start of the body.
 */
public final class HttpRequestCheck implements Check {
  private static final int EVIDENCE_BODY_CHARS = 1024;
  private static final List<String> SHOWN_HEADERS =
      List.of(
          "Server",
          "Content-Type",
          "Content-Length",
          "Location",
          "Via",
          "WWW-Authenticate",
          "Retry-After",
          "X-Served-By");

  @Override
  public String id() {
    return "http.request";
  }

  @Override
  public Hop hop() {
    return Hop.API;
  }

  @Override
  public String description() {
    return "The endpoint answers an HTTP request (status, headers, timings, body excerpt)";
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.API, Endpoint.GATEWAY);
  }

  @Override
  public List<String> dependsOn() {
    return List.of("tcp.connect");
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    Endpoint endpoint = ctx.endpoint().orElse(Endpoint.API);
    Profile.Client client = ctx.profile().client();
    URI uri = join(ctx.target(), client.pathOrDefault());
    HttpProbe.Request request =
        new HttpProbe.Request(client.methodOrDefault(), uri, java.util.Map.of(), null);
    HttpExchange x = HttpProbe.from(ctx).send(request);
    CheckResult r = endpoint == Endpoint.GATEWAY ? judgeGateway(x) : judgeApi(x);
    if (x.status() >= 0) {
      r = r.withEvidence("status", x.statusLine());
      for (String h : SHOWN_HEADERS) {
        if (x.header(h).isPresent()) {
          r = r.withEvidence("header." + h, x.header(h).get());
        }
      }
    }
    r =
        r.withEvidence("request", request.method() + " " + uri)
            .withEvidence(x.timings().toEvidence());
    if (x.status() >= 0) {
      r =
          r.withEvidence("bodyBytes", x.bodyBytes())
              .withEvidence("bodyExcerpt", excerpt(x.bodyExcerpt()));
    }
    if (x.failure() != null) {
      r = r.withEvidence("failure", x.failure().kind() + ": " + x.failure().message());
    }
    return r.withReproduce(x.curl(ctx.redactor())).withFacts(x);
  }

  private static CheckResult judgeApi(HttpExchange x) {
    if (x.status() >= 500) {
      return CheckResult.fail("the API answered " + x.statusLine() + " to a direct call")
          .withCause("api-error-status");
    }
    if (x.status() >= 0 && x.failure() == null) {
      return CheckResult.pass(
          "the API answered " + x.statusLine() + " in " + x.timings().totalMillis() + " ms");
    }
    Failure f = x.failure();
    String cause =
        switch (f.kind()) {
          case READ_TIMEOUT -> "api-timeout";
          case UNKNOWN_HOST -> "dns-resolution-failed";
          case TLS -> "tls-handshake-failed";
          default -> "api-unreachable";
        };
    return CheckResult.fail("the API did not answer: " + f.message()).withCause(cause);
  }

  private static CheckResult judgeGateway(HttpExchange x) {
    if (x.status() >= 0) {
      return CheckResult.pass(
              "the gateway answered "
                  + x.statusLine()
                  + " in "
                  + x.timings().totalMillis()
                  + " ms (any answer proves it is reachable)")
          .withHop(Hop.CLIENT_GATEWAY);
    }
    Failure f = x.failure();
    return CheckResult.fail("the gateway did not answer: " + f.message())
        .withCause(
            f.kind() == Failure.Kind.TLS
                ? "tls-handshake-failed"
                : f.kind() == Failure.Kind.UNKNOWN_HOST
                    ? "dns-resolution-failed"
                    : "gateway-unreachable")
        .withHop(Hop.CLIENT_GATEWAY);
  }

  /** The base URL with the client's path appended, keeping a path the base URL already has. */
  static URI join(URI base, String path) {
    String b = base.toString();
    if (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    return URI.create(b + (path.startsWith("/") ? path : "/" + path));
  }

  private static String excerpt(String body) {
    return body.length() <= EVIDENCE_BODY_CHARS
        ? body
        : body.substring(0, EVIDENCE_BODY_CHARS) + "... (" + body.length() + " chars kept)";
  }
}
