package io.threescaledoctor.core.report;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * The diagnosis in one line, for {@code run --quiet}, log lines and health endpoints:
 *
 * <pre>
 * HEALTHY: 12 checks passed
 * FAILING at 3scale (backend-unreachable): 3scale's Service Management API cannot be reached
 * FAILING: application dependency session-store (redis-unreachable): Redis refuses connections
 * DEGRADED: 1 warning: gateway.tls.handshake
 * INCONCLUSIVE: 2 checks could not run: admin.http.request, gateway.errorlog
 * </pre>
 */
public final class OneLineReportRenderer implements ReportRenderer {
  private final KnownIssueCatalog catalog;

  /** A renderer that names causes with the titles of the standard catalog. */
  public OneLineReportRenderer() {
    this(KnownIssueCatalog.standard());
  }

  /** A renderer that names causes with the titles of {@code catalog}. */
  public OneLineReportRenderer(KnownIssueCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void render(Diagnosis d, Writer out) throws IOException {
    out.write(line(d));
    out.write(System.lineSeparator());
    out.flush();
  }

  /** The line, without a line break. */
  public String line(Diagnosis diagnosis) {
    Diagnosis d = Masking.again(diagnosis);
    return switch (d.status()) {
      case HEALTHY -> "HEALTHY: " + d.count(Status.PASS) + " checks passed";
      case DEGRADED ->
          "DEGRADED: " + plural(d.count(Status.WARN), "warning") + ": " + ids(d, Status.WARN);
      case INCONCLUSIVE ->
          d.count(Status.ERROR) == 0
              ? "INCONCLUSIVE: no check could run with this profile"
              : "INCONCLUSIVE: "
                  + plural(d.count(Status.ERROR), "check")
                  + " could not run: "
                  + ids(d, Status.ERROR);
      case FAILING ->
          Optional.ofNullable(d.likelyFailurePoint())
                  .map(h -> "FAILING at " + h.id())
                  .orElseGet(
                      () ->
                          "FAILING: application dependency "
                              + String.join(", ", Chain.failingDependencies(d)))
              + Optional.ofNullable(d.cause()).map(c -> " (" + c + ")").orElse("")
              + ": "
              + Optional.ofNullable(d.cause())
                  .flatMap(catalog::find)
                  .map(i -> i.title())
                  .orElseGet(() -> firstFailure(d));
    };
  }

  private static String firstFailure(Diagnosis d) {
    return d.results().stream()
        .filter(r -> r.status() == Status.FAIL)
        .filter(
            r ->
                d.likelyFailurePoint() == null
                    ? r.dependency().isPresent()
                    : r.hop() == d.likelyFailurePoint() && r.dependency().isEmpty())
        .findFirst()
        .map(r -> r.id() + ": " + r.summary())
        .orElse(d.explanation());
  }

  private static String ids(Diagnosis d, Status status) {
    List<String> ids =
        d.results().stream().filter(r -> r.status() == status).map(CheckResult::id).toList();
    return String.join(", ", ids);
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
