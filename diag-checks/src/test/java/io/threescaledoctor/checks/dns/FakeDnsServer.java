package io.threescaledoctor.checks.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * A UDP "DNS server" on 127.0.0.1 for what a real one will not do on demand: answer every question
 * with SERVFAIL, or read every question and never reply.
 */
public final class FakeDnsServer implements AutoCloseable {
  private final DatagramSocket socket;
  private final Thread thread;

  private FakeDnsServer(boolean silent) throws SocketException, IOException {
    socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
    thread = new Thread(() -> serve(silent), "fake-dns");
    thread.setDaemon(true);
    thread.start();
  }

  public static FakeDnsServer servfail() throws IOException {
    return new FakeDnsServer(false);
  }

  public static FakeDnsServer silent() throws IOException {
    return new FakeDnsServer(true);
  }

  public String resolver() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  private void serve(boolean silent) {
    byte[] buf = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        socket.receive(in);
        if (silent) {
          continue;
        }
        Message query = new Message(java.util.Arrays.copyOf(in.getData(), in.getLength()));
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RA);
        reply.getHeader().setRcode(Rcode.SERVFAIL);
        reply.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
        byte[] out = reply.toWire();
        socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
