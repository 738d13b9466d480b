package io.threescaledoctor.checks.nginx;

import io.threescaledoctor.core.check.Hop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the gateway's configuration sends requests, and so which hop each upstream belongs to:
 * {@code proxy_pass} in a location that {@code auth_request} calls, or any call to 3scale's {@code
 * /transactions/*.xml}, goes to 3scale ({@code gateway-3scale}); the {@code proxy_pass} of any
 * other location (the main location) goes to the API ({@code gateway-api}); an {@code upstream}
 * block takes the hop of the {@code proxy_pass} that names it, and so do its servers. Names in
 * {@code set} variables are followed. {@code resolver} lines are kept for the DNS findings. Pure:
 * nothing is resolved. Immutable.
 */
public final class GatewayRoutes {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
  private static final Pattern TRANSACTIONS =
      Pattern.compile("/transactions(/[a-z_]+)?\\.xml", Pattern.CASE_INSENSITIVE);

  private static final GatewayRoutes NONE =
      new GatewayRoutes(List.of(), Set.of(), List.of(), List.of());

  /**
   * One upstream the configuration proxies to.
   *
   * @param hop {@code gateway-3scale} or {@code gateway-api}
   * @param host the host name or address, lower case, without brackets
   * @param port the port, or -1 when the configuration gives none that is known (a variable)
   * @param where {@code file:line} of the directive that says so
   * @param why what in the configuration says so, in words
   */
  public record Upstream(Hop hop, String host, int port, String where, String why) {
    /** {@code host:port}, or the host alone when the port is unknown. */
    public String authority() {
      String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      return port < 0 ? h : h + ":" + port;
    }
  }

  /** A {@code resolver} address ({@code host:port}) and where it is set. */
  public record Resolver(String address, String where) {}

  private final List<Upstream> upstreams;
  private final Set<String> authLocations;
  private final List<Resolver> resolvers;
  private final List<String> notes;

  private GatewayRoutes(
      List<Upstream> upstreams,
      Set<String> authLocations,
      List<Resolver> resolvers,
      List<String> notes) {
    this.upstreams = List.copyOf(upstreams);
    this.authLocations = Set.copyOf(authLocations);
    this.resolvers = List.copyOf(resolvers);
    this.notes = List.copyOf(notes);
  }

  /** No configuration: nothing is known. */
  public static GatewayRoutes none() {
    return NONE;
  }

  /** The routes of a parsed configuration. */
  public static GatewayRoutes of(List<NginxDirective> top) {
    Builder b = new Builder();
    b.collectUpstreamBlocks(top);
    b.collectAuthRequests(top);
    b.findAuthLocationBlocks(top);
    b.walk(top, new HashMap<>(), null);
    return new GatewayRoutes(b.upstreams, b.authLocations, b.resolvers, b.notes);
  }

  /** Every upstream, in configuration order (upstream blocks' servers after their proxy_pass). */
  public List<Upstream> upstreams() {
    return upstreams;
  }

  /** The locations {@code auth_request} calls ({@code /threescale_authorize}): subrequest names. */
  public Set<String> authLocations() {
    return authLocations;
  }

  public List<Resolver> resolvers() {
    return resolvers;
  }

  /** What the configuration could not follow (a host only known at run time), in words. */
  public List<String> notes() {
    return notes;
  }

  public boolean isEmpty() {
    return upstreams.isEmpty() && authLocations.isEmpty() && resolvers.isEmpty();
  }

  /**
   * The upstreams for {@code host} (a name or an address) and {@code port} (-1: any): an entry
   * without a port matches every port of its host.
   */
  public List<Upstream> find(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    List<Upstream> out = new ArrayList<>();
    for (Upstream u : upstreams) {
      if (u.host().equals(h) && (port < 0 || u.port() < 0 || u.port() == port)) {
        out.add(u);
      }
    }
    return out;
  }

  /** The hop the configuration gives {@code host[:port]}, when every route agrees on one. */
  public Optional<Hop> hopOf(String host, int port) {
    Set<Hop> hops = new LinkedHashSet<>();
    find(host, port).forEach(u -> hops.add(u.hop()));
    return hops.size() == 1 ? Optional.of(hops.iterator().next()) : Optional.empty();
  }

  private static final class Builder {
    final List<Upstream> upstreams = new ArrayList<>();
    final Set<String> authLocations = new LinkedHashSet<>();
    final List<Resolver> resolvers = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, NginxDirective> upstreamBlocks = new LinkedHashMap<>();
    final List<NginxDirective> locations = new ArrayList<>();
    final Set<NginxDirective> authLocationBlocks =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    void collectUpstreamBlocks(List<NginxDirective> ds) {
      for (NginxDirective d : ds) {
        if (d.name().equals("upstream") && d.isBlock()) {
          upstreamBlocks.put(d.arg(0).toLowerCase(Locale.ROOT), d);
        } else if (d.isBlock()) {
          collectUpstreamBlocks(d.children());
        }
      }
    }

    void collectAuthRequests(List<NginxDirective> ds) {
      for (NginxDirective d : ds) {
        if (d.name().equals("auth_request") && !d.arg(0).equals("off")) {
          authLocations.add(d.arg(0));
        } else if (d.isBlock()) {
          if (d.name().equals("location")) {
            locations.add(d);
          }
          collectAuthRequests(d.children());
        }
      }
    }

