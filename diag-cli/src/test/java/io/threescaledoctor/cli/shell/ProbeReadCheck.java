package io.threescaledoctor.cli.shell;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Set;

/**
 * A test-only check that connects to the gateway and waits for its first byte for the whole read
 * timeout: against a peer that accepts and never speaks it blocks, which is what Ctrl-C must cut.
 */
final class ProbeReadCheck implements Check {
  @Override
  public String id() {
    return "probe.read";
  }

  @Override
  public Hop hop() {
    return Hop.CLIENT_GATEWAY;
  }

  @Override
  public Set<Endpoint> endpoints() {
    return Set.of(Endpoint.GATEWAY);
  }

  @Override
  public String description() {
    return "Test probe: the endpoint sends a first byte";
  }

  @Override
  public CheckResult run(CheckContext context) throws IOException {
    URI target = context.target();
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(target.getHost(), target.getPort()),
          context.timeouts().connectMillis());
      s.setSoTimeout(context.timeouts().readMillis());
      int first = s.getInputStream().read();
      return CheckResult.pass("first byte " + first);
    } catch (SocketTimeoutException e) {
      return CheckResult.fail("no byte within timeouts.read");
    }
  }
}
