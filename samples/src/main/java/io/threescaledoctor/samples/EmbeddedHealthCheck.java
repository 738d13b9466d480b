package io.threescaledoctor.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.DiagnosisStatus;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.report.ExitCode;
import io.threescaledoctor.core.report.JsonReportRenderer;
import io.threescaledoctor.core.report.OneLineReportRenderer;
import io.threescaledoctor.core.report.TextReportRenderer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A service that uses a 3scale-managed API and reports the health of that dependency with the
 * doctor, the way an application would wire it into its own health endpoint.
 *
 * <pre>
 * java -cp ... io.threescaledoctor.samples.EmbeddedHealthCheck --profile profile.yaml --once
 *     runs the doctor once, prints the diagnosis, exits 0 (healthy), 1 (failing) or 4
 * java -cp ... io.threescaledoctor.samples.EmbeddedHealthCheck --profile profile.yaml --port 8081
 *     serves GET /health: 200 while the chain works, 503 when it does not, the JSON report as
 *     body; a diagnosis is reused for --every (default 30s) so probes cannot flood 3scale
 * </pre>
 *
 * {@code --only api,3scale} limits the run to some hops or checks, like {@code run --only}.
 */
public final class EmbeddedHealthCheck implements AutoCloseable {
  private static final String USAGE =
      "usage: EmbeddedHealthCheck --profile FILE (--once | --port N) [--every 30s] [--only HOPS]";

  private final Doctor doctor;
  private final Duration every;
  private final PrintWriter log;
  private HttpServer server;
  private Diagnosis last;
  private Instant lastAt = Instant.MIN;

  /**
   * @param doctor the configured doctor
   * @param every how long a diagnosis stays fresh
   * @param log where each new diagnosis line is printed
   */
  public EmbeddedHealthCheck(Doctor doctor, Duration every, PrintWriter log) {
    this.doctor = doctor;
    this.every = every;
    this.log = log;
  }

  /** Runs the command line; returns the exit code instead of exiting, for tests. */
  public static int run(String[] args, PrintWriter out) {
    Path profile = null;
    Integer port = null;
    boolean once = false;
    Duration every = Duration.ofSeconds(30);
    List<String> only = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--profile" -> profile = Path.of(value(args, ++i));
          case "--port" -> port = Integer.parseInt(value(args, ++i));
          case "--once" -> once = true;
          case "--every" -> every = Duration.parse("PT" + value(args, ++i).toUpperCase());
          case "--only" -> only.addAll(List.of(value(args, ++i).split(",")));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (RuntimeException e) {
      out.println("embedded-health-check: " + e.getMessage());
      profile = null;
    }
    if (profile == null || (!once && port == null)) {
      out.println(USAGE);
      return ExitCode.BAD_INPUT;
    }
    Doctor doctor;
    try {
      doctor = Doctor.builder().profilePath(profile).only(only.toArray(String[]::new)).build();
    } catch (ProfileException | IllegalArgumentException e) {
      out.println("embedded-health-check: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    EmbeddedHealthCheck app = new EmbeddedHealthCheck(doctor, every, out);
    if (once) {
      Diagnosis d = app.diagnosis();
      StringWriter report = new StringWriter();
      try {
        new TextReportRenderer(false, false).render(d, report);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      out.print(report);
      out.flush();
      return ExitCode.of(d);
    }
    try {
      app.start(port);
    } catch (IOException e) {
      out.println("embedded-health-check: cannot listen on port " + port + ": " + e.getMessage());
      return ExitCode.BAD_INPUT;
    }
    out.println("health check at " + app.url());
    out.flush();
    return ExitCode.OK;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    int code = run(args, out);
    if (code != ExitCode.OK || List.of(args).contains("--once")) {
      System.exit(code);
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /** The current diagnosis, running the doctor when the last one is older than {@code every}. */
  public synchronized Diagnosis diagnosis() {
    Instant now = Instant.now();
    if (last == null || !now.isBefore(lastAt.plus(every))) {
      last = doctor.run();
      lastAt = now;
      log.println(Instant.now() + " " + new OneLineReportRenderer().line(last));
      log.flush();
    }
    return last;
  }

  /** Serves {@code GET /health} on the loopback address; port 0 picks a free one. */
  public void start(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/health", this::health);
    server.start();
  }

  /** Where the health endpoint listens. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
  }

  private void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      Diagnosis d = diagnosis();
      boolean up = d.status() == DiagnosisStatus.HEALTHY || d.status() == DiagnosisStatus.DEGRADED;
      StringWriter json = new StringWriter();
      new JsonReportRenderer().render(d, json);
      byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange
          .getResponseHeaders()
          .add(
              "X-Diagnosis", new OneLineReportRenderer().line(d).replaceAll("[^\\x20-\\x7e]", "?"));
      exchange.sendResponseHeaders(up ? 200 : 503, body.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
