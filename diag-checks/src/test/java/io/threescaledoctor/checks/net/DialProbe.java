package io.threescaledoctor.checks.net;

import io.threescaledoctor.core.check.CheckContext;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Dials one address and prints the outcome and its words: {@link ClassifierTest} runs it inside a
 * network namespace of its own, where routes can drop or refuse what the test's host must not.
 */
public final class DialProbe {
  private DialProbe() {}

  /** Arguments: address, port, connect timeout in milliseconds. */
  public static void main(String[] args) {
    CheckContext.Timeouts t =
        new CheckContext.Timeouts(
            Duration.ofMillis(Long.parseLong(args[2])), Duration.ofMillis(Long.parseLong(args[2])));
    try (Dial d =
        new Dialer(t, null).connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])))) {
      System.out.println(d.outcome() + " " + d.detail());
    }
  }
}
