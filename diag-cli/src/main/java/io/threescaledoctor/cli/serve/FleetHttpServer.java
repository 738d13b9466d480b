package io.threescaledoctor.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.threescaledoctor.cli.ReportFormats;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.fleet.ProfileState;
import io.threescaledoctor.core.fleet.ReloadReport;
import io.threescaledoctor.core.fleet.Scheduler;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.report.ReportRenderer;
import io.threescaledoctor.prometheus.ProbeMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code serve}'s HTTP endpoints: {@code /metrics} (the Prometheus client's own handler: text or
 * OpenMetrics by the Accept header, gzip when asked), {@code /probe?target=PROFILE&only=HOP} (a run
 * now, its deadline from {@code X-Prometheus-Scrape-Timeout-Seconds}), {@code
 * /report/PROFILE.json|html|txt|md|xml} (the last report through {@code run}'s renderers), {@code
 * /} (every profile's verdict), {@code /-/healthy}, {@code /-/ready} and {@code POST /-/reload}.
 * Requests are handled on a pool of daemon threads: a slow probe never holds up a scrape.
 */
final class FleetHttpServer {
  static final String SCRAPE_TIMEOUT_HEADER = "X-Prometheus-Scrape-Timeout-Seconds";

  /** The deadline of a probe Prometheus sends no timeout for, as blackbox_exporter has. */
  private static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(120);

  private static final Map<String, String> REPORT_FORMATS = new LinkedHashMap<>();
  private static final Map<String, String> CONTENT_TYPES = new LinkedHashMap<>();

  static {
    REPORT_FORMATS.put("json", "json");
    REPORT_FORMATS.put("html", "html");
    REPORT_FORMATS.put("txt", "text");
    REPORT_FORMATS.put("md", "markdown");
    REPORT_FORMATS.put("xml", "junit");
    CONTENT_TYPES.put("json", "application/json");
    CONTENT_TYPES.put("html", "text/html; charset=utf-8");
    CONTENT_TYPES.put("txt", "text/plain; charset=utf-8");
    CONTENT_TYPES.put("md", "text/markdown; charset=utf-8");
    CONTENT_TYPES.put("xml", "application/xml; charset=utf-8");
  }

  private final Serve.Settings settings;
  private final Scheduler scheduler;
  private final MetricsHandler metrics;
  private final Function<String, ReloadReport> reload;
  private final ServeLog log;
  private final HttpServer server;
  private final ExecutorService executor;

  FleetHttpServer(
      Serve.Settings settings,
      Scheduler scheduler,
      PrometheusRegistry registry,
      Function<String, ReloadReport> reload,
      ServeLog log)
      throws IOException {
    this.settings = settings;
    this.scheduler = scheduler;
    this.metrics = new MetricsHandler(registry);
    this.reload = reload;
    this.log = log;
    this.server = HttpServer.create(settings.listen(), 128);
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "3scale-doctor-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts answering; returns this server. */
  FleetHttpServer start() {
    server.start();
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI url() {
    String host = server.getAddress().getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  /** Stops accepting, gives exchanges in progress a second, stops the handler threads. */
  void stop() {
    server.stop(1);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (path.equals("/-/reload")) {
        if (!method.equals("POST") && !method.equals("PUT")) {
          ex.getResponseHeaders().set("Allow", "POST, PUT");
          text(ex, 405, "Only POST or PUT requests allowed.\n");
          return;
        }
        reload(ex);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        text(ex, 405, "Only GET and HEAD requests allowed.\n");
        return;
      }
      switch (path) {
        case "/metrics" -> metrics.handle(ex);
        case "/probe" -> probe(ex);
        case "/", "/index.html" ->
            send(
                ex,
                200,
                "text/html; charset=utf-8",
                IndexPage.render(scheduler, settings, Clock.systemUTC().instant()));
        case "/-/healthy" -> text(ex, 200, "3scale-doctor is Healthy.\n");
        case "/-/ready" -> ready(ex);
        default -> {
          if (path.startsWith("/report/")) {
            report(ex, path.substring("/report/".length()));
          } else {
            text(ex, 404, "Not found: see / for what this server answers.\n");
          }
        }
      }
    } catch (IOException e) {
      // The client went away; nothing to answer.
    } catch (RuntimeException e) {
      log.error("Request broke", "path", ex.getRequestURI().getPath(), "err", e.toString());
      try {
        text(ex, 500, "3scale-doctor: internal error: " + e.getClass().getSimpleName() + "\n");
      } catch (IOException | RuntimeException ignored) {
        // The response was already under way.
      }
    }
  }

  private void ready(HttpExchange ex) throws IOException {
    if (scheduler.ready()) {
      text(ex, 200, "3scale-doctor is Ready.\n");
      return;
    }
    long waiting =
        scheduler.profiles().stream()
            .filter(p -> p.doctor() != null && p.lastDiagnosis() == null)
            .count();
    text(
        ex,
        503,
        "3scale-doctor is not ready: "
            + waiting
            + " of "
            + scheduler.profiles().size()
            + " profiles have not finished their first run.\n");
  }

  private void reload(HttpExchange ex) throws IOException {
    ReloadReport r;
    try {
      r = reload.apply("POST /-/reload");
    } catch (IllegalStateException e) {
      text(ex, 503, "3scale-doctor: cannot reload now: " + e.getMessage() + "\n");
      return;
    }
    if (r.sourceError() != null) {
      text(ex, 500, "failed to reload: " + mask(r.sourceError()) + "\n");
      return;
    }
    StringBuilder body =
        new StringBuilder(
            "reloaded: "
                + r.added().size()
                + " added, "
                + r.changed().size()
                + " changed, "
                + r.removed().size()
                + " removed, "
                + r.broken().size()
                + " broken\n");
    r.broken()
        .forEach((name, why) -> body.append(name).append(": ").append(mask(why)).append('\n'));
    text(ex, r.successful() ? 200 : 500, body.toString());
  }

  private void probe(HttpExchange ex) throws IOException {
    Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
    List<String> targets = query.getOrDefault("target", List.of());
    if (targets.size() != 1 || targets.get(0).isBlank()) {
      text(ex, 400, "the target parameter names one profile: /probe?target=PROFILE[&only=HOP]\n");
      return;
    }
    String target = targets.get(0);
    List<String> only = new ArrayList<>();
    for (String o : query.getOrDefault("only", List.of())) {
      for (String part : o.split(",")) {
        if (!part.isBlank()) {
          only.add(part.trim());
        }
      }
    }
    Duration deadline;
    try {
      deadline =
          probeDeadline(
              ex.getRequestHeaders().getFirst(SCRAPE_TIMEOUT_HEADER), settings.timeoutOffset());
    } catch (IllegalArgumentException e) {
      text(ex, 400, e.getMessage() + "\n");
      return;
    }
    long start = System.nanoTime();
    Diagnosis d;
    try {
      d = scheduler.runNow(target, only, deadline);
    } catch (NoSuchElementException e) {
      text(ex, 404, "unknown target: " + e.getMessage() + " (see / for the profiles)\n");
      return;
    } catch (ProfileException e) {
      text(ex, 500, "profile '" + target + "' does not load: " + mask(e.getMessage()) + "\n");
      return;
    } catch (IllegalArgumentException e) {
      text(ex, 400, mask(e.getMessage()) + "\n");
      return;
    } catch (TimeoutException | IllegalStateException e) {
      text(ex, 503, mask(e.getMessage()) + "\n");
      return;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    PrometheusRegistry one = new PrometheusRegistry();
    one.register(ProbeMetrics.of(target, d, took));
    new MetricsHandler(one).handle(ex);
  }

  /**
   * Prometheus's scrape timeout less the offset (as blackbox_exporter's {@code --timeout-offset}),
   * so the answer arrives before Prometheus gives up; no header: two minutes.
   */
  static Duration probeDeadline(String header, Duration offset) {
    if (header == null || header.isBlank()) {
      return DEFAULT_PROBE_TIMEOUT;
    }
    double seconds;
    try {
      seconds = Double.parseDouble(header.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          SCRAPE_TIMEOUT_HEADER + " is not a number of seconds: " + header);
    }
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException(SCRAPE_TIMEOUT_HEADER + " must be positive: " + header);
    }
    Duration timeout = Duration.ofNanos((long) (seconds * 1e9));
    Duration less = timeout.minus(offset);
    // An offset as long as the timeout itself would leave nothing: then use the timeout whole.
    return less.compareTo(Duration.ofMillis(100)) < 0 ? timeout : less;
  }

  private void report(HttpExchange ex, String file) throws IOException {
    int dot = file.lastIndexOf('.');
    String ext = dot < 0 ? "" : file.substring(dot + 1);
    String format = REPORT_FORMATS.get(ext);
    if (dot <= 0 || format == null) {
      text(
          ex,
          404,
          "reports are /report/PROFILE." + String.join("|", REPORT_FORMATS.keySet()) + "\n");
      return;
    }
    String name = file.substring(0, dot);
    Optional<ProfileState> state = scheduler.profile(name);
    if (state.isEmpty()) {
      text(ex, 404, "no profile named '" + name + "' (see / for the profiles)\n");
      return;
    }
    ProfileState p = state.get();
    if (p.lastDiagnosis() == null) {
      text(
          ex,
          404,
          p.valid()
              ? "no run of '" + name + "' has finished yet\n"
              : "profile '" + name + "' does not load: " + mask(p.loadError()) + "\n");
      return;
    }
    ReportRenderer renderer =
        ReportFormats.renderer(format, false, false, p.doctor().profile()).orElseThrow();
    StringWriter out = new StringWriter();
    renderer.render(p.lastDiagnosis(), out);
    send(ex, 200, CONTENT_TYPES.get(ext), out.toString());
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String mask(String s) {
    return Redactor.patternsOnly().mask(s);
  }

  private static void text(HttpExchange ex, int status, String body) throws IOException {
    send(ex, status, "text/plain; charset=utf-8", body);
  }

  private static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    if (contentType.startsWith("text/html")) {
      // The pages are self-contained: inline styles and SVG, nothing to fetch, nothing to run.
      ex.getResponseHeaders()
          .set(
              "Content-Security-Policy",
              "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    }
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
