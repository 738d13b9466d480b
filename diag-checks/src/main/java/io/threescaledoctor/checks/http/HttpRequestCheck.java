package io.threescaledoctor.checks.http;

import io.threescaledoctor.checks.net.Blame;
import io.threescaledoctor.checks.net.HostPort;
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
 * api-error-status}. For the gateway (guide §4.3.6) any HTTP answer proves a client can reach it;
 * the call is marked as the doctor's own ({@link OwnProbes}), so the gateway's logs do not count
 * what the gateway answers to a call without credentials against it. No answer is located by the
 * net layer's rules ({@link Blame}): refused at the listener, a silent peer {@code api-timeout} or
 * {@code gateway-timeout}, a connection closed or reset without an HTTP answer (or answered in TLS,
 * or not in HTTP) the endpoint's {@code *-closed-connection}, only a connect timeout or an
 * unreachable network a path problem.
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
    if (endpoint == Endpoint.GATEWAY) {
      // A call without credentials: what the gateway logs about it is the doctor's doing.
      uri = OwnProbes.marked(uri, "reachability");
    }
    HttpProbe.Request request =
        new HttpProbe.Request(client.methodOrDefault(), uri, java.util.Map.of(), null);
    HttpExchange x = HttpProbe.from(ctx).send(request);
    CheckResult r =
        x.status() >= 0
            ? (endpoint == Endpoint.GATEWAY ? judgeGatewayAnswer(x) : judgeApiAnswer(x))
            : noAnswer(ctx, endpoint, x.failure());
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
    String reproduce = x.curl(ctx.redactor());
    if (x.failure() != null) {
      r = r.withEvidence("failure", x.failure().kind() + ": " + x.failure().message());
      if (x.failure().timedOut()) {
        r = r.withTimedOut(x.failure().phase().timeoutKey());
      }
      if (answeredButNotHttp(x.failure())) {
        reproduce += " ; " + otherProtocol(uri);
      }
    }
    return r.withReproduce(reproduce).withFacts(x);
  }

  private static CheckResult judgeApiAnswer(HttpExchange x) {
    if (x.status() >= 500) {
      return CheckResult.fail("the API answered " + x.statusLine() + " to a direct call")
          .withCause("api-error-status");
    }
    if (x.failure() == null) {
      return CheckResult.pass(
          "the API answered " + x.statusLine() + " in " + x.timings().totalMillis() + " ms");
    }
    Failure f = x.failure();
    return CheckResult.fail("the API answered " + x.statusLine() + ", then: " + f.message())
        .withCause(f.timedOut() ? "api-timeout" : "api-closed-connection");
  }

  private static CheckResult judgeGatewayAnswer(HttpExchange x) {
    return CheckResult.pass(
            "the gateway answered "
                + x.statusLine()
                + " in "
                + x.timings().totalMillis()
                + " ms (any answer proves it is reachable)")
        .withHop(Hop.CLIENT_GATEWAY);
  }

  /** No HTTP answer at all: located by the net layer's rules for this endpoint. */
  private static CheckResult noAnswer(CheckContext ctx, Endpoint endpoint, Failure f) {
    String who = endpoint == Endpoint.GATEWAY ? "the gateway" : "the API";
    if (f.kind() == Failure.Kind.UNKNOWN_HOST) {
      return CheckResult.fail(who + " did not answer: " + f.message())
          .withCause("dns-resolution-failed");
    }
    if (f.issue() != null) {
      // A rejected certificate is the endpoint's certificate problem, found where
      // tls.certificate finds it, not a handshake that failed for want of a listener.
      return CheckResult.fail(who + " at " + f.message()).withCause(f.issue());
    }
    Blame.Verdict v = Blame.of(ctx, endpoint, f.outcome(), f.phase(), f.atProxy());
    String cause = answeredButNotHttp(f) ? Blame.closedCause(endpoint) : v.cause();
    CheckResult r = CheckResult.fail(who + " did not answer: " + f.message()).withCause(cause);
    return r.withHop(answeredButNotHttp(f) ? Blame.serverHop(endpoint) : v.hop());
  }

  /** Connected, then closed, reset, or spoke something other than HTTP. */
  private static boolean answeredButNotHttp(Failure f) {
    return f.kind() == Failure.Kind.CLOSED
        || f.kind() == Failure.Kind.RESET
        || f.kind() == Failure.Kind.PROTOCOL;
  }

  /** The command that shows whether the port speaks the other protocol (TLS vs plain HTTP). */
  private static String otherProtocol(URI uri) {
    HostPort target = HostPort.of(uri);
    return "https".equalsIgnoreCase(uri.getScheme())
        ? "curl -sv --max-time 5 'http://" + target.authority() + "/'"
        : "openssl s_client -connect " + target.authority() + " -brief </dev/null";
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
