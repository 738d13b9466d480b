package io.threescaledoctor.checks.net;

import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;

/**
 * Which hop a failed connection to an endpoint belongs to, and which known issue names it: the one
 * table every network check uses. The rule of thumb a network engineer applies: a host that
 * answered (refused, reset, closed) is reachable, so the fault is the listener's, never a
 * firewall's; only a timeout or an unreachable network is a path problem, and from the gateway's
 * host a path problem is the gateway's own link to the API or to 3scale.
 */
public final class Blame {
  private Blame() {}

  /** Where the failure belongs and its known-issue id. */
  public record Verdict(Hop hop, String cause) {}

  /**
   * @param phase where the connection failed; a timeout once connected means a silent peer, not a
   *     blocked path
   * @param atProxy whether the proxy, not the target, failed
   */
  public static Verdict of(
      CheckContext ctx, Endpoint e, Outcome outcome, Phase phase, boolean atProxy) {
    Profile.Vantage vantage = ctx.profile().vantage();
    if (atProxy) {
      return new Verdict(pathHop(e, vantage), "proxy-connect-failed");
    }
    boolean silentPeer =
        outcome == Outcome.TIMED_OUT && phase != Phase.CONNECT && phase != Phase.PROXY;
    return switch (outcome) {
      case REFUSED -> new Verdict(serverHop(e), refusedCause(e));
      case TIMED_OUT, UNREACHABLE, PROXY_REJECTED ->
          silentPeer
              ? new Verdict(serverHop(e), silentCause(e))
              : new Verdict(
                  pathHop(e, vantage),
                  outcome == Outcome.PROXY_REJECTED
                      ? "proxy-connect-failed"
                      : pathCause(e, outcome));
      case RESET, CLOSED -> new Verdict(serverHop(e), closedCause(e));
      case TLS_FAILED -> new Verdict(serverHop(e), "tls-handshake-failed");
      case CONNECTED, ERROR -> new Verdict(pathHop(e, vantage), pathCause(e, outcome));
    };
  }

  /** The hop of the endpoint's own listener: what answers there. */
  public static Hop serverHop(Endpoint e) {
    return switch (e) {
      case API -> Hop.API;
      case GATEWAY -> Hop.GATEWAY;
      case BACKEND, ADMIN -> Hop.THREESCALE;
    };
  }

  /** The hop of the network path to the endpoint, as seen from where the doctor runs. */
  public static Hop pathHop(Endpoint e, Profile.Vantage vantage) {
    if (vantage == Profile.Vantage.GATEWAY) {
      return switch (e) {
        case API -> Hop.GATEWAY_API;
        case BACKEND -> Hop.GATEWAY_3SCALE;
        case GATEWAY -> Hop.CLIENT_GATEWAY;
        case ADMIN -> Hop.THREESCALE;
      };
    }
    return e.hop();
  }

  private static String refusedCause(Endpoint e) {
    return switch (e) {
      case API -> "api-unreachable";
      case GATEWAY -> "gateway-down";
      case BACKEND -> "backend-unreachable";
      case ADMIN -> "portal-unreachable";
    };
  }

  private static String pathCause(Endpoint e, Outcome outcome) {
    return switch (e) {
      case API -> "api-unreachable";
      case GATEWAY -> "gateway-unreachable";
      case BACKEND -> outcome == Outcome.TIMED_OUT ? "backend-timeout" : "backend-unreachable";
      case ADMIN -> "portal-unreachable";
    };
  }

  private static String silentCause(Endpoint e) {
    return switch (e) {
      case API -> "api-timeout";
      case GATEWAY -> "gateway-timeout";
      case BACKEND -> "backend-timeout";
      case ADMIN -> "portal-unreachable";
    };
  }

  /** The cause for a peer that accepted, then closed or reset before it answered. */
  public static String closedCause(Endpoint e) {
    return switch (e) {
      case API -> "api-closed-connection";
      case GATEWAY -> "gateway-closed-connection";
      case BACKEND -> "backend-closed-connection";
      case ADMIN -> "portal-closed-connection";
    };
  }
}
