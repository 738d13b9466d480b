package io.threescaledoctor.checks.nginx;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the configuration traps of guide sections 4.1.2, 4.3.4 and 4.3.5 in a parsed nginx
 * configuration: names that need a resolver and have none, names resolved once at start (an {@code
 * upstream} block or a literal host in {@code proxy_pass}), credential headers with underscores
 * that nginx drops, proxy timeouts left at the default or set very long, and the Lua code cache
 * switched off. Settings are inherited http → server → location as nginx does.
 */
public final class NginxConfigLinter {
  /** nginx's default for proxy_connect_timeout and proxy_read_timeout. */
  static final Duration NGINX_DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  static final Duration LONG_READ_TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern TIME = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

  private final String backendHost;
  private final String apiHost;
  private final List<String> underscoreHeaders;
  private final KnownIssueCatalog issues;
  private final List<NginxFinding> findings = new ArrayList<>();
  private final Set<String> upstreamNames = new HashSet<>();
  private GatewayRoutes routes = GatewayRoutes.none();

  public NginxConfigLinter(
      String backendHost,
      String apiHost,
      List<String> underscoreHeaders,
      KnownIssueCatalog issues) {
    this.backendHost = backendHost;
    this.apiHost = apiHost;
    this.underscoreHeaders = underscoreHeaders;
    this.issues = issues;
  }

  /** A linter that knows the profile's backend, API and where the credentials travel. */
  public static NginxConfigLinter forProfile(Profile profile) {
    return new NginxConfigLinter(
        host(profile.threescale().backendOrDefault()),
        host(profile.api().url()),
        underscoreHeaders(profile),
        KnownIssueCatalog.standard());
  }

  /**
   * The request headers with underscores the client sends: APIcast reads credentials from headers
   * named like the parameters ({@code user_key}, {@code app_id}, {@code app_key}) when the service
   * takes them from headers; plus any such header the profile's client sends.
   */
  static List<String> underscoreHeaders(Profile profile) {
    List<String> out = new ArrayList<>();
    Profile.Credentials c = profile.credentials();
    if (c.inOrDefault() == Profile.CredentialsLocation.HEADER) {
      if (c.userKey() != null) {
        out.add("user_key");
      }
      if (c.appId() != null) {
        out.add("app_id");
      }
      if (c.appKey() != null) {
        out.add("app_key");
      }
    }
    profile.client().headersOrEmpty().keySet().stream()
        .filter(h -> h.contains("_"))
        .forEach(out::add);
    return out;
  }

