package io.threescaledoctor.checks.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback listener that does one thing to every connection it accepts: close it at once, reset
 * it (SO_LINGER 0), or answer in plain HTTP whatever it is sent.
 */
final class ScriptedPeer implements AutoCloseable {
  enum Script {
    CLOSE,
    RESET,
    PLAIN_HTTP
  }

  private final ServerSocket server;
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  ScriptedPeer(Script script) throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
    Thread t = new Thread(() -> serve(script), "scripted-peer-" + script);
    t.setDaemon(true);
    t.start();
  }

  private void serve(Script script) {
    while (!server.isClosed()) {
      try {
        Socket c = server.accept();
        switch (script) {
          case CLOSE -> c.close();
          case RESET -> {
            // Wait for the client to speak, so the reset hits a connection in use.
            c.getInputStream().read(new byte[1]);
            c.setSoLinger(true, 0);
            c.close();
          }
          case PLAIN_HTTP -> {
            open.add(c);
            c.getInputStream().read(new byte[512]);
            OutputStream out = c.getOutputStream();
            out.write(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
        }
      } catch (IOException closedOrGone) {
        // the test asserts on what the client saw
      }
    }
  }

  int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
