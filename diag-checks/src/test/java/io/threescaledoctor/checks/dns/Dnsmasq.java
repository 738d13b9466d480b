package io.threescaledoctor.checks.dns;

import io.threescaledoctor.core.testing.ExternalProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real dnsmasq on 127.0.0.1 and a free high port, configured only by the options the test gives
 * ({@code --host-record=...}, {@code --cname=...}); it reads no system file, forwards nothing
 * (names under {@code .test} it does not know are NXDOMAIN) and is stopped by PID.
 */
public final class Dnsmasq implements AutoCloseable {
  private final ExternalProcess process;
  private final int port;

  private Dnsmasq(ExternalProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts dnsmasq on a port found free; a port taken by another process between the probe and
   * dnsmasq's bind (UDP or TCP) is retried on another.
   */
  public static Dnsmasq start(String... records) throws IOException, InterruptedException {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port;
      try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
        port = probe.getLocalPort();
      }
      try {
        return new Dnsmasq(
            ExternalProcess.start(
                command(port, records), line -> line.contains("started"), Duration.ofSeconds(3)),
            port);
      } catch (IllegalStateException e) {
        if (!String.valueOf(e.getMessage()).contains("Address already in use")) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  private static List<String> command(int port, String... records) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "/usr/sbin/dnsmasq",
                "--no-daemon",
                "--port=" + port,
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                "--no-resolv",
                "--no-hosts",
                "--conf-file=/dev/null",
                "--pid-file=",
                "--user=root",
                "--local=/test/",
                "--cache-size=0"));
    cmd.addAll(List.of(records));
    return cmd;
  }

  public int port() {
    return port;
  }

  public String resolver() {
    return "127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  /** What {@code dig @127.0.0.1 -p PORT NAME TYPE +noall +answer} prints, one record a line. */
  public List<String> dig(String name, String type) throws IOException, InterruptedException {
    Process d =
        new ProcessBuilder(
                "dig",
                "@127.0.0.1",
                "-p",
                String.valueOf(port),
                name,
                type,
                "+noall",
                "+answer",
                "+time=2",
                "+tries=1")
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(d.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          lines.add(line.trim().replaceAll("\\s+", " "));
        }
      }
    }
    d.waitFor(5, TimeUnit.SECONDS);
    return lines;
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
