package io.threescaledoctor.checks.http;

import io.threescaledoctor.checks.dns.IpText;
import io.threescaledoctor.checks.dns.Resolution;
import io.threescaledoctor.checks.dns.ResolvePins;
import io.threescaledoctor.checks.net.Classifier;
import io.threescaledoctor.checks.net.Dial;
import io.threescaledoctor.checks.net.Dialer;
import io.threescaledoctor.checks.net.HostPort;
import io.threescaledoctor.checks.net.HttpProxy;
import io.threescaledoctor.checks.net.Outcome;
import io.threescaledoctor.checks.net.Phase;
import io.threescaledoctor.checks.tls.TlsCertificateCheck;
import io.threescaledoctor.checks.tls.TrustMaterial;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Durations;
import io.threescaledoctor.core.profile.Profile;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestConnControl;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.http.protocol.RequestUserAgent;

/**
 * Sends one HTTP request the way a careful engineer with curl would, and records what happened.
 * Shared by every check that speaks HTTP.
 *
 * <p>It dials through the {@link Dialer} like every other probe (so a refused, silent or closing
 * peer is classified the same way as in {@code tcp.connect}) and speaks HTTP/1.1 over that socket
 * with HttpCore's codec. Each {@link #send} opens a fresh connection (nothing is pooled or reused),
 * never retries, never follows redirects (a 3xx is reported as it is, see {@link
 * HttpExchange#redirectLocation()}), asks for no compression, and reads at most {@value
 * #MAX_BODY_BYTES} body bytes. It honours the profile: {@code timeouts.connect} for the TCP
 * connect, {@code timeouts.read} for the TLS handshake, the response head and each body read;
 * {@code tls.caFile} and {@code tls.insecure} (verification is on by default, against the JDK's CAs
 * plus the bundle, and the certificate must name the host, or the endpoint's {@code servername});
 * {@code network.resolve} pins and {@code dns.resolvers} (see {@link Resolution}); and the proxy of
 * the endpoint the URL belongs to ({@code api.proxy} ..., else {@code network.proxy}): CONNECT for
 * https, an absolute-form request for http, as curl does.
 *
 * <pre>{@code
 * HttpExchange x = HttpProbe.from(context).send(HttpProbe.Request.get(URI.create(url + "/status")));
 * if (!x.ok()) return CheckResult.fail(x.failure().message()).withReproduce(x.curl(context.redactor()));
 * }</pre>
 *
 * <p>Thread-safe: a probe holds only settings.
 */
public final class HttpProbe {
  /** Bytes of the body kept in {@link HttpExchange#bodyExcerpt()}. */
  public static final int EXCERPT_BYTES = 4096;

  /** Bytes of the body read at most; the rest is left unread and the connection closed. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private static final int SNIFFED_BYTES = 8;

  private final CheckContext.Timeouts timeouts;
  private final ResolvePins pins;
  private final Profile profile;
  private final Clock clock;
  private volatile TrustMaterial trust;

  private HttpProbe(
      CheckContext.Timeouts timeouts, ResolvePins pins, Profile profile, Clock clock) {
    this.timeouts = timeouts;
    this.pins = pins;
    this.profile = profile;
    this.clock = clock;
  }

  /** Read on the first https request: a CA bundle costs nothing to a probe that speaks http. */
  private TrustMaterial trust() {
    TrustMaterial t = trust;
    if (t == null) {
      t = TrustMaterial.from(profile);
      trust = t;
    }
    return t;
  }

  /**
   * A probe configured from the context's timeouts and profile.
   *
   * @throws IllegalArgumentException naming the profile key when {@code network.resolve} or a proxy
   *     key is unusable; an unusable {@code tls.caFile} throws on the first https request
   */
  public static HttpProbe from(CheckContext ctx) {
    Profile profile = ctx.profile();
    for (Endpoint e : Endpoint.values()) {
      // Parsed here so that a bad proxy is one clear error before any request.
      HttpProxy.of(profile, e);
    }
    return new HttpProbe(
        ctx.timeouts(),
        ResolvePins.parse(profile.network().resolveOrEmpty()),
        profile,
        ctx.clock());
  }

