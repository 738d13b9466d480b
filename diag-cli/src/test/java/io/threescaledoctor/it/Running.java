package io.threescaledoctor.it;

import io.threescaledoctor.core.testing.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * What a scenario started (nginx, fake backends and APIs, held ports), stopped in reverse order
 * when the test ends ({@code @AutoClose}); the first failure to stop is thrown after the others
 * were stopped.
 */
final class Running implements AutoCloseable {
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  <T extends AutoCloseable> T track(T resource) {
    started.push(resource);
    return resource;
  }

  /** The customer's API: answers every path with a small JSON body. */
  MockWebServer api() throws IOException {
    MockWebServer api = new MockWebServer();
    api.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"hello\":\"world\"}")
                .build();
          }
        });
    api.start(InetAddress.getLoopbackAddress(), 0);
    return track(api);
  }

  /**
   * {@code 127.0.0.1:PORT} of a port that refuses connections until the test ends: held bound
   * without listening, so no other process can start listening there meanwhile.
   */
  String refusedAddress() throws IOException {
    return track(FreePorts.refusing()).address();
  }

  static String hostPort(MockWebServer server) {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
