package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Read-only calls to the admin portal's Account Management API, authenticated with the access token
 * of {@code threescale.admin} ({@code https://TOKEN@tenant-admin.example.com}, or a remote) as the
 * {@code access_token} parameter, the way the guide's own check does it. Only GET.
 */
public final class AdminApi {
  private final HttpProbe probe;
  private final String base;
  private final String token;

  private AdminApi(HttpProbe probe, String base, String token) {
    this.probe = probe;
    this.base = base;
    this.token = token;
  }

  static AdminApi from(CheckContext context) {
    return of(context, context.target());
  }

  /** The Account Management API at {@code admin}, for a check not run against that endpoint. */
  public static AdminApi of(CheckContext context, URI admin) {
    String token = admin.getRawUserInfo() == null ? "" : admin.getRawUserInfo();
    String base =
        admin.getScheme()
            + "://"
            + admin.getRawAuthority().replaceFirst("^[^@]*@", "")
            + (admin.getRawPath() == null ? "" : admin.getRawPath().replaceAll("/+$", ""));
    return new AdminApi(HttpProbe.from(context), base, token);
  }

  /** GET {@code path} (e.g. {@code /admin/api/services.json}) with the token. */
  public HttpExchange get(String path) {
    String sep = path.contains("?") ? "&" : "?";
    URI uri =
        URI.create(
            base
                + path
                + (token.isEmpty()
                    ? ""
                    : sep + "access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    // Whole bodies: a JSON list is useless cut at the probe's usual excerpt.
    return probe.send(
        HttpProbe.Request.get(uri).withHeader("Accept", "application/json"),
        HttpProbe.MAX_BODY_BYTES);
  }

  public boolean hasToken() {
    return !token.isEmpty();
  }

  /**
   * The services the token lists ({@code services.json}): the list, or the FAIL that says why it
   * could not be had. Either way the exchange is there for timings and the reproduce command.
   */
  ServiceList services(CheckContext context) {
    HttpExchange list = get("/admin/api/services.json");
    if (list.status() != 200) {
      return new ServiceList(
          List.of(),
          list,
          failure(list, "list of services").withReproduce(list.curl(context.redactor())));
    }
    try {
      return new ServiceList(AdminJson.services(list.bodyExcerpt()), list, null);
    } catch (IOException e) {
      return new ServiceList(
          List.of(),
          list,
          onHop(
                  CheckResult.fail(
                          "the admin portal's services.json is not the Account Management API's"
                              + " JSON: "
                              + e.getMessage().lines().findFirst().orElse(""))
                      .withCause("portal-error-status")
                      .withEvidence("body", Exchanges.excerpt(list.bodyExcerpt())))
              .withReproduce(list.curl(context.redactor())));
    }
  }

  /**
   * What {@link #services} read.
   *
   * @param failure the FAIL to return instead of going on, or null when the list was read
   */
  record ServiceList(List<AdminJson.Service> services, HttpExchange exchange, CheckResult failure) {
    Optional<CheckResult> failed() {
      return Optional.ofNullable(failure);
    }
  }

  /** A FAIL for an answer that is not 200, with the portal's own error text. */
  public static CheckResult failure(HttpExchange ex, String what) {
    if (ex.status() < 0) {
      return onHop(
          Exchanges.noResponse(
              ex,
              "the admin portal does not answer " + what,
              "portal-unreachable",
              "portal-unreachable",
              "portal-closed-connection"));
    }
    String detail = AdminJson.errorText(ex.bodyExcerpt()).map(e -> " (" + e + ")").orElse("");
    CheckResult r;
    if (ex.status() == 401 || ex.status() == 403) {
      r =
          CheckResult.fail(
                  "failed to get "
                      + what
                      + ": invalid status: "
                      + ex.status()
                      + detail
                      + ": the access token is wrong or lacks the Account Management API scope")
              .withCause("portal-token-forbidden");
    } else {
      r =
          CheckResult.fail(
                  "the admin portal answered " + what + " with " + ex.statusLine() + detail)
              .withCause("portal-error-status");
    }
    r =
        r.withEvidence("status", ex.status())
            .withEvidence("url", ex.request().uri())
            .withEvidence("body", Exchanges.excerpt(ex.bodyExcerpt()));
    return onHop(Exchanges.withTimings(r, ex));
  }

  /** The result on the hop its cause belongs to, from the known-issue catalog. */
  static CheckResult onHop(CheckResult r) {
    Optional<Hop> hop = r.cause().flatMap(KnownIssueCatalog.standard()::find).map(KnownIssue::hop);
    return hop.isPresent() ? r.withHop(hop.get()) : r;
  }
}