  /** One request: method, URL, headers in the order given, and an optional text body. */
  public record Request(String method, URI uri, Map<String, String> headers, String body) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      headers =
          headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static Request get(URI uri) {
      return new Request("GET", uri, Map.of(), null);
    }

    /** This request with one more header. */
    public Request withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Request(method, uri, more, body);
    }
  }

  /** Sends {@code request} once. Never throws for network failures: they are in the exchange. */
  public HttpExchange send(Request request) {
    return send(request, EXCERPT_BYTES);
  }

  /**
   * As {@link #send(Request)}, keeping up to {@code keptBytes} of the body (at most {@value
   * #MAX_BODY_BYTES}) in the excerpt, for answers that must be read whole, such as JSON.
   */
  public HttpExchange send(Request request, int keptBytes) {
    int kept = Math.max(0, Math.min(keptBytes, MAX_BODY_BYTES));
    Recorder rec = new Recorder();
    rec.start = System.nanoTime();
    URI uri = request.uri();
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    HostPort target = HostPort.of(uri);
    Optional<HttpProxy> proxy = HttpProxy.forUri(profile, uri);
    String serverName = serverName(uri, target);
    Curl curl = curlFor(uri, target, proxy, serverName, https);
    Dialer dialer = new Dialer(timeouts, proxy.orElse(null));
    Dial dial;
    try {
      dial = open(dialer, target, proxy, https, rec);
    } catch (UnknownHostException e) {
      return failed(
          request,
          rec,
          new Failure(
              Failure.Kind.UNKNOWN_HOST,
              "the name " + Classifier.firstMessage(e) + " does not resolve"),
          curl);
    }
    if (!dial.connected()) {
      return failed(request, rec, failure(dial, target), curl);
    }
    if (https) {
      rec.tlsStart = System.nanoTime();
      String sni = ResolvePins.literal(serverName).isPresent() ? null : serverName;
      AtomicReference<List<X509Certificate>> presented = new AtomicReference<>(List.of());
      Dial handshake =
          dialer.tls(
              dial,
              trust().sslContext(presented::set),
              new HostPort(serverName, target.port()),
              sni,
              !trust().insecure(),
              List.of());
      if (!handshake.connected()) {
        return failed(
            request,
            rec,
            certificateRejected(handshake, target, presented.get(), serverName)
                .orElseGet(() -> failure(handshake, target)),
            curl);
      }
      dial = handshake;
      rec.tlsEnd = System.nanoTime();
    }
    try (Dial open = dial) {
      return exchange(request, open.socket(), proxy.isPresent() && !https, kept, rec, curl);
    }
  }

  /** The TLS name: the endpoint's servername (or tls.servername) for its URLs, else the host. */
  private String serverName(URI uri, HostPort target) {
    Optional<Endpoint> endpoint = HttpProxy.endpointOf(profile, uri);
    Optional<String> configured =
        endpoint.isPresent()
            ? profile.endpointServername(endpoint.get())
            : Optional.ofNullable(profile.tls().servername()).filter(s -> !s.isBlank());
    return configured.orElse(target.host());
  }

  private Dial open(
      Dialer dialer, HostPort target, Optional<HttpProxy> proxy, boolean https, Recorder rec)
      throws UnknownHostException {
    if (proxy.isPresent()) {
      rec.connectStart = System.nanoTime();
      Dial d = https ? dialer.tunnel(target) : dialer.toProxy();
      if (d.connected()) {
        rec.connectEnd = rec.connectStart + d.connectMillis() * 1_000_000;
      }
      return d;
    }
    List<InetAddress> addresses;
    if (ResolvePins.literal(target.host()).isPresent()) {
      addresses = List.of(ResolvePins.literal(target.host()).get());
    } else {
      rec.dnsStart = System.nanoTime();
      try {
        addresses = Resolution.resolve(profile, target.host(), timeouts.read());
      } finally {
        rec.dnsEnd = System.nanoTime();
      }
    }
    Dial last = null;
    for (InetAddress a : addresses) {
      // Like curl: the next address only when this one could not be reached at all.
      rec.connectStart = System.nanoTime();
      last = dialer.connect(new InetSocketAddress(a, target.port()));
      if (last.connected()) {
        rec.connectEnd = System.nanoTime();
        return last;
      }
    }
    if (last == null) {
      throw new UnknownHostException(target.host() + " (no address)");
    }
    return last;
  }

  /**
   * A handshake that failed because the chain the peer presented is one this client rejects, said
   * the way {@code tls.certificate} says it (self-signed, expired, untrusted issuer or missing
   * intermediate, another host's name) instead of in the TLS stack's words.
   */
  private Optional<Failure> certificateRejected(
      Dial d, HostPort target, List<X509Certificate> chain, String serverName) {
    if (d.outcome() != Outcome.TLS_FAILED || chain.isEmpty() || trust().insecure()) {
      return Optional.empty();
    }
    CheckResult verdict = TlsCertificateCheck.judge(chain, serverName, trust(), clock.instant());
    if (verdict.status() != Status.FAIL || verdict.cause().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Failure(
            Failure.Kind.CERTIFICATE,
            target.authority()
                + " presented a certificate this client rejects: "
                + verdict.summary(),
            Outcome.TLS_FAILED,
            Phase.TLS,
            false,
            verdict.cause().get()));
  }

  /** A failed dial, worded with the name the URL gave and, when it differs, the address tried. */
  private Failure failure(Dial d, HostPort target) {
    Phase phase = d.failedIn().orElse(Phase.CONNECT);
    Failure.Kind kind =
        switch (d.outcome()) {
          case REFUSED -> Failure.Kind.REFUSED;
          case TIMED_OUT ->
              phase == Phase.CONNECT ? Failure.Kind.CONNECT_TIMEOUT : Failure.Kind.READ_TIMEOUT;
          case UNREACHABLE -> Failure.Kind.NO_ROUTE;
          case RESET -> Failure.Kind.RESET;
          case CLOSED -> Failure.Kind.CLOSED;
          case TLS_FAILED -> Failure.Kind.TLS;
          case PROXY_REJECTED -> Failure.Kind.PROXY;
          case CONNECTED, ERROR -> Failure.Kind.OTHER;
        };
    if (d.atProxy() && kind != Failure.Kind.PROXY) {
      kind = kind == Failure.Kind.CONNECT_TIMEOUT ? kind : Failure.Kind.PROXY;
    }
    String who = d.peer();
    if (!d.atProxy() && d.proxy().isEmpty() && !who.equals(target.authority())) {
      who = target.authority() + " (" + d.peer() + ")";
    }
    return new Failure(kind, who + " " + d.detail(), d.outcome(), phase, d.atProxy());
  }

  private HttpExchange exchange(
      Request request,
      Socket socket,
      boolean absoluteForm,
      int keptBytes,
      Recorder rec,
      Curl curl) {
    SniffingSocket sniffing;
    try {
      sniffing = new SniffingSocket(socket, timeouts.readMillis());
    } catch (IOException e) {
      return failed(request, rec, classified(e, request.uri(), null), curl);
    }
    // The limits go to the parser too: the connection applies them to line lengths only, and its
    // default parser counts header lines against HttpCore's default of 100.
    DefaultBHttpClientConnection conn =
        new DefaultBHttpClientConnection(
            HEAD_LIMITS,
            null,
            null,
            null,
            null,
            null,
            new DefaultHttpResponseParserFactory(HEAD_LIMITS));
    try {
      conn.bind(sniffing);
      ClassicHttpRequest message = message(request, absoluteForm);
      HttpCoreContext context = HttpCoreContext.create();
      HttpRequestExecutor executor =
          new HttpRequestExecutor(HEAD_LIMITS, (req, resp, ctx) -> false, rec);
      executor.preProcess(message, PROCESSOR, context);
      sniffing.answerWithin(timeouts.read());
      ClassicHttpResponse response = executor.execute(message, conn, context);
      executor.postProcess(response, PROCESSOR, context);
      return read(request, response, rec, keptBytes, curl, sniffing);
    } catch (IOException | HttpException | RuntimeException e) {
      byte[] first = sniffing.firstBytes();
      Failure slow =
          sniffing.trickled() && !isTlsRecord(first)
              ? trickle("response head", sniffing, request.uri())
              : null;
      return failed(request, rec, slow != null ? slow : classified(e, request.uri(), first), curl);
    } finally {
      try {
        conn.close();
      } catch (IOException ignored) {
        // the exchange is over either way
      }
    }
  }

  /**
   * How large a response head the probe reads: what curl reads (a header line up to 100 KiB), not
   * HttpCore's 8 KiB and 100 lines, so an API whose headers nginx's proxy buffers cannot hold is
   * seen answering, as curl sees it, instead of being taken for one that does not speak HTTP.
   */
  private static final Http1Config HEAD_LIMITS =
      Http1Config.custom().setMaxLineLength(100 * 1024).setMaxHeaderCount(500).build();

  private static final HttpProcessor PROCESSOR =
      HttpProcessorBuilder.create()
          .add(new RequestContent())
          .add(new RequestConnControl())
          .add(new RequestUserAgent(OwnProbes.USER_AGENT))
          .build();

  private static ClassicHttpRequest message(Request request, boolean absoluteForm) {
    URI uri = request.uri();
    ClassicRequestBuilder b = ClassicRequestBuilder.create(request.method()).setUri(uri);
    b.setHeader("Host", hostHeader(uri));
    request.headers().forEach(b::addHeader);
    b.setHeader("Connection", "close");
    if (request.body() != null) {
      b.setEntity(
          new StringEntity(
              request.body(), ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8)));
    }
    ClassicHttpRequest built = b.build();
    if (absoluteForm && built instanceof BasicClassicHttpRequest basic) {
      basic.setAbsoluteRequestUri(true);
    }
    return built;
  }

  /** The Host header: the URL's host and port as written, never its user-info. */
  private static String hostHeader(URI uri) {
    String host = uri.getHost();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return uri.getPort() > 0 ? host + ":" + uri.getPort() : host;
  }

  private HttpExchange read(
      Request request,
      ClassicHttpResponse response,
      Recorder rec,
      int keptBytes,
      Curl curl,
      SniffingSocket sniffing) {
    List<HttpExchange.Header> headers = new ArrayList<>();
    for (org.apache.hc.core5.http.Header h : response.getHeaders()) {
      headers.add(new HttpExchange.Header(h.getName(), h.getValue()));
    }
    byte[] excerpt = new byte[0];
    long total = 0;
    Failure failure = null;
    HttpEntity entity = response.getEntity();
    if (entity != null) {
      byte[] buffer = new byte[8192];
      byte[] kept = new byte[keptBytes];
      int keptLength = 0;
      // Counting the rest of a large body is worth one read timeout, not a trickle's hours.
      long countUntil = System.nanoTime() + timeouts.read().toNanos();
      sniffing.answerWithin(timeouts.read());
      try (InputStream in = entity.getContent()) {
        int n;
        while (total < MAX_BODY_BYTES
            && (keptLength < keptBytes || System.nanoTime() < countUntil)
            && (n = in.read(buffer, 0, (int) Math.min(buffer.length, MAX_BODY_BYTES - total)))
                != -1) {
          int copy = Math.min(n, keptBytes - keptLength);
          if (copy > 0) {
            System.arraycopy(buffer, 0, kept, keptLength, copy);
            keptLength += copy;
          }
          total += n;
        }
      } catch (IOException e) {
        failure =
            sniffing.trickled()
                ? trickle("response body", sniffing, request.uri())
                : bodyFailure(e);
      }
      excerpt = java.util.Arrays.copyOf(kept, keptLength);
    }
    rec.end = System.nanoTime();
    // new String(..., UTF_8) replaces malformed input instead of throwing: lenient by design.
    return new HttpExchange(
        request,
        response.getCode(),
        response.getReasonPhrase(),
        headers,
        new String(excerpt, StandardCharsets.UTF_8),
        total,
        rec.timings(),
        failure,
        curl.options(),
        curl.uri());
  }

  /**
   * A peer that keeps sending, a few bytes at a time, so that no single read times out: what a
   * slowloris-style or badly stalled peer does. It gets one read timeout for each part of the
   * answer, like a silent one.
   */
  private Failure trickle(String part, SniffingSocket sniffing, URI uri) {
    return new Failure(
        Failure.Kind.READ_TIMEOUT,
        hostPort(uri)
            + " answers too slowly: only "
            + sniffing.received()
            + " bytes of the "
            + part
            + " arrived within the read timeout of "
            + Durations.format(timeouts.read())
            + " (timeouts.read)",
        Outcome.TIMED_OUT,
        Phase.EXCHANGE,
        false);
  }

  private Failure bodyFailure(IOException e) {
    Classifier.Classified c = Classifier.classify(e, Phase.EXCHANGE, timeouts);
    if (c.outcome() == Outcome.TIMED_OUT) {
      return new Failure(
          Failure.Kind.READ_TIMEOUT,
          "the response body stalled: no data within the read timeout of "
              + Durations.format(timeouts.read())
              + " (timeouts.read)",
          c.outcome(),
          Phase.EXCHANGE,
          false);
    }
    return new Failure(
        Failure.Kind.RESET,
        "the connection broke while reading the response body: " + Classifier.firstMessage(e),
        c.outcome(),
        Phase.EXCHANGE,
        false);
  }

  /** A failure once connected: the classifier's, or a peer that answered in TLS or not in HTTP. */
  private Failure classified(Exception e, URI uri, byte[] firstBytes) {
    String where = hostPort(uri);
    if (firstBytes != null && firstBytes.length >= 2 && isTlsRecord(firstBytes)) {
      return new Failure(
          Failure.Kind.PROTOCOL,
          where + " answered with TLS: the port expects https://, not http://",
          Outcome.ERROR,
          Phase.EXCHANGE,
          false);
    }
    Classifier.Classified c = Classifier.classify(e, Phase.EXCHANGE, timeouts);
    Failure.Kind kind =
        switch (c.outcome()) {
          case TIMED_OUT -> Failure.Kind.READ_TIMEOUT;
          case RESET -> Failure.Kind.RESET;
          case CLOSED -> Failure.Kind.CLOSED;
          default -> Failure.Kind.PROTOCOL;
        };
    String detail =
        kind == Failure.Kind.PROTOCOL
            ? notHttp(Classifier.firstMessage(e), firstBytes)
            : c.detail();
    return new Failure(kind, where + " " + detail, c.outcome(), Phase.EXCHANGE, false);
  }

  /**
   * Why the answer is not HTTP, in the codec's words when they are words; a codec message that
   * quotes binary garbage is replaced by the first bytes in hex, which a terminal can show.
   */
  private static String notHttp(String codecMessage, byte[] firstBytes) {
    boolean printable = codecMessage.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f);
    if (printable && codecMessage.length() <= 200) {
      return "did not answer with valid HTTP: " + codecMessage;
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; firstBytes != null && i < firstBytes.length; i++) {
      hex.append(String.format("%s%02x", i == 0 ? "" : " ", firstBytes[i]));
    }
    return "did not answer with HTTP: the answer starts with bytes "
        + (hex.length() == 0 ? "that are not text" : hex)
        + ", not an HTTP status line";
  }

  /** A TLS record header: handshake (22) or alert (21), version 3.x. */
  private static boolean isTlsRecord(byte[] b) {
    return b.length >= 2 && (b[0] == 0x16 || b[0] == 0x15) && b[1] == 0x03;
  }

  private static HttpExchange failed(Request request, Recorder rec, Failure failure, Curl curl) {
    return new HttpExchange(
        request, -1, null, List.of(), "", 0, rec.timings(), failure, curl.options(), curl.uri());
  }

  static String hostPort(URI uri) {
    return uri.getHost() == null ? String.valueOf(uri) : HostPort.of(uri).authority();
  }

  /** What curl needs to do the same: its options, and the URL to give it. */
  private record Curl(List<String> options, URI uri) {}

  private Curl curlFor(
      URI uri, HostPort target, Optional<HttpProxy> proxy, String serverName, boolean https) {
    List<String> o = new ArrayList<>();
    o.add("--connect-timeout " + seconds(timeouts.connect()));
    o.add("--max-time " + seconds(timeouts.connect().plus(timeouts.read())));
    URI curlUri = uri;
    boolean renamed = https && !serverName.equalsIgnoreCase(target.host());
    if (renamed) {
      // curl sends the URL's host as SNI and checks the certificate against it: give it the
      // servername as the URL's host, the real address with --connect-to, the real Host header.
      curlUri = withHost(uri, serverName);
      o.add(
          "--connect-to "
              + shellQuote(serverName + ":" + target.port() + ":" + target.authority()));
      o.add("-H " + shellQuote("Host: " + hostHeader(uri)));
    }
    if (proxy.isEmpty()) {
      pins.lookup(target.host())
          .ifPresent(
              address -> {
                String ip = IpText.of(address);
                o.add(
                    "--resolve "
                        + shellQuote(
                            target.host()
                                + ":"
                                + target.port()
                                + ":"
                                + (ip.contains(":") ? "[" + ip + "]" : ip)));
              });
    } else {
      o.add("--proxy " + shellQuote(proxy.get().url()));
    }
    String caFile = profile.tls().caFile();
    if (https && caFile != null && !caFile.isBlank()) {
      o.add("--cacert " + shellQuote(caFile));
    }
    if (https && profile.tls().insecureOrDefault()) {
      o.add("-k");
    }
    return new Curl(List.copyOf(o), curlUri);
  }

  private static URI withHost(URI uri, String host) {
    try {
      return new URI(
          uri.getScheme(),
          null,
          host,
          uri.getPort(),
          uri.getRawPath() == null ? null : uri.getPath(),
          uri.getQuery(),
          uri.getFragment());
    } catch (java.net.URISyntaxException e) {
      return uri;
    }
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
  }

  /** Quotes a word for a POSIX shell: {@code 'it'\''s'}. */
  public static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Timestamps (System.nanoTime) of one exchange's phases; 0 means it did not happen. */
  private static final class Recorder implements Http1StreamListener {
    volatile long start;
    volatile long dnsStart;
    volatile long dnsEnd;
    volatile long connectStart;
    volatile long connectEnd;
    volatile long tlsStart;
    volatile long tlsEnd;
    volatile long requestHead;
    volatile long responseHead;
    volatile long end;

    @Override
    public void onRequestHead(HttpConnection connection, HttpRequest request) {
      requestHead = System.nanoTime();
    }

    @Override
    public void onResponseHead(HttpConnection connection, HttpResponse response) {
      if (response.getCode() >= 200 && responseHead == 0) {
        responseHead = System.nanoTime();
      }
    }

    @Override
    public void onExchangeComplete(HttpConnection connection, boolean keepAlive) {
      // The body is timed by the probe's own read loop.
    }

    HttpTimings timings() {
      long stop = end != 0 ? end : System.nanoTime();
      return new HttpTimings(
          span(dnsStart, dnsEnd),
          span(connectStart, connectEnd),
          span(tlsStart, tlsEnd),
          span(requestHead, responseHead),
          span(start, stop));
    }

    private static long span(long from, long to) {
      return from == 0 || to == 0 || to < from ? -1 : (to - from) / 1_000_000;
    }
  }

  /**
   * A socket whose first bytes are kept, so that a peer answering an HTTP request with TLS (an
   * https port) can be told from one that answered garbage. Everything else passes through.
   */
  private static final class SniffingSocket extends Socket {
    private final Socket delegate;
    private final InputStream in;
    private final byte[] first = new byte[SNIFFED_BYTES];
    private int firstLength;
    private int readMillis;
    private volatile long deadline;
    private volatile long received;

    SniffingSocket(Socket delegate, int readMillis) throws IOException {
      this.delegate = delegate;
      this.readMillis = readMillis;
      this.in =
          new FilterInputStream(delegate.getInputStream()) {
            @Override
            public int read() throws IOException {
              awaitNoLongerThanTheDeadline();
              int b = super.read();
              if (b >= 0) {
                keep(new byte[] {(byte) b}, 0, 1);
              }
              return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
              awaitNoLongerThanTheDeadline();
              int n = super.read(buf, off, len);
              if (n > 0) {
                keep(buf, off, n);
              }
              return n;
            }
          };
    }

    /** From now on, what is read must arrive within {@code budget}, however it is spread. */
    void answerWithin(Duration budget) {
      received = 0;
      deadline = System.nanoTime() + budget.toNanos();
    }

    /** Whether the deadline passed after the peer had sent something: a trickle, not a silence. */
    boolean trickled() {
      return deadline != 0 && System.nanoTime() - deadline >= 0 && received > 0;
    }

    long received() {
      return received;
    }

    private void awaitNoLongerThanTheDeadline() throws IOException {
      if (deadline == 0) {
        return;
      }
      // Rounded up, so that a timeout that fires finds the deadline passed.
      long leftMillis = (deadline - System.nanoTime() + 999_999) / 1_000_000;
      if (leftMillis <= 0) {
        throw new SocketTimeoutException("the answer did not arrive within the read timeout");
      }
      int wait = readMillis <= 0 ? (int) leftMillis : (int) Math.min(readMillis, leftMillis);
      delegate.setSoTimeout(Math.max(1, wait));
    }

    private synchronized void keep(byte[] buf, int off, int n) {
      received += n;
      int copy = Math.min(n, SNIFFED_BYTES - firstLength);
      if (copy > 0) {
        System.arraycopy(buf, off, first, firstLength, copy);
        firstLength += copy;
      }
    }

    synchronized byte[] firstBytes() {
      return java.util.Arrays.copyOf(first, firstLength);
    }

    @Override
    public InputStream getInputStream() {
      return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return delegate.getOutputStream();
    }

    @Override
    public void setSoTimeout(int timeout) throws java.net.SocketException {
      readMillis = timeout;
      delegate.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws java.net.SocketException {
      return delegate.getSoTimeout();
    }

    @Override
    public boolean isConnected() {
      return delegate.isConnected();
    }

    @Override
    public boolean isClosed() {
      return delegate.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
      return delegate.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
      return delegate.isOutputShutdown();
    }

    @Override
    public void shutdownInput() throws IOException {
      delegate.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
      delegate.shutdownOutput();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
      return delegate.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
      return delegate.getLocalSocketAddress();
    }

    @Override
    public InetAddress getInetAddress() {
      return delegate.getInetAddress();
    }

    @Override
    public int getPort() {
      return delegate.getPort();
    }

    @Override
    public int getLocalPort() {
      return delegate.getLocalPort();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws java.net.SocketException {
      delegate.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws java.net.SocketException {
      return delegate.getSoLinger();
    }

    @Override
    public synchronized void close() throws IOException {
      delegate.close();
    }
  }
}
