package io.threescaledoctor.cli;

import io.threescaledoctor.checks.dns.DnsServer;
import io.threescaledoctor.checks.dns.ResolvePins;
import io.threescaledoctor.checks.tls.TrustMaterial;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.engine.Checklist;
import io.threescaledoctor.core.engine.Engine;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the stand-alone network verbs ({@code dns}, {@code connect}, {@code tls}, {@code cert})
 * share: they describe their target as profile keys, so that the checks they run are the very
 * classes {@code run} uses, through the same engine, timeouts and report renderers. The target is
 * planned as the {@code api} endpoint, which is why results read {@code api.tcp.connect}.
 */
final class NetworkVerbs {
  private NetworkVerbs() {}

  /**
   * Loads the profile with {@code keys} applied on top of the file and {@code --set} (flags such as
   * {@code --resolver} or {@code --resolve} still win), then runs {@code checks} against the api
   * endpoint.
   */
  static Diagnosis run(
      ProfileOptions options, Map<String, String> keys, List<Check> checks, CliEnvironment env)
      throws ProfileException {
    // A fresh list: picocli resets options to their initial values between runs in the shell,
    // so the initial list itself must never grow.
    List<String> sets = new ArrayList<>(options.sets);
    keys.forEach((k, v) -> sets.add(k + "=" + v));
    options.sets = sets;
    Profile profile = options.load();
    try {
      // The checks would report these as ERROR; on a command line they are bad input.
      DnsServer.parseAll(profile.dns().resolversOrEmpty());
      ResolvePins.parse(profile.network().resolveOrEmpty());
      TrustMaterial.from(profile);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    Checklist checklist =
        Checklist.build(CheckRegistry.of(checks), profile, List.of("api"), List.of());
    Diagnosis diagnosis = Engine.builder().build().run(checklist, profile, env.cancellation());
    env.sessionIfAny().ifPresent(session -> session.record(diagnosis));
    return diagnosis;
  }

  /** The profile keys that point the TLS checks at {@code HOST[:PORT]} (default 443). */
  static Map<String, String> tlsTarget(String target, String servername) {
    String[] hp = hostAndPort(target, 443);
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("api.url", url("https", hp[0], port(hp[1])));
    if (servername != null) {
      keys.put("tls.servername", servername);
    }
    return keys;
  }

  /** {@code scheme://host:port}, with brackets for IPv6; bad input is one line and exit 2. */
  static String url(String scheme, String host, int port) {
    if (port < 1 || port > 65535) {
      throw new BadInputException("port " + port + ": must be between 1 and 65535");
    }
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    try {
      URI uri = new URI(scheme + "://" + h + ":" + port);
      if (uri.getHost() == null) {
        throw new BadInputException("'" + host + "' is not a host name or IP address");
      }
      return uri.toString();
    } catch (URISyntaxException e) {
      throw new BadInputException("'" + host + "' is not a host name or IP address");
    }
  }

  /** {@code HOST[:PORT]} (or {@code [IPv6]:PORT}) with a default port. */
  static String[] hostAndPort(String text, int defaultPort) {
    String t = text.trim();
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw new BadInputException("'" + text + "': expected HOST[:PORT] or [IPv6]:PORT");
      }
      String host = t.substring(1, close);
      String rest = t.substring(close + 1);
      return new String[] {
        host, rest.startsWith(":") ? rest.substring(1) : String.valueOf(defaultPort)
      };
    }
    int colon = t.lastIndexOf(':');
    if (colon > 0 && t.indexOf(':') == colon) {
      return new String[] {t.substring(0, colon), t.substring(colon + 1)};
    }
    return new String[] {t, String.valueOf(defaultPort)};
  }

  static int port(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new BadInputException("port '" + text + "': not a number");
    }
  }
}
