package io.threescaledoctor.checks.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.http.FakeCheckContext;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one table every network check blames through, written out case by case: a host that answered
 * is never a path problem, a silent peer is the server's, and from the gateway's host a path
 * problem is the gateway's own link.
 */
class BlameTest {
  private static final CheckContext FROM_CLIENT = FakeCheckContext.of("vantage", "client");
  private static final CheckContext FROM_GATEWAY = FakeCheckContext.of("vantage", "gateway");

  private static String blame(CheckContext ctx, Endpoint e, Outcome o, Phase p, boolean proxy) {
    Blame.Verdict v = Blame.of(ctx, e, o, p, proxy);
    return v.hop().id() + " " + v.cause();
  }

  @Test
  void aRefusalOrAClosedConnectionIsTheListenersWhereverTheDoctorRuns() {
    for (CheckContext ctx : List.of(FROM_CLIENT, FROM_GATEWAY)) {
      assertThat(blame(ctx, Endpoint.API, Outcome.REFUSED, Phase.CONNECT, false))
          .isEqualTo("api api-unreachable");
      assertThat(blame(ctx, Endpoint.GATEWAY, Outcome.REFUSED, Phase.CONNECT, false))
          .isEqualTo("gateway gateway-down");
      assertThat(blame(ctx, Endpoint.BACKEND, Outcome.REFUSED, Phase.CONNECT, false))
          .isEqualTo("3scale backend-unreachable");
      assertThat(blame(ctx, Endpoint.ADMIN, Outcome.REFUSED, Phase.CONNECT, false))
          .isEqualTo("3scale portal-unreachable");
      assertThat(blame(ctx, Endpoint.API, Outcome.RESET, Phase.EXCHANGE, false))
          .isEqualTo("api api-closed-connection");
      assertThat(blame(ctx, Endpoint.GATEWAY, Outcome.CLOSED, Phase.TLS, false))
          .isEqualTo("gateway gateway-closed-connection");
      assertThat(blame(ctx, Endpoint.BACKEND, Outcome.CLOSED, Phase.EXCHANGE, false))
          .isEqualTo("3scale backend-closed-connection");
      assertThat(blame(ctx, Endpoint.ADMIN, Outcome.RESET, Phase.EXCHANGE, false))
          .isEqualTo("3scale portal-closed-connection");
      assertThat(blame(ctx, Endpoint.BACKEND, Outcome.TLS_FAILED, Phase.TLS, false))
          .isEqualTo("3scale tls-handshake-failed");
    }
  }

  @Test
  void aSilentPeerOnceConnectedIsTheServersTimeout() {
    for (Phase once : List.of(Phase.TLS, Phase.EXCHANGE)) {
      assertThat(blame(FROM_GATEWAY, Endpoint.API, Outcome.TIMED_OUT, once, false))
          .isEqualTo("api api-timeout");
      assertThat(blame(FROM_GATEWAY, Endpoint.GATEWAY, Outcome.TIMED_OUT, once, false))
          .isEqualTo("gateway gateway-timeout");
      assertThat(blame(FROM_GATEWAY, Endpoint.BACKEND, Outcome.TIMED_OUT, once, false))
          .isEqualTo("3scale backend-timeout");
      assertThat(blame(FROM_GATEWAY, Endpoint.ADMIN, Outcome.TIMED_OUT, once, false))
          .isEqualTo("3scale portal-unreachable");
    }
  }

  @Test
  void aPathProblemFromTheClientIsTheEndpointsOwnHop() {
    for (Phase connecting : List.of(Phase.CONNECT, Phase.PROXY)) {
      assertThat(blame(FROM_CLIENT, Endpoint.API, Outcome.TIMED_OUT, connecting, false))
          .isEqualTo("api api-unreachable");
      assertThat(blame(FROM_CLIENT, Endpoint.GATEWAY, Outcome.UNREACHABLE, connecting, false))
          .isEqualTo("client-gateway gateway-unreachable");
      assertThat(blame(FROM_CLIENT, Endpoint.BACKEND, Outcome.TIMED_OUT, connecting, false))
          .isEqualTo("3scale backend-timeout");
      assertThat(blame(FROM_CLIENT, Endpoint.BACKEND, Outcome.UNREACHABLE, connecting, false))
          .isEqualTo("3scale backend-unreachable");
      assertThat(blame(FROM_CLIENT, Endpoint.ADMIN, Outcome.TIMED_OUT, connecting, false))
          .isEqualTo("3scale portal-unreachable");
    }
  }

  @Test
  void aPathProblemFromTheGatewayIsTheGatewaysOwnLink() {
    assertThat(blame(FROM_GATEWAY, Endpoint.API, Outcome.TIMED_OUT, Phase.CONNECT, false))
        .isEqualTo("gateway-api api-unreachable");
    assertThat(blame(FROM_GATEWAY, Endpoint.BACKEND, Outcome.UNREACHABLE, Phase.CONNECT, false))
        .isEqualTo("gateway-3scale backend-unreachable");
    assertThat(blame(FROM_GATEWAY, Endpoint.GATEWAY, Outcome.TIMED_OUT, Phase.CONNECT, false))
        .isEqualTo("client-gateway gateway-unreachable");
    assertThat(blame(FROM_GATEWAY, Endpoint.ADMIN, Outcome.UNREACHABLE, Phase.CONNECT, false))
        .isEqualTo("3scale portal-unreachable");
    assertThat(blame(FROM_GATEWAY, Endpoint.API, Outcome.ERROR, Phase.EXCHANGE, false))
        .isEqualTo("gateway-api api-unreachable");
    assertThat(blame(FROM_GATEWAY, Endpoint.BACKEND, Outcome.CONNECTED, Phase.CONNECT, false))
        .isEqualTo("gateway-3scale backend-unreachable");
  }

  @Test
  void aProxyThatFailsOrRefusesIsAlwaysAProxyFailureOnThePath() {
    for (Outcome o : Outcome.values()) {
      assertThat(blame(FROM_GATEWAY, Endpoint.API, o, Phase.PROXY, true))
          .as("%s at the proxy", o)
          .isEqualTo("gateway-api proxy-connect-failed");
    }
    assertThat(blame(FROM_CLIENT, Endpoint.BACKEND, Outcome.PROXY_REJECTED, Phase.PROXY, false))
        .isEqualTo("3scale proxy-connect-failed");
    assertThat(blame(FROM_CLIENT, Endpoint.API, Outcome.PROXY_REJECTED, Phase.EXCHANGE, false))
        .as("a proxy's refusal is never a silent peer")
        .isEqualTo("api proxy-connect-failed");
  }

  @Test
  void onlyAnOutcomeWhereTheHostAnsweredProvesThePathWorks() {
    List<Outcome> answered = new ArrayList<>();
    for (Outcome o : Outcome.values()) {
      if (o.hostAnswered()) {
        answered.add(o);
      }
    }
    assertThat(answered)
        .containsExactly(
            Outcome.CONNECTED, Outcome.REFUSED, Outcome.RESET, Outcome.CLOSED, Outcome.TLS_FAILED);
    assertThat(Outcome.TLS_FAILED.word()).isEqualTo("TLS failed");
    assertThat(Outcome.TIMED_OUT.word()).isEqualTo("timed out");
    assertThat(Outcome.PROXY_REJECTED.word()).isEqualTo("proxy rejected");
  }
}