  private static String host(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      String h = URI.create(url.trim()).getHost();
      return h == null ? null : h.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public List<NginxFinding> lint(List<NginxDirective> top) {
    findings.clear();
    upstreamNames.clear();
    routes = GatewayRoutes.of(top);
    collectUpstreams(top);
    walk(top, new Scope(null), 0);
    List<NginxFinding> sorted = new ArrayList<>(findings);
    sorted.sort(
        Comparator.comparing(NginxConfigLinter::file).thenComparingInt(NginxConfigLinter::line));
    return List.copyOf(sorted);
  }

  private void collectUpstreams(List<NginxDirective> ds) {
    for (NginxDirective d : ds) {
      if (d.name().equals("upstream") && d.isBlock()) {
        upstreamNames.add(d.arg(0).toLowerCase(Locale.ROOT));
        lintUpstream(d);
      } else if (d.isBlock()) {
        collectUpstreams(d.children());
      }
    }
  }

  /** What a level of the configuration sets and passes down. */
  private static final class Scope {
    final Scope parent;
    Boolean resolver;
    Duration connectTimeout;
    Duration readTimeout;
    Boolean underscores;
    final Map<String, String> variables = new HashMap<>();

    Scope(Scope parent) {
      this.parent = parent;
    }

    boolean hasResolver() {
      for (Scope s = this; s != null; s = s.parent) {
        if (s.resolver != null) {
          return s.resolver;
        }
      }
      return false;
    }

    Optional<Duration> connect() {
      for (Scope s = this; s != null; s = s.parent) {
        if (s.connectTimeout != null) {
          return Optional.of(s.connectTimeout);
        }
      }
      return Optional.empty();
    }

    Optional<Duration> read() {
      for (Scope s = this; s != null; s = s.parent) {
        if (s.readTimeout != null) {
          return Optional.of(s.readTimeout);
        }
      }
      return Optional.empty();
    }

    boolean underscoresOn() {
      for (Scope s = this; s != null; s = s.parent) {
        if (s.underscores != null) {
          return s.underscores;
        }
      }
      return false;
    }

    Optional<String> variable(String name) {
      for (Scope s = this; s != null; s = s.parent) {
        if (s.variables.containsKey(name)) {
          return Optional.of(s.variables.get(name));
        }
      }
      return Optional.empty();
    }
  }

  private void walk(List<NginxDirective> ds, Scope scope, int depth) {
    // A level's own settings apply to all of it, wherever they are written in the block.
    for (NginxDirective d : ds) {
      switch (d.name()) {
        case "resolver" -> scope.resolver = !d.args().isEmpty();
        case "proxy_connect_timeout" -> scope.connectTimeout = time(d.arg(0)).orElse(null);
        case "proxy_read_timeout" -> scope.readTimeout = time(d.arg(0)).orElse(null);
        case "underscores_in_headers" -> scope.underscores = d.arg(0).equals("on");
        case "set" -> scope.variables.put(d.arg(0), d.arg(1));
        case "lua_code_cache" -> {
          if (d.arg(0).equals("off")) {
            add(
                "lua-code-cache-off",
                null,
                Status.WARN,
                d,
                "lua_code_cache off: every request reloads the Lua code (slow, for development"
                    + " only); remove it in production");
          }
        }
        default -> {}
      }
    }
    for (NginxDirective d : ds) {
      if (d.name().equals("proxy_pass")) {
        lintProxyPass(d, scope);
      }
      if (!d.isBlock() || d.name().equals("upstream")) {
        continue;
      }
      Scope inner = new Scope(scope);
      if (d.name().equals("server") && depth <= 1 && !underscoreHeaders.isEmpty()) {
        walk(d.children(), inner, depth + 1);
        if (!inner.underscoresOn()) {
          add(
              "underscores-in-headers-disabled",
              null,
              Status.FAIL,
              d,
              "server block without underscores_in_headers on, while the client sends "
                  + String.join(", ", underscoreHeaders)
                  + " as headers: nginx drops them, so the credentials never reach APIcast;"
                  + " add underscores_in_headers on;");
        }
        continue;
      }
      walk(d.children(), inner, depth + 1);
      if (d.name().equals("location") && containsProxyPass(d)) {
        lintTimeouts(d, inner);
      }
    }
  }

  private static boolean containsProxyPass(NginxDirective location) {
    for (NginxDirective c : location.children()) {
      if (c.name().equals("proxy_pass")
          || (c.name().equals("if") && c.isBlock() && containsProxyPass(c))) {
        return true;
      }
    }
    return false;
  }

  private void lintProxyPass(NginxDirective d, Scope scope) {
    String url = d.arg(0);
    String hostPart = hostPart(url);
    if (hostPart.contains("$")) {
      Optional<String> resolved = substitute(hostPart, scope);
      String host = resolved.map(NginxConfigLinter::bareHost).orElse(null);
      if (host != null && (isAddress(host) || upstreamNames.contains(host))) {
        return;
      }
      if (!scope.hasResolver()) {
        add(
            "dns-no-resolver",
            null,
            Status.FAIL,
            d,
            "proxy_pass "
                + url
                + " names its host through a variable"
                + (host == null ? "" : " (" + host + ")")
                + ", resolved per request, but no resolver is set: requests fail with 502"
                + " (\"no resolver defined\"); add resolver ADDRESS; to the http block");
      }
      return;
    }
    String host = bareHost(hostPart);
    if (host.isEmpty()
        || isAddress(host)
        || upstreamNames.contains(host)
        || host.equals("localhost")
        || host.startsWith("unix:")) {
      return;
    }
    String what = describe(host);
    if (!scope.hasResolver()) {
      add(
          "dns-no-resolver",
          hopFor(host),
          Status.WARN,
          d,
          "proxy_pass to the host name "
              + host
              + what
              + " with no resolver: nginx resolves it"
              + " once at start and keeps that address; set a resolver and put the URL in a"
              + " variable (set $upstream "
              + url
              + "; proxy_pass $upstream;)");
    } else {
      add(
          "dns-stale-address",
          hopFor(host),
          Status.WARN,
          d,
          "proxy_pass to the literal host name "
              + host
              + what
              + " is resolved once at start"
              + " despite the resolver; put the URL in a variable so it is re-resolved");
    }
  }

  private void lintUpstream(NginxDirective upstream) {
    for (NginxDirective s : upstream.children()) {
      if (!s.name().equals("server")) {
        continue;
      }
      String host = bareHost(s.arg(0));
      if (host.isEmpty()
          || isAddress(host)
          || host.startsWith("unix:")
          || s.args().contains("resolve")) {
        continue;
      }
      add(
          "dns-stale-address",
          hopFor(host),
          Status.WARN,
          s,
          "upstream "
              + upstream.arg(0)
              + " lists "
              + host
              + describe(host)
              + ", which nginx resolves once at start: when its addresses change (3scale,"
              + " an AWS ELB) the gateway keeps calling the old ones; use a variable with a"
              + " resolver instead of an upstream block (guide 4.1.2)");
    }
  }

  private void lintTimeouts(NginxDirective location, Scope scope) {
    List<String> problems = new ArrayList<>();
    Optional<Duration> connect = scope.connect();
    Optional<Duration> read = scope.read();
    if (connect.isEmpty() && read.isEmpty()) {
      problems.add(
          "proxy_connect_timeout and proxy_read_timeout are not set (nginx waits 60 s"
              + " for a dead upstream)");
    } else {
      if (read.isPresent() && read.get().compareTo(LONG_READ_TIMEOUT) > 0) {
        problems.add("proxy_read_timeout " + read.get().toSeconds() + "s is very long");
      }
      if (connect.isPresent() && connect.get().compareTo(NGINX_DEFAULT_TIMEOUT) >= 0) {
        problems.add("proxy_connect_timeout " + connect.get().toSeconds() + "s is very long");
      }
    }
    if (!problems.isEmpty()) {
      add(
          "proxy-timeout-unsuitable",
          null,
          Status.WARN,
          location,
          "location " + String.join(" ", location.args()) + ": " + String.join("; ", problems));
    }
  }

  private String describe(String host) {
    Hop hop = hopFor(host);
    if (hop == Hop.GATEWAY_3SCALE) {
      return " (the 3scale backend)";
    }
    if (host.equals(apiHost) || routes.hopOf(host, -1).isPresent()) {
      return " (the API)";
    }
    return "";
  }

  /**
   * The hop a host belongs to: what the configuration does with it (proxied from the auth_request
   * location or to /transactions/*.xml: 3scale; from another location: the API), else whether the
   * profile names it as the backend; else the API, the only other upstream a gateway has.
   */
  private Hop hopFor(String host) {
    return routes
        .hopOf(host, -1)
        .orElse(host.equals(backendHost) ? Hop.GATEWAY_3SCALE : Hop.GATEWAY_API);
  }

  private void add(String issue, Hop hop, Status status, NginxDirective d, String message) {
    Hop h = hop != null ? hop : issues.find(issue).map(KnownIssue::hop).orElse(Hop.GATEWAY);
    findings.add(new NginxFinding(issue, h, status, d.where(), message));
  }

  private static String file(NginxFinding f) {
    return f.where().substring(0, f.where().lastIndexOf(':'));
  }

  private static int line(NginxFinding f) {
    return Integer.parseInt(f.where().substring(f.where().lastIndexOf(':') + 1));
  }

  /** {@code http://host:port/path} → {@code host:port}; {@code $var/path} → {@code $var}. */
  static String hostPart(String url) {
    String u = url;
    int scheme = u.indexOf("://");
    if (scheme >= 0) {
      u = u.substring(scheme + 3);
    }
    int slash = u.indexOf('/');
    return slash >= 0 ? u.substring(0, slash) : u;
  }

  /** {@code host:port}, {@code [v6]:port} → the host, lower case. */
  static String bareHost(String hostPort) {
    String h = hostPart(hostPort);
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close > 0 ? h.substring(1, close) : h;
    }
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(':') == colon) {
      h = h.substring(0, colon);
    }
    return h.toLowerCase(Locale.ROOT);
  }

  private static boolean isAddress(String host) {
    return IPV4.matcher(host).matches() || host.contains(":");
  }

  /** The host part with {@code set} variables replaced, if every variable in it is known. */
  private static Optional<String> substitute(String hostPart, Scope scope) {
    Matcher m = Pattern.compile("\\$\\{?(\\w+)}?").matcher(hostPart);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      Optional<String> v = scope.variable("$" + m.group(1));
      if (v.isEmpty() || v.get().contains("$")) {
        return Optional.empty();
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(hostPart(v.get())));
    }
    m.appendTail(sb);
    return Optional.of(sb.toString());
  }

  /** nginx time syntax: {@code 30}, {@code 30s}, {@code 500ms}, {@code 5m}, {@code 1h}. */
  static Optional<Duration> time(String text) {
    Matcher m = TIME.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return Optional.of(
        switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofSeconds(n);
        });
  }
}
