package io.threescaledoctor.checks.http;

import io.threescaledoctor.checks.dns.IpText;
import io.threescaledoctor.checks.dns.Resolution;
import io.threescaledoctor.checks.dns.ResolvePins;
import io.threescaledoctor.checks.tls.TrustMaterial;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.profile.Durations;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionReuseStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one HTTP request the way a careful engineer with curl would, and records what happened.
 * Shared by every check that speaks HTTP.
 *
 * <p>Each {@link #send} opens a fresh connection (nothing is pooled or reused between probes),
 * never retries, never follows redirects (a 3xx is reported as it is, see {@link
 * HttpExchange#redirectLocation()}), asks for no compression and decodes none, and reads at most
 * {@value #MAX_BODY_BYTES} body bytes. It honours the profile: {@code timeouts.connect} for the TCP
 * connect, {@code timeouts.read} for the TLS handshake, the response head and each body read;
 * {@code tls.caFile} and {@code tls.insecure} (verification is on by default, against the JDK's CAs
 * plus the bundle); {@code network.resolve} pins and {@code dns.resolvers}, applied through
 * HttpClient's {@link DnsResolver} seam (see {@link Resolution}); and {@code network.proxy}, an
 * HTTP proxy (CONNECT for https, the proxy then resolves the target).
 *
 * <pre>{@code
 * HttpExchange x = HttpProbe.from(context).send(HttpProbe.Request.get(URI.create(url + "/status")));
 * if (!x.ok()) return CheckResult.fail(x.failure().message()).withReproduce(x.curl(context.redactor()));
 * }</pre>
 *
 * <p>Thread-safe: a probe holds only settings, and each send builds its own client.
 */
public final class HttpProbe {
  /** Bytes of the body kept in {@link HttpExchange#bodyExcerpt()}. */
  public static final int EXCERPT_BYTES = 4096;

  /** Bytes of the body read at most; the rest is left unread and the connection closed. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private static final String USER_AGENT = "3scale-doctor";

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final TrustMaterial trust;
  private final ResolvePins pins;
  private final Profile profile;
  private final HttpHost proxy;

  private HttpProbe(
      Duration connectTimeout,
      Duration readTimeout,
      TrustMaterial trust,
      ResolvePins pins,
      Profile profile,
      HttpHost proxy) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.trust = trust;
    this.pins = pins;
    this.profile = profile;
    this.proxy = proxy;
  }

  /**
   * A probe configured from the context's timeouts and profile.
   *
   * @throws IllegalArgumentException naming the profile key when {@code tls.caFile}, {@code
   *     network.resolve} or {@code network.proxy} is unusable
   */
  public static HttpProbe from(CheckContext ctx) {
    Profile profile = ctx.profile();
    return new HttpProbe(
        ctx.timeouts().connect(),
        ctx.timeouts().read(),
        TrustMaterial.from(profile),
        ResolvePins.parse(profile.network().resolveOrEmpty()),
        profile,
        proxyOf(profile.network().proxy()));
  }

  private static HttpHost proxyOf(String proxy) {
    if (proxy == null || proxy.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("network.proxy " + proxy + ": no host in the URL");
      }
      return new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 3128);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "network.proxy " + proxy + ": not a proxy URL (write http://HOST:PORT)", e);
    }
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
    List<String> curlOptions = curlOptions(request.uri());
    try (CloseableHttpClient client = client(rec)) {
      ClassicRequestBuilder b =
          ClassicRequestBuilder.create(request.method()).setUri(request.uri());
      request.headers().forEach(b::addHeader);
      if (request.body() != null) {
        b.setEntity(
            new StringEntity(
                request.body(), ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8)));
      }
      return client.execute(b.build(), response -> read(request, response, rec, kept, curlOptions));
    } catch (IOException | RuntimeException e) {
      return new HttpExchange(
          request,
          -1,
          null,
          List.of(),
          "",
          0,
          rec.timings(),
          classify(e, request.uri(), rec),
          curlOptions);
    }
  }

  private HttpExchange read(
      Request request,
      ClassicHttpResponse response,
      Recorder rec,
      int keptBytes,
      List<String> curlOptions) {
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
      long countUntil = System.nanoTime() + readTimeout.toNanos();
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
        failure = bodyFailure(e);
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
        curlOptions);
  }

  private Failure bodyFailure(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return new Failure(
          Failure.Kind.READ_TIMEOUT,
          "the response body stalled: no data within the read timeout of "
              + read()
              + " ("
              + "timeouts.read)");
    }
    return new Failure(
        Failure.Kind.RESET, "the connection broke while reading the response body: " + message(e));
  }

  private CloseableHttpClient client(Recorder rec) {
    TlsSocketStrategy tls =
        ClientTlsStrategyBuilder.create()
            .setSslContext(trust.sslContext())
            .setHostnameVerifier(trust.insecure() ? NoopHostnameVerifier.INSTANCE : null)
            .buildClassic();
    TlsSocketStrategy timedTls =
        (socket, target, port, attachment, context) -> {
          rec.tlsStart = System.nanoTime();
          SSLSocket upgraded = tls.upgrade(socket, target, port, attachment, context);
          rec.tlsEnd = System.nanoTime();
          return upgraded;
        };
    DnsResolver resolver = new RecordingResolver(profile, readTimeout, rec);
    DefaultHttpClientConnectionOperator operator =
        new DefaultHttpClientConnectionOperator(
            proxyType -> new TimedSocket(proxyType, rec),
            DefaultSchemePortResolver.INSTANCE,
            resolver,
            RegistryBuilder.<TlsSocketStrategy>create()
                .register(URIScheme.HTTPS.id, timedTls)
                .build());
    BasicHttpClientConnectionManager manager =
        new BasicHttpClientConnectionManager(operator, ManagedHttpClientConnectionFactory.INSTANCE);
    manager.setConnectionConfig(
        ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(connectTimeout))
            .setSocketTimeout(Timeout.of(readTimeout))
            .build());
    manager.setTlsConfig(TlsConfig.custom().setHandshakeTimeout(Timeout.of(readTimeout)).build());
    ConnectionReuseStrategy never = (req, resp, ctx) -> false;
    return HttpClients.custom()
        .setConnectionManager(manager)
        .setConnectionReuseStrategy(never)
        .setRequestExecutor(new HttpRequestExecutor(Http1Config.DEFAULT, never, rec))
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableContentCompression()
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent(USER_AGENT)
        .setProxy(proxy)
        .setDefaultRequestConfig(
            RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setResponseTimeout(Timeout.of(readTimeout))
                .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                .build())
        .build();
  }

  private Failure classify(Exception e, URI uri, Recorder rec) {
    String where = hostPort(uri);
    if (rec.tlsStart != 0 && rec.tlsEnd == 0) {
      if (e instanceof SocketTimeoutException) {
        return new Failure(
            Failure.Kind.READ_TIMEOUT,
            "no TLS handshake answer from "
                + where
                + " within the read timeout of "
                + read()
                + " (timeouts.read)");
      }
      if (e instanceof SSLException || e.getCause() instanceof SSLException) {
        return new Failure(
            Failure.Kind.TLS, "TLS handshake with " + where + " failed: " + message(e));
      }
    }
    if (e instanceof UnknownHostException) {
      return new Failure(
          Failure.Kind.UNKNOWN_HOST,
          "the name " + e.getMessage() + " does not resolve (system resolver)");
    }
    if (e instanceof ConnectTimeoutException
        || (e instanceof SocketTimeoutException && rec.connectStart != 0 && rec.connectEnd == 0)) {
      return new Failure(
          Failure.Kind.CONNECT_TIMEOUT,
          "no answer to the connection attempt to "
              + connectTarget(where)
              + " within the connect timeout of "
              + Durations.format(connectTimeout)
              + " (timeouts.connect)");
    }
    if (e instanceof NoRouteToHostException) {
      return new Failure(
          Failure.Kind.NO_ROUTE, "no route to " + connectTarget(where) + " (" + message(e) + ")");
    }
    if (e instanceof ConnectException) {
      String m = message(e);
      if (m.toLowerCase().contains("refused")) {
        return new Failure(
            Failure.Kind.REFUSED,
            connectTarget(where) + " refused the connection (nothing listening)");
      }
      if (m.toLowerCase().contains("unreachable")) {
        return new Failure(Failure.Kind.NO_ROUTE, connectTarget(where) + ": " + m);
      }
      return new Failure(
          Failure.Kind.OTHER, "cannot connect to " + connectTarget(where) + ": " + m);
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return new Failure(
          Failure.Kind.READ_TIMEOUT,
          "no response from "
              + where
              + " within the read timeout of "
              + read()
              + " (timeouts.read)");
    }
    if (e instanceof SSLException) {
      return new Failure(Failure.Kind.TLS, "TLS with " + where + " failed: " + message(e));
    }
    if (e instanceof NoHttpResponseException) {
      return new Failure(
          Failure.Kind.PROTOCOL, where + " closed the connection without sending an HTTP response");
    }
    if (e instanceof SocketException && message(e).toLowerCase().contains("reset")) {
      return new Failure(Failure.Kind.RESET, where + " reset the connection");
    }
    if (e instanceof ClientProtocolException || e.getCause() instanceof HttpException) {
      return new Failure(
          Failure.Kind.PROTOCOL, where + " did not answer with valid HTTP: " + message(e));
    }
    if (e instanceof SocketException) {
      return new Failure(Failure.Kind.RESET, where + ": " + message(e));
    }
    return new Failure(
        Failure.Kind.OTHER, where + ": " + e.getClass().getSimpleName() + ": " + message(e));
  }

  private String connectTarget(String where) {
    return proxy == null ? where : "the proxy " + proxy.toHostString();
  }

  private String read() {
    return Durations.format(readTimeout);
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    if (m == null && e.getCause() != null) {
      m = e.getCause().getMessage();
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }

  static String hostPort(URI uri) {
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    String host = uri.getHost() == null ? String.valueOf(uri) : uri.getHost();
    return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The curl options that make curl do what this probe does for {@code uri}. */
  private List<String> curlOptions(URI uri) {
    List<String> o = new ArrayList<>();
    o.add("--connect-timeout " + seconds(connectTimeout));
    o.add("--max-time " + seconds(connectTimeout.plus(readTimeout)));
    String host = uri.getHost();
    if (host != null && proxy == null) {
      pins.lookup(host)
          .ifPresent(
              address -> {
                String ip = IpText.of(address);
                int port =
                    uri.getPort() > 0
                        ? uri.getPort()
                        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
                o.add(
                    "--resolve "
                        + shellQuote(
                            host + ":" + port + ":" + (ip.contains(":") ? "[" + ip + "]" : ip)));
              });
    }
    if (proxy != null) {
      o.add("--proxy " + shellQuote(proxy.toURI()));
    }
    if (trust.caFile() != null) {
      o.add("--cacert " + shellQuote(trust.caFile()));
    }
    if (trust.insecure()) {
      o.add("-k");
    }
    return List.copyOf(o);
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
   * Resolves as every probe does (see {@link Resolution}: pins, {@code dns.resolvers}, system) and
   * times the lookup.
   */
  private static final class RecordingResolver implements DnsResolver {
    private final Profile profile;
    private final Duration timeout;
    private final Recorder rec;

    RecordingResolver(Profile profile, Duration timeout, Recorder rec) {
      this.profile = profile;
      this.timeout = timeout;
      this.rec = rec;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      if (ResolvePins.literal(host).isPresent()) {
        return new InetAddress[] {ResolvePins.literal(host).get()};
      }
      rec.dnsStart = System.nanoTime();
      try {
        return Resolution.resolve(profile, host, timeout).toArray(InetAddress[]::new);
      } finally {
        rec.dnsEnd = System.nanoTime();
      }
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
      return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
  }

  /** A socket that times its own connect; the last successful attempt's time is kept. */
  private static final class TimedSocket extends Socket {
    private final Recorder rec;

    TimedSocket(Proxy proxy, Recorder rec) {
      super(proxy == null ? Proxy.NO_PROXY : proxy);
      this.rec = rec;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      rec.connectStart = System.nanoTime();
      rec.connectEnd = 0;
      super.connect(endpoint, timeout);
      rec.connectEnd = System.nanoTime();
    }
  }
}
