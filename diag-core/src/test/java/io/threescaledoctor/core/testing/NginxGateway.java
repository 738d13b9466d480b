package io.threescaledoctor.core.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@link RealNginx} playing the guide's self-managed gateway: every request is authorized with
 * {@code auth_request} against the 3scale backend's {@code /transactions/authorize.xml}, then
 * proxied to the API.
 */
public final class NginxGateway implements AutoCloseable {
  private final Setup setup;
  private final RealNginx nginx;

  private NginxGateway(Setup setup, RealNginx nginx) {
    this.setup = setup;
    this.nginx = nginx;
  }

  /** Where the credentials are read from, as the service's "credentials location" says. */
  public enum CredentialsFrom {
    QUERY,
    HEADER
  }

  /**
   * One gateway configuration; the knobs are the scenarios' traps.
   *
   * @param apiUpstream host:port of the API in {@code proxy_pass}
   * @param apiHostInVariable proxy_pass through a variable; with a host name and no {@code
   *     resolver}, nginx cannot resolve it at request time
   * @param backendUpstream host:port of the 3scale backend
   * @param underscoresInHeaders {@code null} leaves the directive out (nginx's default: off)
   */
  public record Setup(
      String apiUpstream,
      boolean apiHostInVariable,
      String backendUpstream,
      String serviceId,
      String serviceToken,
      CredentialsFrom credentialsFrom,
      Boolean underscoresInHeaders,
      Duration proxyReadTimeout,
      String errorLogLevel) {

    public static Setup of(
        String apiUpstream, String backendUpstream, String serviceId, String serviceToken) {
      return new Setup(
          apiUpstream,
          false,
          backendUpstream,
          serviceId,
          serviceToken,
          CredentialsFrom.QUERY,
          null,
          Duration.ofSeconds(5),
          "warn");
    }

    public Setup withApiHostInVariable() {
      return new Setup(
          apiUpstream,
          true,
          backendUpstream,
          serviceId,
          serviceToken,
          credentialsFrom,
          underscoresInHeaders,
          proxyReadTimeout,
          errorLogLevel);
    }

    public Setup withCredentialsFrom(CredentialsFrom from) {
      return new Setup(
          apiUpstream,
          apiHostInVariable,
          backendUpstream,
          serviceId,
          serviceToken,
          from,
          underscoresInHeaders,
          proxyReadTimeout,
          errorLogLevel);
    }

    public Setup withUnderscoresInHeaders(boolean on) {
      return new Setup(
          apiUpstream,
          apiHostInVariable,
          backendUpstream,
          serviceId,
          serviceToken,
          credentialsFrom,
          on,
          proxyReadTimeout,
          errorLogLevel);
    }

    public Setup withProxyReadTimeout(Duration timeout) {
      return new Setup(
          apiUpstream,
          apiHostInVariable,
          backendUpstream,
          serviceId,
          serviceToken,
          credentialsFrom,
          underscoresInHeaders,
          timeout,
          errorLogLevel);
    }

    /** {@code info} shows the "client sent invalid header line" of a dropped header. */
    public Setup withErrorLogLevel(String level) {
      return new Setup(
          apiUpstream,
          apiHostInVariable,
          backendUpstream,
          serviceId,
          serviceToken,
          credentialsFrom,
          underscoresInHeaders,
          proxyReadTimeout,
          level);
    }
  }

  public static boolean installed() {
    return RealNginx.installed();
  }

  /**
   * A public location: requests under {@code prefix} are authorized against 3scale, then proxied to
   * the API, or (open) proxied as they come, without any 3scale check; {@code directives} go inside
   * the block as written (e.g. {@code allow 127.0.0.1; deny all;}).
   */
  public record Location(String prefix, boolean authorized, String directives) {
    public static Location authorized(String prefix) {
      return new Location(prefix, true, "");
    }

    public static Location open(String prefix) {
      return new Location(prefix, false, "");
    }

    public Location with(String moreDirectives) {
      return new Location(prefix, authorized, directives + " " + moreDirectives);
    }
  }

  /** Writes the configuration into {@code dir} and starts nginx; returns once it accepts. */
  public static NginxGateway start(Path dir, Setup setup) throws IOException, InterruptedException {
    return start(dir, setup, List.of(Location.authorized("/")));
  }

  /**
   * As {@link #start(Path, Setup)}, with only {@code locations} public: any other path is answered
   * as APIcast answers a request no mapping rule matches (404 "No Mapping Rule matched").
   */
  public static NginxGateway start(Path dir, Setup setup, List<Location> locations)
      throws IOException, InterruptedException {
    return new NginxGateway(
        setup, RealNginx.start(dir, setup.errorLogLevel(), server(setup, locations)));
  }

  public static int freePort() throws IOException {
    return RealNginx.freePort();
  }

  private static String server(Setup s, List<Location> locations) {
    String apiPass =
        s.apiHostInVariable()
            ? "set $api_upstream " + s.apiUpstream() + ";\n      proxy_pass http://$api_upstream;"
            : "proxy_pass http://" + s.apiUpstream() + ";";
    String credential =
        s.credentialsFrom() == CredentialsFrom.QUERY ? "$arg_user_key" : "$http_user_key";
    String underscores =
        s.underscoresInHeaders() == null
            ? ""
            : "underscores_in_headers " + (s.underscoresInHeaders() ? "on" : "off") + ";";
    long readSeconds = Math.max(1, s.proxyReadTimeout().toSeconds());
    StringBuilder blocks = new StringBuilder();
    for (Location l : locations) {
      // Subrequests share the parent's variables, so the key captured by "set" in the public
      // location is what the internal authorization location forwards to 3scale.
      blocks.append(
          """
              location %1$s {
                %2$s
                proxy_connect_timeout 1s;
                proxy_read_timeout %3$ds;
                %4$s
                %5$s
              }
          """
              .formatted(
                  l.prefix(),
                  l.authorized()
                      ? "set $user_key "
                          + credential
                          + ";\n      auth_request /threescale_authorize;"
                      : "",
                  readSeconds,
                  l.directives(),
                  apiPass));
    }
    if (locations.stream().noneMatch(l -> l.prefix().equals("/"))) {
      blocks.append(
          """
              location / {
                return 404 "No Mapping Rule matched\\n";
              }
          """);
    }
    return """
          server {
            listen 127.0.0.1:PORT;
            server_name localhost;
            %1$s

            location = /threescale_authorize {
              internal;
              proxy_pass http://%2$s/transactions/authorize.xml?service_token=%3$s&service_id=%4$s&user_key=$user_key;
              proxy_pass_request_body off;
              proxy_set_header Content-Length "";
              proxy_connect_timeout 1s;
              proxy_read_timeout %5$ds;
            }

        %6$s
          }
        """
        .formatted(
            underscores, s.backendUpstream(), s.serviceToken(), s.serviceId(), readSeconds, blocks);
  }

  public URI url() {
    return nginx.url();
  }

  public Path dir() {
    return nginx.dir();
  }

  public Path errorLog() {
    return nginx.errorLog();
  }

  public Path accessLog() {
    return nginx.accessLog();
  }

  public Path nginxConf() {
    return nginx.conf();
  }

  public Setup setup() {
    return setup;
  }

  public long pid() {
    return nginx.pid();
  }

  /** See {@link RealNginx#reopenLogs(Path)}. */
  public void reopenLogs(Path movedAway) throws IOException, InterruptedException {
    nginx.reopenLogs(movedAway);
  }

  @Override
  public void close() {
    nginx.close();
  }
}
