package com.example.sessions;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Dependency;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.check.Setting;
import io.threescaledoctor.core.profile.ExtensionSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.SocketFactory;

/**
 * The application's session store, a Redis, answers PING (after AUTH when a password is set). It is
 * a dependency of the application, not a hop of the 3scale chain: the doctor shows it beside the
 * API and never blames the API for it.
 *
 * <p>Configured in the profile:
 *
 * <pre>
 * extensions:
 *   myapp.redis:
 *     url: redis://10.0.0.7:6379     # required
 *     password: ${REDIS_PASSWORD}    # optional, masked everywhere
 *     timeout: 2s                    # optional, instead of timeouts.read
 * </pre>
 */
public final class RedisPingCheck implements Check {
  static final String EXTENSION = "myapp.redis";
  static final Setting URL =
      Setting.url(EXTENSION, "url", "where the session store listens, redis://HOST:PORT")
          .asRequired();
  static final Setting PASSWORD = Setting.secret(EXTENSION, "password", "its AUTH password");
  static final Setting TIMEOUT =
      Setting.duration(EXTENSION, "timeout", "how long to wait for a reply (timeouts.read)");

  private final SocketFactory sockets;

  /** As ServiceLoader makes it, for the command line: plain sockets. */
  public RedisPingCheck() {
    this(SocketFactory.getDefault());
  }

  /** With the application's own sockets (TLS to the store, say); give it to Doctor.addCheck. */
  public RedisPingCheck(SocketFactory sockets) {
    this.sockets = sockets;
  }

  @Override
  public String id() {
    return "myapp.redis-ping";
  }

  @Override
  public Hop hop() {
    return Hop.API;
  }

  @Override
  public String description() {
    return "The session store (Redis) answers PING";
  }

  @Override
  public List<Setting> settings() {
    return List.of(URL, PASSWORD, TIMEOUT);
  }

  @Override
  public Optional<Dependency> dependency() {
    return Optional.of(Dependency.of("session-store", "Redis that holds the sessions"));
  }

  @Override
  public Set<String> causes() {
    return Set.of(
        "session-store-unreachable", "session-store-auth-failed", "session-store-timeout");
  }

  @Override
  public CheckResult run(CheckContext context) throws IOException {
    ExtensionSettings settings = context.settings(EXTENSION);
    URI url = settings.url("url").orElseThrow();
    int port = url.getPort() < 0 ? 6379 : url.getPort();
    Optional<Secret> password = settings.secret("password");
    Duration read = settings.duration("timeout").orElse(context.timeouts().read());
    String address = url.getHost() + ":" + port;
    String reproduce =
        "redis-cli -h "
            + url.getHost()
            + " -p "
            + port
            + password.map(p -> " -a " + p.masked()).orElse("")
            + " ping";
    long start = System.nanoTime();
    try (Socket socket = sockets.createSocket()) {
      socket.connect(
          new InetSocketAddress(url.getHost(), port), context.timeouts().connectMillis());
      long connectMillis = (System.nanoTime() - start) / 1_000_000;
      socket.setSoTimeout((int) read.toMillis());
      OutputStream out = socket.getOutputStream();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      if (password.isPresent()) {
        String auth = command(out, in, "AUTH", password.get().reveal());
        if (!auth.equals("+OK")) {
          return CheckResult.fail(address + " refused the password: " + auth)
              .withCause("session-store-auth-failed")
              .withEvidence("address", address)
              .withEvidence("reply", auth)
              .withReproduce(reproduce);
        }
      }
      String reply = command(out, in, "PING");
      CheckResult r =
          reply.equals("+PONG")
              ? CheckResult.pass(address + " answered PONG")
              : CheckResult.fail(address + " answered " + reply + " instead of PONG")
                  .withCause(
                      reply.startsWith("-NOAUTH")
                          ? "session-store-auth-failed"
                          : "session-store-unreachable");
      return r.withEvidence("address", address)
          .withEvidence("reply", reply)
          .withEvidence("connectMillis", connectMillis)
          .withEvidence("totalMillis", (System.nanoTime() - start) / 1_000_000)
          .withReproduce(reproduce);
    } catch (ConnectException e) {
      return CheckResult.fail(address + " refused the connection (nothing listening)")
          .withCause("session-store-unreachable")
          .withEvidence("address", address)
          .withReproduce(reproduce);
    } catch (SocketTimeoutException e) {
      return CheckResult.fail(address + " did not answer within " + read.toMillis() + " ms")
          .withCause("session-store-timeout")
          .withEvidence("address", address)
          .withReproduce(reproduce);
    }
  }

  /** Sends one command in RESP and reads the first line of the reply. */
  private static String command(OutputStream out, BufferedReader in, String... words)
      throws IOException {
    StringBuilder sb = new StringBuilder("*").append(words.length).append("\r\n");
    for (String w : words) {
      byte[] bytes = w.getBytes(StandardCharsets.UTF_8);
      sb.append('$').append(bytes.length).append("\r\n").append(w).append("\r\n");
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    String line = in.readLine();
    return line == null ? "(connection closed)" : line;
  }
}
