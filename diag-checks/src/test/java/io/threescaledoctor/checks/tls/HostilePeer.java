package io.threescaledoctor.checks.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback peer that misbehaves on every connection: it accepts and never speaks, or answers with
 * fixed bytes (garbage instead of a ServerHello, or an SSLv3 ServerHello to any hello).
 */
public final class HostilePeer implements AutoCloseable {
  private final ServerSocket server;
  private final Thread thread;

  private HostilePeer(byte[] reply) throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
    thread = new Thread(() -> serve(reply), "hostile-peer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Accepts, reads, and never answers. */
  public static HostilePeer silent() throws IOException {
    return new HostilePeer(null);
  }

  /** Answers whatever it is sent with {@code reply}, then holds the connection open. */
  public static HostilePeer answering(byte[] reply) throws IOException {
    return new HostilePeer(reply);
  }

  /**
   * The smallest answer that means "SSLv3 accepted": a handshake record of version 0x0300 holding a
   * ServerHello of version 0x0300, as an old server that still speaks SSLv3 sends.
   */
  public static byte[] sslv3ServerHello() {
    return serverHello(0);
  }

  /** A ServerHello of version 3.{@code minor} (0 = SSLv3, 3 = TLS 1.2), whatever was offered. */
  public static byte[] serverHello(int minor) {
    byte[] hello = new byte[4 + 2 + 32 + 1 + 2 + 1];
    hello[0] = 2; // ServerHello
    hello[3] = (byte) (hello.length - 4);
    hello[4] = 3;
    hello[5] = (byte) minor; // server_version 3.minor
    hello[4 + 2 + 32] = 0; // empty session id
    hello[4 + 2 + 32 + 1] = 0x00;
    hello[4 + 2 + 32 + 2] = 0x0A; // TLS_RSA_WITH_3DES_EDE_CBC_SHA
    byte[] record = new byte[5 + hello.length];
    record[0] = 22;
    record[1] = 3;
    record[2] = (byte) minor;
    record[3] = (byte) (hello.length >> 8);
    record[4] = (byte) hello.length;
    System.arraycopy(hello, 0, record, 5, hello.length);
    return record;
  }

  public int port() {
    return server.getLocalPort();
  }

  private void serve(byte[] reply) {
    while (!server.isClosed()) {
      try {
        Socket c = server.accept();
        Thread t =
            new Thread(
                () -> {
                  try (c;
                      InputStream in = c.getInputStream();
                      OutputStream out = c.getOutputStream()) {
                    byte[] buf = new byte[4096];
                    if (in.read(buf) > 0 && reply != null) {
                      out.write(reply);
                      out.flush();
                    }
                    while (in.read(buf) != -1) {
                      // holds the connection until the client gives up
                    }
                  } catch (IOException ignored) {
                    // the client went away
                  }
                });
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
