package io.threescaledoctor.cli.serve;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * POSIX signals for {@code serve}: SIGHUP reloads the profiles, SIGTERM and SIGINT stop gracefully
 * (so {@code serve} exits 0 after a clean stop, as Prometheus does). Java has no supported API for
 * signals; {@code sun.misc.Signal} (module jdk.unsupported) is the one every JVM server uses for
 * this. Closing restores the handlers that were there before.
 */
final class Signals implements AutoCloseable {
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  /** Calls {@code onHangup} on SIGHUP and {@code onStop} with the signal's name on TERM and INT. */
  static Signals install(Runnable onHangup, java.util.function.Consumer<String> onStop) {
    Signals s = new Signals();
    s.handle("HUP", sig -> onHangup.run());
    s.handle("TERM", sig -> onStop.accept("SIGTERM"));
    s.handle("INT", sig -> onStop.accept("SIGINT"));
    return s;
  }

  private void handle(String name, SignalHandler handler) {
    try {
      Signal signal = new Signal(name);
      previous.add(Signal.handle(signal, handler));
      signals.add(signal);
    } catch (IllegalArgumentException e) {
      // This platform has no such signal (or the JVM reserves it): go on without it.
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
