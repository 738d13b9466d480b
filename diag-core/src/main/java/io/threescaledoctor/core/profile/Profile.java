package io.threescaledoctor.core.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    Network network) {

  public static final String DEFAULT_BACKEND = "https://su1.3scale.net";

  /** An endpoint's proxy key set to this reaches it directly, whatever {@code network.proxy}. */
  public static final String DIRECT = "direct";

  public Profile {
    gateway = gateway == null ? new Gateway(null, null, null, null, null, null, null) : gateway;
    api = api == null ? new Api(null, null, null) : api;
    client = client == null ? new Client(null, null, null) : client;
    threescale =
        threescale == null
            ? new Threescale(null, null, null, null, null, null, null, null, null, null, null, null)
            : threescale;
    credentials = credentials == null ? new Credentials(null, null, null, null, null) : credentials;
    dns = dns == null ? new Dns(null) : dns;
    timeouts = timeouts == null ? new Timeouts(null, null, null, null) : timeouts;
    tls = tls == null ? new Tls(null, null, null) : tls;
    network = network == null ? new Network(null, null) : network;
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
    return new Profile(
        newVantage, gateway, api, client, threescale, credentials, dns, timeouts, tls, network);
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
    return new Profile(null, null, null, null, null, null, null, null, null, null);
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
        network);
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
    return all;
  }

  private static void addIfPresent(Map<String, Secret> all, String key, Secret s) {
    if (s != null && !s.isEmpty()) {
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

  /** The application's credentials, as the client sends them. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Credentials(
      Secret userKey, String appId, Secret appKey, Secret accessToken, CredentialsLocation in) {

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
}
