package io.threescaledoctor.checks.tls;

import io.threescaledoctor.core.testing.Component;
import io.threescaledoctor.core.testing.ExternalProcess;
import io.threescaledoctor.core.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code openssl s_server} on 127.0.0.1 serving a certificate the test made, stopped by PID;
 * and {@code openssl s_client}, to ask what openssl itself thinks of the same peer.
 */
public final class OpenSslServer implements AutoCloseable {
  private static final Pattern VERIFY_CODE = Pattern.compile("Verify return code: (\\d+)");

  private final ExternalProcess process;
  private final int port;

  private OpenSslServer(ExternalProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Serves {@code cert} with {@code key}, sending {@code chain} (may be null) after it, on a free
   * port ({@link FreePorts}); skips the test without openssl ({@link Component}).
   */
  public static OpenSslServer start(Path cert, Path key, Path chain, String... extra)
      throws Exception {
    Path openssl = Component.OPENSSL.require();
    return FreePorts.tcp(
        port -> {
          List<String> cmd =
              new ArrayList<>(
                  List.of(
                      openssl.toString(),
                      "s_server",
                      "-accept",
                      "127.0.0.1:" + port,
                      "-cert",
                      cert.toString(),
                      "-key",
                      key.toString(),
                      "-www"));
          if (chain != null) {
            cmd.addAll(List.of("-cert_chain", chain.toString()));
          }
          cmd.addAll(List.of(extra));
          ExternalProcess p =
              ExternalProcess.start(cmd, line -> line.startsWith("ACCEPT"), Duration.ofSeconds(3));
          return new OpenSslServer(p, port);
        });
  }

  public int port() {
    return port;
  }

  /**
   * openssl's own verdict: the verify code of {@code s_client -verify_return_error -CAfile ca
   * -servername name -verify_hostname name} against this server (0 = ok, 10 = expired, 18 =
   * self-signed, 20 = unable to get local issuer certificate, 62 = hostname mismatch).
   */
  public int opensslVerifyCode(Path caFile, String name) throws IOException, InterruptedException {
    Process c =
        new ProcessBuilder(
                Component.OPENSSL.require().toString(),
                "s_client",
                "-connect",
                "127.0.0.1:" + port,
                "-verify_return_error",
                "-CAfile",
                caFile.toString(),
                "-servername",
                name,
                "-verify_hostname",
                name)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    c.waitFor(5, TimeUnit.SECONDS);
    Matcher m = VERIFY_CODE.matcher(out);
    if (!m.find()) {
      Matcher err = Pattern.compile("verify error:num=(\\d+)").matcher(out);
      if (err.find()) {
        return Integer.parseInt(err.group(1));
      }
      throw new IllegalStateException("no verify code in s_client output: " + out);
    }
    return Integer.parseInt(m.group(1));
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
