package io.threescaledoctor.checks.logs;

import io.threescaledoctor.core.profile.Profile;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a log line is about the 3scale backend or the API: an auth subrequest, or an
 * upstream whose host (or address) and port are the backend's, is the backend; one matching {@code
 * api.url} is the API; any other upstream is taken as the API too, since the gateway proxies
 * nothing else. Names are resolved lazily (only when a line needs it) through the {@link
 * HostResolver} seam.
 */
public final class TargetClassifier {
  private final Endpoint backend;
  private final Endpoint api;
  private final HostResolver resolver;
  private final List<String> notes = new ArrayList<>();

  TargetClassifier(String backendUrl, String apiUrl, HostResolver resolver) {
    this.backend = Endpoint.of(backendUrl);
    this.api = Endpoint.of(apiUrl);
    this.resolver = resolver;
  }

  /** The backend and API named by {@code profile} ({@code threescale.backend}, {@code api.url}). */
  public static TargetClassifier fromProfile(Profile profile, HostResolver resolver) {
    return new TargetClassifier(
        profile.threescale().backendOrDefault(), profile.api().url(), resolver);
  }

  /** Classifies {@code authority} ({@code host[:port]}, may be empty) of a line. */
  Target classify(String authority, boolean subrequest) {
    if (subrequest) {
      return Target.BACKEND;
    }
    if (authority == null || authority.isEmpty()) {
      return Target.NONE;
    }
    HostPort hp = HostPort.parse(authority);
    if (backend != null && backend.matches(hp, this)) {
      return Target.BACKEND;
    }
    return Target.API;
  }

  /** The backend's host name, or null when the profile names none. */
  String backendHost() {
    return backend == null ? null : backend.host;
  }

  /** What the backend's name resolves to now; empty if it cannot be resolved. */
  Set<String> backendAddresses() {
    return backend == null ? Set.of() : backend.addresses(this);
  }

  List<String> notes() {
    return List.copyOf(notes);
  }

  private Set<String> resolve(String host) {
    try {
      Set<String> out = new LinkedHashSet<>();
      for (InetAddress a : resolver.resolve(host)) {
        out.add(a.getHostAddress());
      }
      return out;
    } catch (UnknownHostException | RuntimeException e) {
      notes.add(
          "cannot resolve "
              + host
              + " now ("
              + e.getMessage()
              + "): lines naming its addresses are taken as the API's");
      return Set.of();
    }
  }

  record HostPort(String host, int port) {
    static HostPort parse(String authority) {
      String a = authority;
      int port = -1;
      if (a.startsWith("[")) {
        int close = a.indexOf(']');
        if (close > 0) {
          String rest = a.substring(close + 1);
          a = a.substring(1, close);
          if (rest.startsWith(":")) {
            port = parsePort(rest.substring(1));
          }
          return new HostPort(a.toLowerCase(Locale.ROOT), port);
        }
      }
      int colon = a.lastIndexOf(':');
      if (colon > 0 && a.indexOf(':') == colon) {
        port = parsePort(a.substring(colon + 1));
        a = a.substring(0, colon);
      }
      return new HostPort(a.toLowerCase(Locale.ROOT), port);
    }

    private static int parsePort(String s) {
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }

  private static final class Endpoint {
    final String host;
    final int port;
    private Set<String> addresses;

    private Endpoint(String host, int port) {
      this.host = host;
      this.port = port;
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
        return new Endpoint(h, port);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    synchronized Set<String> addresses(TargetClassifier owner) {
      if (addresses == null) {
        addresses = owner.resolve(host);
      }
      return addresses;
    }

    boolean matches(HostPort hp, TargetClassifier owner) {
      if (hp.port() >= 0 && hp.port() != port) {
        return false;
      }
      if (hp.host().equals(host)) {
        return true;
      }
      return looksLikeAddress(hp.host()) && addresses(owner).contains(normalise(hp.host()));
    }
  }

  static boolean looksLikeAddress(String host) {
    if (host.isEmpty()) {
      return false;
    }
    if (host.indexOf(':') >= 0) {
      return true;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  private static String normalise(String address) {
    try {
      return InetAddress.getByName(address).getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
