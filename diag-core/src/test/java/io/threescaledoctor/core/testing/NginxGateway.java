package io.threescaledoctor.core.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link RealNginx} playing the guide's self-managed gateway: every request is authorized with
 * {@code auth_request} against the 3scale backend's {@code /transactions/authorize.xml} (or, like
 * APIcast, {@code authrep.xml}, which counts the call), then proxied to the API.
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

  /** What the authorization subrequest asks 3scale. */
  public enum Authorization {
    /** {@code authorize.xml} without usage: nothing is counted. */
    AUTHORIZE,
    /** {@code authrep.xml} with {@code usage[hits]=1}, as APIcast does: every call is counted. */
    AUTHREP
  }

  /** Which of the client's credentials the gateway forwards to 3scale. */
  public enum Credentials {
    /** {@code user_key} (a service in API key mode). */
    USER_KEY,
    /** {@code app_id} and {@code app_key} (a service in App ID and App Key mode). */
    APP_ID_AND_KEY
  }

  /**
   * One gateway configuration; the knobs are the scenarios' traps.
   *
   * @param apiUpstream host:port of the API in {@code proxy_pass}
   * @param apiHostInVariable proxy_pass through a variable; with a host name and no {@code
   *     resolver}, nginx cannot resolve it at request time
   * @param backendUpstream host:port of the 3scale backend
   * @param underscoresInHeaders {@code null} leaves the directive out (nginx's default: off)
   * @param authorization {@link Authorization#AUTHORIZE} unless a scenario needs calls counted
   * @param credentials what is forwarded to 3scale; {@link Credentials#USER_KEY} by default
   * @param refuseMissingCredentials answer 401 without asking 3scale when the client sends no
   *     credentials, as APIcast does; otherwise 3scale is asked with an empty key
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
      String errorLogLevel,
      Authorization authorization,
      Credentials credentials,
      boolean refuseMissingCredentials) {

    /** A setup that authorizes user keys from the query without counting them. */
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
          "warn",
          Authorization.AUTHORIZE,
          Credentials.USER_KEY,
          false);
    }

    public Setup withApiHostInVariable() {
      return with(d -> d.apiHostInVariable = true);
    }

    public Setup withBackendUpstream(String hostPort) {
      return with(d -> d.backendUpstream = hostPort);
    }

    public Setup withCredentialsFrom(CredentialsFrom from) {
      return with(d -> d.credentialsFrom = from);
    }

    public Setup withUnderscoresInHeaders(boolean on) {
      return with(d -> d.underscoresInHeaders = on);
    }

    public Setup withProxyReadTimeout(Duration timeout) {
      return with(d -> d.proxyReadTimeout = timeout);
    }

    /** {@code info} shows the "client sent invalid header line" of a dropped header. */
    public Setup withErrorLogLevel(String level) {
      return with(d -> d.errorLogLevel = level);
    }

    /** Authrep with {@code usage[hits]=1}, so each call through the gateway is counted. */
    public Setup withAuthrep() {
      return with(d -> d.authorization = Authorization.AUTHREP);
    }

    /** Forwards {@code app_id} and {@code app_key} instead of {@code user_key}. */
    public Setup withAppIdAndKey() {
      return with(d -> d.credentials = Credentials.APP_ID_AND_KEY);
    }

    /** 401 "Authentication parameters missing" without asking 3scale, as APIcast answers. */
    public Setup withMissingCredentialsRefused() {
      return with(d -> d.refuseMissingCredentials = true);
    }

    /** This setup with what {@code change} sets in a copy of it changed. */
    private Setup with(Consumer<Draft> change) {
      Draft d = new Draft(this);
      change.accept(d);
      return d.setup();
    }
  }

  /** A mutable copy of a {@link Setup}, so each wither states only what it changes. */
  private static final class Draft {
    String apiUpstream;
    boolean apiHostInVariable;
    String backendUpstream;
    String serviceId;
    String serviceToken;
    CredentialsFrom credentialsFrom;
    Boolean underscoresInHeaders;
    Duration proxyReadTimeout;
    String errorLogLevel;
    Authorization authorization;
    Credentials credentials;
    boolean refuseMissingCredentials;

    Draft(Setup s) {
      apiUpstream = s.apiUpstream();
      apiHostInVariable = s.apiHostInVariable();
      backendUpstream = s.backendUpstream();
      serviceId = s.serviceId();
      serviceToken = s.serviceToken();
      credentialsFrom = s.credentialsFrom();
      underscoresInHeaders = s.underscoresInHeaders();
      proxyReadTimeout = s.proxyReadTimeout();
      errorLogLevel = s.errorLogLevel();
      authorization = s.authorization();
      credentials = s.credentials();
      refuseMissingCredentials = s.refuseMissingCredentials();
    }

    Setup setup() {
      return new Setup(
          apiUpstream,
          apiHostInVariable,
          backendUpstream,
          serviceId,
          serviceToken,
          credentialsFrom,
          underscoresInHeaders,
          proxyReadTimeout,
          errorLogLevel,
          authorization,
          credentials,
          refuseMissingCredentials);
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

  private static String server(Setup s, List<Location> locations) {
    String apiPass =
        s.apiHostInVariable()
            ? "set $api_upstream " + s.apiUpstream() + ";\n      proxy_pass http://$api_upstream;"
            : "proxy_pass http://" + s.apiUpstream() + ";";
    String from = s.credentialsFrom() == CredentialsFrom.QUERY ? "$arg_" : "$http_";
    String capture;
    String forwarded;
    String identifier;
    if (s.credentials() == Credentials.APP_ID_AND_KEY) {
      capture = "set $app_id " + from + "app_id;\n      set $app_key " + from + "app_key;";
      forwarded = "app_id=$app_id&app_key=$app_key";
      identifier = "$app_id";
    } else {
      capture = "set $user_key " + from + "user_key;";
      forwarded = "user_key=$user_key";
      identifier = "$user_key";
    }
    if (s.refuseMissingCredentials()) {
      capture +=
          "\n      if ("
              + identifier
              + " = \"\") {\n        return 401 \"Authentication parameters missing\\n\";\n      }";
    }
    String call =
        s.authorization() == Authorization.AUTHREP
            ? "authrep.xml?usage%5Bhits%5D=1&"
            : "authorize.xml?";
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
                  l.authorized() ? capture + "\n      auth_request /threescale_authorize;" : "",
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
              proxy_pass http://%2$s/transactions/%7$sservice_token=%3$s&service_id=%4$s&%8$s;
              proxy_pass_request_body off;
              proxy_set_header Content-Length "";
              proxy_connect_timeout 1s;
              proxy_read_timeout %5$ds;
            }

        %6$s
          }
        """
        .formatted(
            underscores,
            s.backendUpstream(),
            s.serviceToken(),
            s.serviceId(),
            readSeconds,
            blocks,
            call,
            forwarded);
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
