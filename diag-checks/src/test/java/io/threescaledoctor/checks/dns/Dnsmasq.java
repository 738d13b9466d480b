package io.threescaledoctor.checks.dns;

import io.threescaledoctor.core.testing.Component;
import io.threescaledoctor.core.testing.ExternalProcess;
import io.threescaledoctor.core.testing.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
   * Starts dnsmasq on a port free for both UDP and TCP (it serves both), again on another when the
   * port was taken before dnsmasq bound it ({@link FreePorts}); skips the test without dnsmasq
   * ({@link Component}).
   */
  public static Dnsmasq start(String... records) throws Exception {
    Path binary = Component.DNSMASQ.require();
    return FreePorts.udpAndTcp(
        port -> {
          List<String> cmd =
              new ArrayList<>(
                  List.of(
                      binary.toString(),
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
          ExternalProcess p =
              ExternalProcess.start(cmd, line -> line.contains("started"), Duration.ofSeconds(3));
          return new Dnsmasq(p, port);
        });
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
                Component.DIG.require().toString(),
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
