package io.threescaledoctor.core.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's setup as the doctor sees it: where the gateway, the API and 3scale are, the
 * application's credentials, and how long to wait. Loaded from YAML by {@link ProfileLoader}; every
 * key is optional and each check says which ones it needs. Nested sections are never null.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Profile(
    Vantage vantage,
    Gateway gateway,
    Api api,
    Client client,
    Threescale threescale,
    Credentials credentials,
    Dns dns,
    Timeouts timeouts,
    Tls tls,
    Network network,
    SystemDatabase system) {

  public static final String DEFAULT_BACKEND = "https://su1.3scale.net";

  public Profile {
    vantage = vantage == null ? Vantage.CLIENT : vantage;
    gateway = gateway == null ? new Gateway(null, null, null, null, null, null) : gateway;
    api = api == null ? new Api(null) : api;
    client = client == null ? new Client(null, null, null) : client;
    threescale =
        threescale == null
            ? new Threescale(null, null, null, null, null, null, null, null, null)
            : threescale;
    credentials =
        credentials == null ? new Credentials(null, null, null, null, null, null) : credentials;
    dns = dns == null ? new Dns(null) : dns;
    timeouts = timeouts == null ? new Timeouts(null, null, null, null) : timeouts;
    tls = tls == null ? new Tls(null, null, null) : tls;
    network = network == null ? new Network(null, null) : network;
    system = system == null ? new SystemDatabase(null, null, null) : system;
  }

  /** An empty profile: every check that needs an input will say which key to set. */
  public static Profile empty() {
    return new Profile(null, null, null, null, null, null, null, null, null, null, null);
  }

  /** This profile with {@code tls.caFile} set to {@code caFile}. */
  public Profile withTlsCaFile(String caFile) {
    return new Profile(
        vantage,
        gateway,
        api,
        client,
        threescale,
        credentials,
        dns,
        timeouts,
        new Tls(caFile, tls.insecure(), tls.servername()),
        network,
        system);
  }

  /** Every secret this profile holds, for the redactor. */
  public List<Secret> secrets() {
    List<Secret> all = new ArrayList<>();
    addIfPresent(all, threescale.serviceToken());
    addIfPresent(all, threescale.providerKey());
    addIfPresent(all, credentials.userKey());
    addIfPresent(all, credentials.appKey());
    addIfPresent(all, credentials.accessToken());
    threescale.adminToken().ifPresent(all::add);
    addIfPresent(all, system.password());
    system.urlPassword().ifPresent(all::add);
    return all;
  }

  private static void addIfPresent(List<Secret> all, Secret s) {
    if (s != null && !s.isEmpty()) {
      all.add(s);
    }
  }

  /** The base URL of an endpoint, if the profile names one. */
  public Optional<URI> endpointUrl(Endpoint endpoint) {
    String url =
        switch (endpoint) {
          case API -> api.url();
          case GATEWAY -> gateway.url();
          case BACKEND -> threescale.backendToCheck().orElse(null);
          case ADMIN -> threescale.adminUrl().orElse(null);
        };
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(URI.create(url));
  }

  /** The profile key that names an endpoint, for messages such as "needs api.url". */
  public static String endpointKey(Endpoint endpoint) {
    return switch (endpoint) {
      case API -> "api.url";
      case GATEWAY -> "gateway.url";
      case BACKEND -> "threescale.backend";
      case ADMIN -> "threescale.admin";
    };
  }

  /** Where the doctor runs; decides which hops it can test directly. */
  public enum Vantage {
    CLIENT,
    GATEWAY;

    @JsonValue
    public String id() {
      return name().toLowerCase();
    }
  }

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Gateway(
      String url,
      String errorLog,
      String accessLog,
      String nginxConf,
      String management,
      String wildcardDomain) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Api(String url) {}

  /** The request the client makes, which the doctor replays through the gateway. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Client(String method, String path, Map<String, String> headers) {
    public String methodOrDefault() {
      return method == null || method.isBlank() ? "GET" : method.toUpperCase();
    }

    public String pathOrDefault() {
      return path == null || path.isBlank() ? "/" : path;
    }

    public Map<String, String> headersOrEmpty() {
      return headers == null ? Map.of() : headers;
    }
  }

  /**
   * 3scale's side: the backend, the service and its credentials, the admin portal; {@code
   * activeDocs} is a file holding the service's ActiveDocs (OpenAPI) spec, which otherwise is read
   * from the admin portal.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Threescale(
      String backend,
      String serviceId,
      Secret serviceToken,
      Secret providerKey,
      String admin,
      Boolean reportUsage,
      Map<String, Integer> usage,
      String referrer,
      String activeDocs) {

    public String backendOrDefault() {
      return backend == null || backend.isBlank() ? DEFAULT_BACKEND : backend;
    }

    /**
     * The backend to probe: the one named, or the hosted default once there is a service to
     * authorize. A profile about the API or the gateway alone never reaches out to 3scale.
     */
    public Optional<String> backendToCheck() {
      if (backend != null && !backend.isBlank()) {
        return Optional.of(backend);
      }
      return serviceId == null || serviceId.isBlank()
          ? Optional.empty()
          : Optional.of(DEFAULT_BACKEND);
    }

    public boolean reportUsageOrDefault() {
      return Boolean.TRUE.equals(reportUsage);
    }

    /** The metrics to authorize against; {@code hits=1} unless the profile says otherwise. */
    public Map<String, Integer> usageOrDefault() {
      return usage == null || usage.isEmpty() ? Map.of("hits", 1) : usage;
    }

    /** {@code threescale.admin} when it is a URL; a remote name is resolved by the CLI. */
    public Optional<String> adminUrl() {
      if (admin == null || !(admin.startsWith("http://") || admin.startsWith("https://"))) {
        return Optional.empty();
      }
      return Optional.of(admin);
    }

    /** The access token in {@code https://TOKEN@tenant-admin.example.com}. */
    public Optional<Secret> adminToken() {
      return adminUrl()
          .map(URI::create)
          .map(URI::getRawUserInfo)
          .filter(u -> !u.isEmpty())
          .map(Secret::of);
    }
  }

  /**
   * The application's credentials, as the client sends them.
   *
   * @param redirectUri the OAuth redirect URL the client sends (checked by 3scale's {@code
   *     oauth_authorize} against the application's registered one)
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Credentials(
      Secret userKey,
      String appId,
      Secret appKey,
      Secret accessToken,
      CredentialsLocation in,
      String redirectUri) {

    public CredentialsLocation inOrDefault() {
      return in == null ? CredentialsLocation.QUERY : in;
    }

    public boolean isEmpty() {
      return userKey == null && appId == null && accessToken == null;
    }
  }

  public enum CredentialsLocation {
    QUERY,
    HEADER;

    @JsonValue
    public String id() {
      return name().toLowerCase();
    }
  }

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Dns(List<String> resolvers) {
    public List<String> resolversOrEmpty() {
      return resolvers == null ? List.of() : resolvers;
    }
  }

  /** How long to wait: per connection, per read, per check, and for the whole run. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Timeouts(
      Duration connect, Duration read, @JsonProperty("check") Duration perCheck, Duration total) {
    public Duration connectOrDefault() {
      return connect == null ? Duration.ofSeconds(3) : connect;
    }

    public Duration readOrDefault() {
      return read == null ? Duration.ofSeconds(5) : read;
    }

    /** Backstop for one check; a check's own waits use connect and read. */
    public Duration perCheckOrDefault() {
      return perCheck == null ? Duration.ofSeconds(20) : perCheck;
    }

    public Duration totalOrDefault() {
      return total == null ? Duration.ofSeconds(30) : total;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Tls(String caFile, Boolean insecure, String servername) {
    public boolean insecureOrDefault() {
      return Boolean.TRUE.equals(insecure);
    }
  }

  /**
   * {@code resolve} pins names to addresses ({@code NAME:IP}, like curl); {@code proxy} is an HTTP
   * proxy reached with CONNECT.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Network(List<String> resolve, String proxy) {
    public List<String> resolveOrEmpty() {
      return resolve == null ? List.of() : resolve;
    }
  }

  /**
   * The 3scale system (admin portal) database, read by {@code system.db}: a JDBC URL ({@code
   * jdbc:mysql:}, {@code jdbc:mariadb:}, {@code jdbc:postgresql:} or {@code jdbc:oracle:}) and a
   * user that only needs to read.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record SystemDatabase(String database, String user, Secret password) {
    private static final Pattern URL_PASSWORD =
        Pattern.compile(
            "(?i)(?:password=([^&;]+))|(?://[^/:@?]*:([^@/?]+)@)|(?:oracle:thin:[^/@]*/([^@]+)@)");

    /** A password written into {@link #database()} itself, so that every output masks it. */
    public Optional<Secret> urlPassword() {
      if (database == null) {
        return Optional.empty();
      }
      Matcher m = URL_PASSWORD.matcher(database);
      if (!m.find()) {
        return Optional.empty();
      }
      for (int g = 1; g <= 3; g++) {
        if (m.group(g) != null) {
          return Optional.of(Secret.of(m.group(g)));
        }
      }
      return Optional.empty();
    }

    /**
     * {@code url} with any password in it masked: {@code password=...} parameters (MySQL, MariaDB,
     * PostgreSQL) and {@code user:password@} before the host (MariaDB, Oracle).
     */
    public static String maskUrl(String url) {
      if (url == null) {
        return null;
      }
      return url.replaceAll("(?i)(password=)[^&;]*", "$1****")
          .replaceAll("(//[^/:@?]*:)[^@/?]*@", "$1****@")
          .replaceAll("(?i)(oracle:thin:[^/@]*/)[^@]*@", "$1****@");
    }
  }
}
