package io.threescaledoctor.checks.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port where a connection attempt times out: a listener with a backlog of one that never
 * accepts, whose queue is filled first. Linux then drops further SYNs, which is what a firewall
 * that silently drops packets looks like to a client.
 */
public final class FullBacklogPort implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> fillers = new ArrayList<>();

  public FullBacklogPort() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    for (int i = 0; i < 4; i++) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 200);
        fillers.add(s);
      } catch (IOException e) {
        s.close();
        return;
      }
    }
    throw new IllegalStateException("the backlog never filled; cannot simulate a dropped SYN");
  }

  public int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    for (Socket s : fillers) {
      s.close();
    }
    server.close();
  }
}
