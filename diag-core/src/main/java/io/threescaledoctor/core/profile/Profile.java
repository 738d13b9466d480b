package io.threescaledoctor.core.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.check.Setting;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's setup as the doctor sees it: where the gateway, the API and 3scale are, the
 * application's credentials, and how long to wait. Loaded from YAML by {@link ProfileLoader}; every
 * key is optional and each check says which ones it needs. Nested sections are never null. Built in
 * code with {@link #builder()}.
 *
 * <p>{@code extensions} holds the settings of checks of your own, by extension id and setting name
 * (see {@link Setting}); a value is text, a list of texts, or a {@link Secret}.
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
    SystemDatabase system,
    Map<String, Map<String, Object>> extensions) {

  public static final String DEFAULT_BACKEND = "https://su1.3scale.net";

  /** An endpoint's proxy key set to this reaches it directly, whatever {@code network.proxy}. */
  public static final String DIRECT = "direct";

  public Profile {
    gateway =
        gateway == null ? new Gateway(null, null, null, null, null, null, null, null) : gateway;
    api = api == null ? new Api(null, null, null) : api;
    client = client == null ? new Client(null, null, null) : client;
    threescale =
        threescale == null
            ? new Threescale(
                null, null, null, null, null, null, null, null, null, null, null, null, null)
            : threescale;
    credentials =
        credentials == null ? new Credentials(null, null, null, null, null, null) : credentials;
    dns = dns == null ? new Dns(null) : dns;
    timeouts = timeouts == null ? new Timeouts(null, null, null, null) : timeouts;
    tls = tls == null ? new Tls(null, null, null) : tls;
    network = network == null ? new Network(null, null) : network;
    system = system == null ? new SystemDatabase(null, null, null) : system;
    extensions = ProfileBuilder.normalizeExtensions(extensions);
  }

  /**
   * Where the doctor runs: as the profile states it, else {@link Vantage#CLIENT}. A run may infer
   * {@code gateway} when the profile does not state it (see {@link VantageInference}).
   */
  @Override
  public Vantage vantage() {
    return vantage == null ? Vantage.CLIENT : vantage;
  }

  /** The vantage the profile (or a flag) states, empty when it leaves it to the doctor. */
  public Optional<Vantage> statedVantage() {
    return Optional.ofNullable(vantage);
  }

  /** This profile with {@code vantage} set, as if the profile stated it. */
  public Profile withVantage(Vantage newVantage) {
    return toBuilder().vantage(newVantage).assemble();
  }

  /**
   * The HTTP proxy to reach {@code endpoint} through: its own ({@code api.proxy}, {@code
   * gateway.proxy}, {@code threescale.backendProxy}, {@code threescale.adminProxy}), else {@code
   * network.proxy}. Empty when neither is set, or when the endpoint's own says {@value #DIRECT}
   * (reach it directly even though {@code network.proxy} is set).
   */
  public Optional<String> endpointProxy(Endpoint endpoint) {
    String own =
        switch (endpoint) {
          case API -> api.proxy();
          case GATEWAY -> gateway.proxy();
          case BACKEND -> threescale.backendProxy();
          case ADMIN -> threescale.adminProxy();
        };
    String chosen = own == null || own.isBlank() ? network.proxy() : own.trim();
    return chosen == null || chosen.isBlank() || DIRECT.equalsIgnoreCase(chosen)
        ? Optional.empty()
        : Optional.of(chosen);
  }

  /** The profile key of an endpoint's own proxy, for messages. */
  public static String endpointProxyKey(Endpoint endpoint) {
    return switch (endpoint) {
      case API -> "api.proxy";
      case GATEWAY -> "gateway.proxy";
      case BACKEND -> "threescale.backendProxy";
      case ADMIN -> "threescale.adminProxy";
    };
  }

  /**
   * The TLS server name to send (SNI) and verify the certificate against for {@code endpoint}: its
   * own ({@code api.servername}, {@code gateway.servername}, {@code threescale.backendServername},
   * {@code threescale.adminServername}), else {@code tls.servername}; empty means the URL's host.
   */
  public Optional<String> endpointServername(Endpoint endpoint) {
    String own =
        switch (endpoint) {
          case API -> api.servername();
          case GATEWAY -> gateway.servername();
          case BACKEND -> threescale.backendServername();
          case ADMIN -> threescale.adminServername();
        };
    String chosen = own == null || own.isBlank() ? tls.servername() : own.trim();
    return chosen == null || chosen.isBlank() ? Optional.empty() : Optional.of(chosen.trim());
  }

  /** An empty profile: every check that needs an input will say which key to set. */
  public static Profile empty() {
    return builder().assemble();
  }

  /**
   * A builder for a profile in code, one method per profile key, named after it: {@code
   * gateway.url} is {@code gatewayUrl(...)}, {@code timeouts.check} is {@code timeoutsCheck(...)}.
   * {@link Builder#build()} validates exactly as loading YAML does.
   *
   * <pre>{@code
   * Profile p = Profile.builder()
   *     .gatewayUrl("https://api.example.com")
   *     .clientPath("/hello")
   *     .credentialsUserKey(System.getenv("USER_KEY"))
   *     .timeoutsRead(Duration.ofSeconds(10))
   *     .extension("myapp.redis", "url", "redis://10.0.0.7:6379")
   *     .build();                     // ProfileException: gateway.url: 'x' is not an http:// ...
   * }</pre>
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every key of this profile, to change a few and build another. */
  public Builder toBuilder() {
    return ProfileBuilder.from(this, new Builder());
  }

  /** This profile with {@code timeouts.total}, the whole run's deadline, set to {@code total}. */
  public Profile withTimeoutsTotal(Duration total) {
    return toBuilder().timeoutsTotal(total).assemble();
  }

  /** This profile with {@code tls.caFile} set to {@code caFile}. */
  public Profile withTlsCaFile(String caFile) {
    return toBuilder().tlsCaFile(caFile).assemble();
  }

  /**
   * The settings of one extension ({@code extensions.ID.*}), empty when the profile sets none.
   * Checks read them through {@code CheckContext#settings(String)}.
   */
  public ExtensionSettings extension(String id) {
    return new ExtensionSettings(id, extensions.getOrDefault(id, Map.of()));
  }

  /**
   * This profile with the values of the {@code secret} settings among {@code declared} held as
   * {@link Secret}s, so that they are masked in every output and redacted from every result.
   */
  public Profile withSecretSettings(Collection<Setting> declared) {
    Map<String, Map<String, Object>> changed = ProfileBuilder.secretsWrapped(extensions, declared);
    return changed == extensions ? this : toBuilder().extensions(changed).assemble();
  }

  /** Every secret this profile holds, for the redactor. */
  public List<Secret> secrets() {
    return new ArrayList<>(namedSecrets().values());
  }

  /** Every secret this profile holds, by its profile key ({@code credentials.userKey}, ...). */
  public Map<String, Secret> namedSecrets() {
    Map<String, Secret> all = new LinkedHashMap<>();
    addIfPresent(all, "threescale.serviceToken", threescale.serviceToken());
    addIfPresent(all, "threescale.providerKey", threescale.providerKey());
    addIfPresent(all, "credentials.userKey", credentials.userKey());
    addIfPresent(all, "credentials.appKey", credentials.appKey());
    addIfPresent(all, "credentials.accessToken", credentials.accessToken());
    threescale.adminToken().ifPresent(t -> all.put("threescale.admin", t));
    addIfPresent(all, "system.password", system.password());
    system.urlPassword().ifPresent(p -> all.put("system.database", p));
    extensions.forEach(
        (id, settings) ->
            settings.forEach(
                (name, value) -> addIfPresent(all, "extensions." + id + "." + name, value)));
    return all;
  }

  private static void addIfPresent(Map<String, Secret> all, String key, Object value) {
    if (value instanceof Secret s && !s.isEmpty()) {
      all.put(key, s);
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
      String wildcardDomain,
      String proxy,
      String servername) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Api(String url, String proxy, String servername) {}

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
      String activeDocs,
      String backendProxy,
      String backendServername,
      String adminProxy,
      String adminServername) {

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

  /**
   * Builds a {@link Profile} in code. One method per profile key, named after the key without its
   * dot ({@code credentials.userKey} is {@link #credentialsUserKey(String)}); a null value unsets
   * the key. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    final Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Map<String, Object>> extensions = new LinkedHashMap<>();

    Builder() {}

    private Builder put(String key, Object value) {
      if (value == null) {
        values.remove(key);
      } else {
        values.put(key, value);
      }
      return this;
    }

    private static Secret secret(String value) {
      return value == null ? null : Secret.of(value);
    }

    private static List<String> list(String... items) {
      return items == null ? null : List.of(items);
    }

    /** {@code vantage}: where the doctor runs. */
    public Builder vantage(Vantage vantage) {
      return put("vantage", vantage);
    }

    /** {@code gateway.url}: the public base URL clients call. */
    public Builder gatewayUrl(String url) {
      return put("gateway.url", url);
    }

    /** {@code gateway.errorLog}: the gateway's nginx error log. */
    public Builder gatewayErrorLog(String path) {
      return put("gateway.errorLog", path);
    }

    /** {@code gateway.accessLog}: the gateway's nginx access log. */
    public Builder gatewayAccessLog(String path) {
      return put("gateway.accessLog", path);
    }

    /** {@code gateway.nginxConf}: the gateway's nginx.conf. */
    public Builder gatewayNginxConf(String path) {
      return put("gateway.nginxConf", path);
    }

    /** {@code gateway.management}: APIcast's management API. */
    public Builder gatewayManagement(String url) {
      return put("gateway.management", url);
    }

    /**
     * {@code gateway.wildcardDomain}: the OpenShift wildcard domain public base URLs live under.
     */
    public Builder gatewayWildcardDomain(String domain) {
      return put("gateway.wildcardDomain", domain);
    }

    /**
     * {@code gateway.proxy}: the HTTP proxy to reach the gateway through ({@value Profile#DIRECT}
     * bypasses {@code network.proxy}).
     */
    public Builder gatewayProxy(String url) {
      return put("gateway.proxy", url);
    }

    /** {@code gateway.servername}: the TLS server name (SNI) to send to the gateway. */
    public Builder gatewayServername(String servername) {
      return put("gateway.servername", servername);
    }

    /** {@code api.url}: the API's private base URL. */
    public Builder apiUrl(String url) {
      return put("api.url", url);
    }

    /**
     * {@code api.proxy}: the HTTP proxy to reach the API through ({@value Profile#DIRECT} bypasses
     * {@code network.proxy}).
     */
    public Builder apiProxy(String url) {
      return put("api.proxy", url);
    }

    /** {@code api.servername}: the TLS server name (SNI) to send to the API. */
    public Builder apiServername(String servername) {
      return put("api.servername", servername);
    }

    /** {@code client.method}: the client's request method (GET unless set). */
    public Builder clientMethod(String method) {
      return put("client.method", method);
    }

    /** {@code client.path}: the client's request path, starting with /. */
    public Builder clientPath(String path) {
      return put("client.path", path);
    }

    /** {@code client.headers}: headers the client sends. */
    public Builder clientHeaders(Map<String, String> headers) {
      return put("client.headers", headers == null ? null : Map.copyOf(headers));
    }

    /** {@code threescale.backend}: the Service Management API. */
    public Builder threescaleBackend(String url) {
      return put("threescale.backend", url);
    }

    /** {@code threescale.serviceId}. */
    public Builder threescaleServiceId(String serviceId) {
      return put("threescale.serviceId", serviceId);
    }

    /** {@code threescale.serviceToken}, held as a {@link Secret}. */
    public Builder threescaleServiceToken(String token) {
      return put("threescale.serviceToken", secret(token));
    }

    /** {@code threescale.providerKey}, held as a {@link Secret}. */
    public Builder threescaleProviderKey(String key) {
      return put("threescale.providerKey", secret(key));
    }

    /** {@code threescale.admin}: a remote name, or {@code https://TOKEN@tenant-admin...}. */
    public Builder threescaleAdmin(String admin) {
      return put("threescale.admin", admin);
    }

    /** {@code threescale.reportUsage}: authrep instead of authorize. */
    public Builder threescaleReportUsage(Boolean report) {
      return put("threescale.reportUsage", report);
    }

    /** {@code threescale.usage}: metrics to authorize against (hits=1 unless set). */
    public Builder threescaleUsage(Map<String, Integer> usage) {
      return put("threescale.usage", usage == null ? null : Map.copyOf(usage));
    }

    /** {@code threescale.referrer}. */
    public Builder threescaleReferrer(String referrer) {
      return put("threescale.referrer", referrer);
    }

    /** {@code threescale.activeDocs}: a file holding the service's ActiveDocs (OpenAPI) spec. */
    public Builder threescaleActiveDocs(String path) {
      return put("threescale.activeDocs", path);
    }

    /**
     * {@code threescale.backendProxy}: the HTTP proxy to reach the 3scale backend through ({@value
     * Profile#DIRECT} bypasses {@code network.proxy}).
     */
    public Builder threescaleBackendProxy(String url) {
      return put("threescale.backendProxy", url);
    }

    /**
     * {@code threescale.backendServername}: the TLS server name (SNI) to send to the 3scale
     * backend.
     */
    public Builder threescaleBackendServername(String servername) {
      return put("threescale.backendServername", servername);
    }

    /**
     * {@code threescale.adminProxy}: the HTTP proxy to reach the admin portal through ({@value
     * Profile#DIRECT} bypasses {@code network.proxy}).
     */
    public Builder threescaleAdminProxy(String url) {
      return put("threescale.adminProxy", url);
    }

    /**
     * {@code threescale.adminServername}: the TLS server name (SNI) to send to the admin portal.
     */
    public Builder threescaleAdminServername(String servername) {
      return put("threescale.adminServername", servername);
    }

    /** {@code credentials.userKey}, held as a {@link Secret}. */
    public Builder credentialsUserKey(String userKey) {
      return put("credentials.userKey", secret(userKey));
    }

    /** {@code credentials.appId}. */
    public Builder credentialsAppId(String appId) {
      return put("credentials.appId", appId);
    }

    /** {@code credentials.appKey}, held as a {@link Secret}. */
    public Builder credentialsAppKey(String appKey) {
      return put("credentials.appKey", secret(appKey));
    }

    /** {@code credentials.accessToken}, held as a {@link Secret}. */
    public Builder credentialsAccessToken(String token) {
      return put("credentials.accessToken", secret(token));
    }

    /** {@code credentials.in}: where the client sends them. */
    public Builder credentialsIn(CredentialsLocation in) {
      return put("credentials.in", in);
    }

    /** {@code credentials.redirectUri}: the OAuth client's redirect URI. */
    public Builder credentialsRedirectUri(String uri) {
      return put("credentials.redirectUri", uri);
    }

    /** {@code dns.resolvers}: IP[:PORT] of the gateway's resolvers. */
    public Builder dnsResolvers(String... resolvers) {
      return put("dns.resolvers", list(resolvers));
    }

    /** {@code timeouts.connect}. */
    public Builder timeoutsConnect(Duration connect) {
      return put("timeouts.connect", connect);
    }

    /** {@code timeouts.read}. */
    public Builder timeoutsRead(Duration read) {
      return put("timeouts.read", read);
    }

    /** {@code timeouts.check}: the backstop for one check. */
    public Builder timeoutsCheck(Duration perCheck) {
      return put("timeouts.check", perCheck);
    }

    /** {@code timeouts.total}: the whole run. */
    public Builder timeoutsTotal(Duration total) {
      return put("timeouts.total", total);
    }

    /** {@code tls.caFile}: PEM file of trusted certificates. */
    public Builder tlsCaFile(String path) {
      return put("tls.caFile", path);
    }

    /** {@code tls.insecure}: skip certificate verification. */
    public Builder tlsInsecure(Boolean insecure) {
      return put("tls.insecure", insecure);
    }

    /** {@code tls.servername}: the SNI name to send. */
    public Builder tlsServername(String servername) {
      return put("tls.servername", servername);
    }

    /** {@code network.resolve}: NAME:IP pins. */
    public Builder networkResolve(String... pins) {
      return put("network.resolve", list(pins));
    }

    /** {@code network.proxy}: an HTTP proxy reached with CONNECT. */
    public Builder networkProxy(String url) {
      return put("network.proxy", url);
    }

    /** {@code system.database}: the JDBC URL of the system (admin portal) database. */
    public Builder systemDatabase(String jdbcUrl) {
      return put("system.database", jdbcUrl);
    }

    /** {@code system.user}: a database user that only needs to read. */
    public Builder systemUser(String user) {
      return put("system.user", user);
    }

    /** {@code system.password}, held as a {@link Secret}. */
    public Builder systemPassword(String password) {
      return put("system.password", secret(password));
    }

    /**
     * {@code extensions.EXTENSION.NAME}: one setting of a check of your own (see {@link Setting});
     * {@code value} is a String, a {@link Secret} or a list of Strings, null unsets it.
     */
    public Builder extension(String extension, String name, Object value) {
      Map<String, Object> settings =
          new LinkedHashMap<>(extensions.getOrDefault(extension, Map.of()));
      if (value == null) {
        settings.remove(name);
      } else {
        settings.put(name, value);
      }
      Map<String, Map<String, Object>> all = new LinkedHashMap<>(extensions);
      if (settings.isEmpty()) {
        all.remove(extension);
      } else {
        all.put(extension, settings);
      }
      extensions = all;
      return this;
    }

    Builder extensions(Map<String, Map<String, Object>> all) {
      extensions = new LinkedHashMap<>(all);
      return this;
    }

    /**
     * The profile, validated as a YAML profile is.
     *
     * @throws ProfileException naming the key and the problem, e.g. {@code profile: gateway.url:
     *     'ftp://x' is not an http:// or https:// URL}
     */
    public Profile build() throws ProfileException {
      Profile p;
      try {
        p = assemble();
      } catch (IllegalArgumentException e) {
        throw new ProfileException("profile: " + e.getMessage());
      }
      ProfileLoader.validate(p, "profile", null);
      return p;
    }

    /** The profile without validation, for copies of a profile that was already validated. */
    Profile assemble() {
      return ProfileBuilder.assemble(this);
    }
  }
}
