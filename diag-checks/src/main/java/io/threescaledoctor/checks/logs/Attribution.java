package io.threescaledoctor.checks.logs;

import io.threescaledoctor.checks.dns.ResolvePins;
import io.threescaledoctor.checks.nginx.GatewayRoutes;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which hop each upstream or host a log names belongs to, from what the gateway is
 * configured to do rather than from what names look like. In order of weight:
 *
 * <ol>
 *   <li>the nginx configuration ({@link GatewayRoutes}): the {@code proxy_pass} of a location
 *       {@code auth_request} calls, or any call to {@code /transactions/*.xml}, is 3scale; the main
 *       location's {@code proxy_pass} or upstream block is the API;
 *   <li>what the log's own lines say: an auth subrequest (one the configuration's {@code
 *       auth_request} names, or APIcast's {@code /threescale_*}), an upstream path under 3scale's
 *       {@code /transactions/}, a host APIcast's backend client calls;
 *   <li>the profile's {@code api.url} and {@code threescale.backend}, by name, by a {@code
 *       network.resolve} pin, or, only when a lookup is given, by what the names resolve to now;
 *   <li>nginx's convention: an upstream of the main request (not a subrequest) is the API.
 * </ol>
 *
 * Lines naming the same {@code host:port} are decided together, so one address is never filed under
 * two hops in one report; when the strongest evidence disagrees, or nothing tells, the upstream is
 * {@link Target#UNATTRIBUTED}. No network call is made unless a lookup is given.
 */
public final class Attribution {
  private final GatewayRoutes routes;
  private final Endpoint api;
  private final Endpoint backend;
  private final ResolvePins pins;
  private final HostResolver lookup;
  private final List<String> notes = new ArrayList<>();

  private Attribution(
      GatewayRoutes routes, Endpoint api, Endpoint backend, ResolvePins pins, HostResolver lookup) {
    this.routes = routes;
    this.api = api;
    this.backend = backend;
    this.pins = pins;
    this.lookup = lookup;
  }

  /** Attribution from {@code profile}'s URLs and pins alone, without configuration or lookups. */
  public static Attribution fromProfile(Profile profile) {
    return builder().profile(profile).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What decides attribution; every part optional. */
  public static final class Builder {
    private GatewayRoutes routes = GatewayRoutes.none();
    private String apiUrl;
    private String backendUrl;
    private List<String> pins = List.of();
    private HostResolver lookup;

    private Builder() {}

    /** The profile's {@code api.url}, {@code threescale.backend} and {@code network.resolve}. */
    public Builder profile(Profile profile) {
      this.apiUrl = profile.api().url();
      this.backendUrl = profile.threescale().backendOrDefault();
      this.pins = profile.network().resolveOrEmpty();
      return this;
    }

    public Builder apiUrl(String url) {
      this.apiUrl = url;
      return this;
    }

    public Builder backendUrl(String url) {
      this.backendUrl = url;
      return this;
    }

    /** The routes of the gateway's nginx configuration. */
    public Builder routes(GatewayRoutes gatewayRoutes) {
      this.routes = gatewayRoutes == null ? GatewayRoutes.none() : gatewayRoutes;
      return this;
    }

    /**
     * Lets attribution resolve the profile's host names (a network call), to place lines that name
     * addresses and to find stale 3scale addresses. Without it nothing is resolved.
     */
    public Builder lookup(HostResolver resolver) {
      this.lookup = resolver;
      return this;
    }

    /**
     * @throws IllegalArgumentException when a {@code network.resolve} pin is not {@code NAME:IP}
     */
    public Attribution build() {
      return new Attribution(
          routes, Endpoint.of(apiUrl), Endpoint.of(backendUrl), ResolvePins.parse(pins), lookup);
    }
  }

  /** Where a subject belongs and why, in words an engineer can check. */
  public record Decision(Target target, String why) {
    static final Decision NONE = new Decision(Target.NONE, "");
  }

  private enum Weight {
    CONVENTION,
    PROFILE,
    LOG,
    CONFIGURATION
  }

  private record Evidence(Weight weight, Target target, String why) {}

  /**
   * Decides every subject: subjects naming the same {@code host[:port]} get the same decision.
   * Resolver and answer subjects are not upstreams and are left out.
   */
  Map<ErrorLogScanner.Subject, Decision> decide(
      Collection<ErrorLogScanner.Subject> subjects, Set<String> backendCallHosts) {
    Map<String, List<Evidence>> byAuthority = new LinkedHashMap<>();
    Map<String, String> shown = new LinkedHashMap<>();
    Map<ErrorLogScanner.Subject, HostPort> where = new LinkedHashMap<>();
    List<HostPort> calledByApicast = backendCallHosts.stream().map(HostPort::parse).toList();
    for (ErrorLogScanner.Subject s : subjects) {
      if (s.isAnswer() || s.text.isEmpty()) {
        continue;
      }
      HostPort hp = HostPort.parse(s.text);
      where.put(s, hp);
      shown.putIfAbsent(hp.key(), s.text);
      List<Evidence> evidence = byAuthority.computeIfAbsent(hp.key(), k -> new ArrayList<>());
      if (evidence.isEmpty()) {
        evidence.addAll(standingEvidence(hp, calledByApicast));
      }
      lineEvidence(s).ifPresent(evidence::add);
    }
    Map<String, Decision> decided = new LinkedHashMap<>();
    byAuthority.forEach((key, evidence) -> decided.put(key, weigh(shown.get(key), evidence)));
    // A host named without a port (a name that could not be resolved) takes the decision of the
    // same host's upstreams when they agree and nothing else places it.
    for (HostPort hp : where.values()) {
      Decision d = decided.get(hp.key());
      if (hp.port() < 0 && d.target() == Target.UNATTRIBUTED && d.why().startsWith(NOTHING)) {
        Set<Target> same = new LinkedHashSet<>();
        List<String> whys = new ArrayList<>();
        for (HostPort other : where.values()) {
          Decision o = decided.get(other.key());
          if (other.host().equals(hp.host())
              && other.port() >= 0
              && o.target() != Target.UNATTRIBUTED) {
            same.add(o.target());
            whys.add(o.why());
          }
        }
        if (same.size() == 1) {
          decided.put(hp.key(), new Decision(same.iterator().next(), whys.get(0)));
        }
      }
    }
    Map<ErrorLogScanner.Subject, Decision> out = new LinkedHashMap<>();
    for (ErrorLogScanner.Subject s : subjects) {
      HostPort hp = where.get(s);
      if (hp != null) {
        out.put(s, decided.get(hp.key()));
      } else if (!s.isAnswer()) {
        // A line whose upstream is not a URL (the guide's own example logs a query string there)
        // is placed by what the line itself says, or not at all.
        out.put(
            s,
            lineEvidence(s)
                .filter(e -> e.weight() != Weight.CONVENTION)
                .map(e -> new Decision(e.target(), e.why()))
                .orElse(Decision.NONE));
      }
    }
    return out;
  }

  /**
   * Where an upstream of a main request belongs (an access log's {@code $upstream_addr}: nginx logs
   * no subrequest there unless told to).
   */
  public Decision placeUpstream(String authority) {
    HostPort hp = HostPort.parse(authority);
    List<Evidence> evidence = new ArrayList<>(standingEvidence(hp, List.of()));
    evidence.add(
        new Evidence(
            Weight.CONVENTION,
            Target.API,
            "upstream of the main request (nginx proxies clients to the API)"));
    return weigh(authority, evidence);
  }

  private static final String NOTHING = "nothing places it";

  private static Decision weigh(String authority, List<Evidence> evidence) {
    Weight top = null;
    for (Evidence e : evidence) {
      if (top == null || e.weight().compareTo(top) > 0) {
        top = e.weight();
      }
    }
    if (top == null) {
      return new Decision(
          Target.UNATTRIBUTED,
          NOTHING
              + ": give the gateway's nginx.conf (--nginx-conf) or the profile's api.url and"
              + " threescale.backend");
    }
    Map<Target, String> said = new LinkedHashMap<>();
    for (Evidence e : evidence) {
      if (e.weight() == top) {
        said.putIfAbsent(e.target(), e.why());
      }
    }
    if (said.size() == 1) {
      Map.Entry<Target, String> only = said.entrySet().iterator().next();
      return new Decision(only.getKey(), only.getValue());
    }
    List<String> both = new ArrayList<>();
    said.forEach((t, why) -> both.add(t.label() + " (" + why + ")"));
    return new Decision(
        Target.UNATTRIBUTED,
        authority + " is both " + String.join(" and ", both) + ": left unattributed");
  }

  /** Evidence about a host[:port] that does not depend on which line named it. */
  private List<Evidence> standingEvidence(HostPort hp, List<HostPort> calledByApicast) {
    List<Evidence> out = new ArrayList<>();
    for (GatewayRoutes.Upstream u : routes.find(hp.host(), hp.port())) {
      out.add(
          new Evidence(
              Weight.CONFIGURATION,
              u.hop() == Hop.GATEWAY_3SCALE ? Target.BACKEND : Target.API,
              u.where() + ": " + u.why()));
    }
    for (HostPort called : calledByApicast) {
      if (called.host().equals(hp.host())
          && (called.port() < 0 || hp.port() < 0 || called.port() == hp.port())) {
        out.add(
            new Evidence(
                Weight.LOG, Target.BACKEND, "APIcast's backend client calls " + called.text()));
        break;
      }
    }
    if (backend != null && backend.matches(hp, this)) {
      out.add(new Evidence(Weight.PROFILE, Target.BACKEND, backend.why("threescale.backend")));
    }
    if (api != null && api.matches(hp, this)) {
      out.add(new Evidence(Weight.PROFILE, Target.API, api.why("api.url")));
    }
    return out;
  }

  /** Evidence the line that named a subject gave about it. */
  private Optional<Evidence> lineEvidence(ErrorLogScanner.Subject s) {
    if (s.subrequest() && isAuthSubrequest(s.subrequestName)) {
      boolean configured = routes.authLocations().contains(s.subrequestName);
      return Optional.of(
          new Evidence(
              Weight.LOG,
              Target.BACKEND,
              "named by the auth subrequest "
                  + s.subrequestName
                  + (configured ? " (auth_request in the configuration)" : "")));
    }
    if (s.transactionsPath) {
      return Optional.of(
          new Evidence(Weight.LOG, Target.BACKEND, "its path is 3scale's /transactions/*.xml"));
    }
    if (s.fromUpstreamField() && !s.subrequest()) {
      return Optional.of(
          new Evidence(
              Weight.CONVENTION,
              Target.API,
              "upstream of the main request (nginx proxies clients to the API)"));
    }
    return Optional.empty();
  }

  private boolean isAuthSubrequest(String name) {
    if (name == null) {
      return false;
    }
    String n = name.toLowerCase(Locale.ROOT);
    return routes.authLocations().contains(name)
        || n.startsWith("/threescale")
        || n.contains("auth");
  }

  /** The resolvers the configuration names ({@code host:port}, with where). */
  public List<GatewayRoutes.Resolver> configuredResolvers() {
    return routes.resolvers();
  }

  /** The backend's host name, or null when nothing names it. */
  String backendHost() {
    return backend == null ? null : backend.host;
  }

  /** Whether names may be resolved (a lookup was given). */
  boolean looksUp() {
    return lookup != null;
  }

  /** What the backend's name resolves to now; empty without a lookup or when it fails. */
  Set<String> backendAddresses() {
    return backend == null ? Set.of() : backend.addresses(this);
  }

  List<String> notes() {
    return List.copyOf(notes);
  }

  private Set<String> addressesOf(String host) {
    Set<String> out = new LinkedHashSet<>();
    pins.lookup(host).ifPresent(a -> out.add(a.getHostAddress()));
    if (lookup == null || !out.isEmpty()) {
      return out;
    }
    try {
      for (InetAddress a : lookup.resolve(host)) {
        out.add(a.getHostAddress());
      }
    } catch (UnknownHostException | RuntimeException e) {
      notes.add(
          "cannot resolve "
              + host
              + " now ("
              + e.getMessage()
              + "): lines naming its addresses are placed by other means");
    }
    return out;
  }

  /** A host and port as a log line or URL names it ({@code [v6]:port}, {@code host}, ...). */
  record HostPort(String host, int port, String text) {
    static HostPort parse(String authority) {
      String a = authority;
      int port = -1;
      if (a.startsWith("[")) {
        int close = a.indexOf(']');
        if (close > 0) {
          String rest = a.substring(close + 1);
          if (rest.startsWith(":")) {
            port = parsePort(rest.substring(1));
          }
          return new HostPort(a.substring(1, close).toLowerCase(Locale.ROOT), port, authority);
        }
      }
      int colon = a.lastIndexOf(':');
      if (colon > 0 && a.indexOf(':') == colon) {
        port = parsePort(a.substring(colon + 1));
        a = a.substring(0, colon);
      }
      return new HostPort(a.toLowerCase(Locale.ROOT), port, authority);
    }

    String key() {
      return port < 0 ? host : host + "|" + port;
    }

    private static int parsePort(String s) {
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }

  static boolean looksLikeAddress(String host) {
    return ResolvePins.literal(host).isPresent();
  }

  /** A URL of the profile, and the addresses it is known to have (pins, or a lookup). */
  private static final class Endpoint {
    final String host;
    final int port;
    final String url;
    private Set<String> addresses;

    private Endpoint(String host, int port, String url) {
      this.host = host;
      this.port = port;
      this.url = url;
    }

    static Endpoint of(String url) {
      if (url == null || url.isBlank()) {
        return null;
      }
      try {
        URI u = URI.create(url.trim());
        if (u.getHost() == null) {
          return null;
        }
        int port = u.getPort();
        if (port < 0) {
          port = "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
        }
        String h = u.getHost().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
          h = h.substring(1, h.length() - 1);
        }
        return new Endpoint(h, port, url.trim());
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    String why(String key) {
      return key + " is " + host + ":" + port;
    }

    synchronized Set<String> addresses(Attribution owner) {
      if (addresses == null) {
        addresses = looksLikeAddress(host) ? Set.of(normalise(host)) : owner.addressesOf(host);
      }
      return addresses;
    }

    boolean matches(HostPort hp, Attribution owner) {
      if (hp.port() >= 0 && hp.port() != port) {
        return false;
      }
      if (hp.host().equals(host)) {
        return true;
      }
      return looksLikeAddress(hp.host()) && addresses(owner).contains(normalise(hp.host()));
    }
  }

  private static String normalise(String address) {
    return ResolvePins.literal(address).map(InetAddress::getHostAddress).orElse(address);
  }
}
