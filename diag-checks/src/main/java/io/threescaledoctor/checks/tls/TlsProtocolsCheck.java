package io.threescaledoctor.checks.tls;

import io.threescaledoctor.checks.dns.ResolvePins;
import io.threescaledoctor.checks.net.Dial;
import io.threescaledoctor.checks.net.Dialer;
import io.threescaledoctor.checks.net.HostPort;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Durations;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code tls.protocols}: does the endpoint still accept SSLv3 (guide §4.2.4: FAIL, {@code
 * tls-sslv3-accepted}) or TLS 1.0/1.1 (WARN, {@code tls-weak-protocol})? Each version is offered on
 * its own connection with a hand-built ClientHello (see {@link LegacyHello} for why) and the peer's
 * first answer is classified.
 */
public final class TlsProtocolsCheck implements Check {

  @Override
  public String id() {
    return "tls.protocols";
  }

  @Override
  public Hop hop() {
    return Hop.API;
  }

  @Override
  public String description() {
    return "An https endpoint refuses SSLv3 (and TLS 1.0/1.1)";
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.API, Endpoint.GATEWAY, Endpoint.BACKEND, Endpoint.ADMIN);
  }

  @Override
  public List<String> dependsOn() {
    return List.of("tcp.connect");
  }

  @Override
  public CheckResult run(CheckContext ctx) {
    URI target = ctx.target();
    if (!TlsHandshakeCheck.isHttps(target)) {
      return CheckResult.skip(target.getScheme() + ":// URL: no TLS to check");
    }
    String host = target.getHost();
    int port = HostPort.of(target).port();
    Dialer dialer = TlsConnector.dialer(ctx);
    String sni = TlsHandshakeCheck.serverName(ctx, host);
    if (ResolvePins.literal(sni).isPresent()) {
      sni = null;
    }
    List<LegacyHello.Answer> answers = new ArrayList<>();
    for (LegacyHello.Version v : LegacyHello.Version.values()) {
      if (ctx.cancelled()) {
        break;
      }
      try (Dial d = TlsConnector.open(ctx, dialer, new HostPort(host, port))) {
        if (!d.connected()) {
          return CheckResult.fail("cannot test protocol versions: " + d.describe())
              .withCause("tls-handshake-failed");
        }
        LegacyHello.Answer a = LegacyHello.probe(d.socket(), v, sni);
        if (a.verdict() == LegacyHello.Verdict.NO_ANSWER) {
          a =
              new LegacyHello.Answer(
                  v,
                  a.verdict(),
                  "no answer within the read timeout of "
                      + Durations.format(ctx.timeouts().read())
                      + " (timeouts.read)");
        }
        answers.add(a);
        if (a.verdict() == LegacyHello.Verdict.NO_ANSWER
            || a.verdict() == LegacyHello.Verdict.NOT_TLS) {
          // A peer that ignores or garbles one hello will do the same with the next: one
          // timeout is enough to say so.
          break;
        }
      } catch (UnknownHostException e) {
        return CheckResult.fail("cannot test protocol versions: " + e.getMessage())
            .withCause("tls-handshake-failed");
      }
    }
    CheckResult r = judge(host + ":" + port, answers);
    for (LegacyHello.Answer a : answers) {
      r =
          r.withEvidence(
              a.offered().label,
              a.verdict().name().toLowerCase().replace('_', ' ') + ": " + a.detail());
    }
    String hostArg = TlsHandshakeCheck.connectArgument(ctx, host, port);
    return r.withReproduce(
        "openssl s_client -connect "
            + hostArg
            + " -ssl3 </dev/null ; "
            + "openssl s_client -connect "
            + hostArg
            + " -tls1 -cipher DEFAULT@SECLEVEL=0"
            + " </dev/null ; testssl.sh --protocols "
            + hostArg);
  }

  static CheckResult judge(String where, List<LegacyHello.Answer> answers) {
    LegacyHello.Answer ssl3 =
        answers.stream()
            .filter(a -> a.offered() == LegacyHello.Version.SSL_3_0)
            .findFirst()
            .orElse(null);
    if (ssl3 != null && ssl3.verdict() == LegacyHello.Verdict.ACCEPTED) {
      return CheckResult.fail(where + " accepts SSLv3 (" + ssl3.detail() + ")")
          .withCause("tls-sslv3-accepted");
    }
    List<String> weak =
        answers.stream()
            .filter(
                a ->
                    a.offered() != LegacyHello.Version.SSL_3_0
                        && a.verdict() == LegacyHello.Verdict.ACCEPTED)
            .map(a -> a.offered().label)
            .toList();
    List<LegacyHello.Answer> unclear =
        answers.stream()
            .filter(
                a ->
                    a.verdict() == LegacyHello.Verdict.NO_ANSWER
                        || a.verdict() == LegacyHello.Verdict.NOT_TLS)
            .toList();
    if (!unclear.isEmpty() && unclear.size() == answers.size()) {
      return CheckResult.fail(
              where + " did not answer a TLS ClientHello: " + unclear.get(0).detail())
          .withCause("tls-handshake-failed");
    }
    if (!weak.isEmpty()) {
      return CheckResult.warn(where + " refuses SSLv3 but accepts " + String.join(" and ", weak))
          .withCause("tls-weak-protocol");
    }
    // A server refuses a name it does not serve whatever the version offered: such a refusal
    // says nothing about the version.
    List<String> nameRefused =
        answers.stream()
            .filter(TlsProtocolsCheck::refusedTheName)
            .map(a -> a.offered().label)
            .toList();
    if (!nameRefused.isEmpty() && nameRefused.size() == answers.size()) {
      return CheckResult.skip(
          where
              + " refused the SNI name on every hello (alert unrecognized_name), so which versions"
              + " it accepts cannot be told; see tls.handshake");
    }
    List<String> refused =
        answers.stream()
            .filter(
                a ->
                    (a.verdict() == LegacyHello.Verdict.REJECTED && !refusedTheName(a))
                        || a.verdict() == LegacyHello.Verdict.LOWER_VERSION)
            .map(a -> a.offered().label)
            .toList();
    List<String> odd =
        answers.stream()
            .filter(a -> a.verdict() == LegacyHello.Verdict.OTHER_VERSION)
            .map(a -> a.offered().label)
            .toList();
    return CheckResult.pass(
        where
            + (refused.isEmpty() ? "" : " refuses " + String.join(", ", refused))
            + (odd.isEmpty()
                ? ""
                : (refused.isEmpty() ? "" : ";")
                    + " answers "
                    + String.join(", ", odd)
                    + " with another version instead of refusing (a broken"
                    + " peer, but no weak session)")
            + (nameRefused.isEmpty()
                ? ""
                : "; "
                    + String.join(", ", nameRefused)
                    + " not told: refused the SNI name (alert unrecognized_name)"));
  }

  private static boolean refusedTheName(LegacyHello.Answer a) {
    return a.verdict() == LegacyHello.Verdict.REJECTED && a.detail().contains("unrecognized_name");
  }
}
