package io.threescaledoctor.cli.shell;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Set;

/**
 * A test-only check, handed to the shell's session registry (never registered through
 * ServiceLoader, so other tests never see it): opens a TCP connection to the endpoint and says
 * where it connected, so a test can see which URL a run used.
 */
final class ProbeConnectCheck implements Check {
  @Override
  public String id() {
    return "probe.connect";
  }

  @Override
  public Hop hop() {
    return Hop.CLIENT_GATEWAY;
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.API, Endpoint.GATEWAY);
  }

  @Override
  public String description() {
    return "Test probe: a TCP connection to the endpoint opens";
  }

  @Override
  public CheckResult run(CheckContext context) {
    URI target = context.target();
    String address = target.getHost() + ":" + target.getPort();
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(target.getHost(), target.getPort()),
          context.timeouts().connectMillis());
      return CheckResult.pass("connected to " + address).withEvidence("address", address);
    } catch (IOException e) {
      return CheckResult.fail("could not connect to " + address + ": " + e.getMessage())
          .withEvidence("address", address)
          .withCause("api-unreachable");
    }
  }
}