    /**
     * The location nginx serves each auth_request path with: an exact ({@code =}) location, else
     * the longest prefix location (regular expressions are not followed).
     */
    void findAuthLocationBlocks(List<NginxDirective> top) {
      for (String path : authLocations) {
        NginxDirective best = null;
        int bestLength = -1;
        for (NginxDirective loc : locations) {
          List<String> args = loc.args();
          if (args.size() == 2 && args.get(0).equals("=") && args.get(1).equals(path)) {
            best = loc;
            break;
          }
          String prefix =
              args.size() == 1
                  ? args.get(0)
                  : args.size() == 2 && args.get(0).equals("^~") ? args.get(1) : null;
          if (prefix != null && path.startsWith(prefix) && prefix.length() > bestLength) {
            best = loc;
            bestLength = prefix.length();
          }
        }
        if (best != null) {
          authLocationBlocks.add(best);
        }
      }
    }

    /**
     * Walks one level: its {@code set} variables and resolvers first (they apply to the whole
     * level), then its proxy_pass, then the blocks inside it.
     */
    void walk(
        List<NginxDirective> ds, Map<String, String> outerVariables, NginxDirective location) {
      Map<String, String> variables = new HashMap<>(outerVariables);
      for (NginxDirective d : ds) {
        if (d.name().equals("set") && d.args().size() >= 2) {
          variables.put(d.arg(0), d.arg(1));
        } else if (d.name().equals("resolver")) {
          for (String a : d.args()) {
            if (!a.contains("=")) {
              resolvers.add(new Resolver(withPort(a, 53), d.where()));
            }
          }
        }
      }
      for (NginxDirective d : ds) {
        if (d.name().equals("proxy_pass")) {
          proxyPass(d, variables, location);
        } else if (d.isBlock() && !d.name().equals("upstream")) {
          walk(d.children(), variables, d.name().equals("location") ? d : location);
        }
      }
    }

    private void proxyPass(NginxDirective d, Map<String, String> variables, NginxDirective loc) {
      String url = substitute(d.arg(0), variables);
      if (url == null) {
        notes.add(
            d.where()
                + ": proxy_pass "
                + d.arg(0)
                + " names its host through a variable set at run time; lines about it are"
                + " attributed by other means");
        return;
      }
      Hop hop;
      String why;
      String locationText = loc == null ? "server" : "location " + String.join(" ", loc.args());
      if (loc != null && isAuthLocation(loc)) {
        hop = Hop.GATEWAY_3SCALE;
        why = "proxy_pass in " + locationText + ", which auth_request calls";
      } else if (TRANSACTIONS.matcher(url).find()) {
        hop = Hop.GATEWAY_3SCALE;
        why = "proxy_pass to 3scale's " + transactions(url) + " in " + locationText;
      } else {
        hop = Hop.GATEWAY_API;
        why = "proxy_pass in " + locationText + ", the API the gateway proxies to";
      }
      boolean https = url.toLowerCase(Locale.ROOT).startsWith("https://");
      String hostPort = NginxConfigLinter.hostPart(url);
      String host = NginxConfigLinter.bareHost(hostPort);
      if (host.isEmpty() || host.startsWith("unix:")) {
        return;
      }
      NginxDirective block = upstreamBlocks.get(host);
      if (block != null) {
        upstreams.add(new Upstream(hop, host, -1, d.where(), why + " (upstream " + host + ")"));
        for (NginxDirective s : block.children()) {
          if (s.name().equals("server") && !s.arg(0).startsWith("unix:")) {
            String server = withPort(s.arg(0), https ? 443 : 80);
            upstreams.add(
                new Upstream(
                    hop,
                    NginxConfigLinter.bareHost(server),
                    port(server, -1),
                    s.where(),
                    "server of upstream " + host + ": " + why));
          }
        }
        return;
      }
      upstreams.add(new Upstream(hop, host, port(hostPort, https ? 443 : 80), d.where(), why));
    }

    private boolean isAuthLocation(NginxDirective location) {
      return authLocationBlocks.contains(location);
    }

    private static String transactions(String url) {
      Matcher m = TRANSACTIONS.matcher(url);
      return m.find() ? m.group() : "/transactions";
    }

    /** The URL with {@code set} variables replaced; null when a variable of its host is not. */
    private static String substitute(String url, Map<String, String> variables) {
      String hostPart = NginxConfigLinter.hostPart(url);
      Matcher m = VARIABLE.matcher(hostPart);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String value = variables.get("$" + m.group(1));
        if (value == null || value.contains("$")) {
          return null;
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      String host = sb.toString();
      int scheme = url.indexOf("://");
      String schemePart = scheme >= 0 ? url.substring(0, scheme + 3) : "";
      if (scheme < 0 && host.contains("://")) {
        return host + url.substring(hostPart.length());
      }
      return schemePart + host + url.substring(schemePart.length() + hostPart.length());
    }
  }

  /**
   * {@code host}, {@code host:port}, {@code [v6]:port} → with {@code defaultPort} if it had none.
   */
  static String withPort(String hostPort, int defaultPort) {
    if (hostPort.startsWith("[")) {
      return hostPort.contains("]:") ? hostPort : hostPort + ":" + defaultPort;
    }
    int colons = (int) hostPort.chars().filter(c -> c == ':').count();
    if (colons == 1) {
      return hostPort;
    }
    if (colons > 1) {
      return "[" + hostPort + "]:" + defaultPort;
    }
    return hostPort + ":" + defaultPort;
  }

  private static int port(String hostPort, int defaultPort) {
    int colon = hostPort.lastIndexOf(':');
    int bracket = hostPort.lastIndexOf(']');
    if (colon < 0 || colon < bracket || (bracket < 0 && hostPort.indexOf(':') != colon)) {
      return defaultPort;
    }
    try {
      return Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      return defaultPort;
    }
  }
}
