package io.threescaledoctor.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo's world on the loopback address: the fake API, the fake 3scale backend and the gateway
 * stand-in, started with one fault injected, and the profile that describes them written to a
 * temporary directory. Closing stops every server and deletes the directory.
 */
public final class DemoWorld implements AutoCloseable {
  /** The service the demo's 3scale knows. */
  public static final String SERVICE_ID = "2555417777777";

  /**
   * Identifiers, keys and time budgets of one world.
   *
   * @param upstreamConnectTimeout the gateway's proxy_connect_timeout
   * @param upstreamReadTimeout the gateway's proxy_read_timeout
   * @param apiSlowness how long the API takes under {@link DemoFault#API_SLOW}
   */
  public record Settings(
      String serviceId,
      String serviceToken,
      String userKey,
      Duration upstreamConnectTimeout,
      Duration upstreamReadTimeout,
      Duration apiSlowness) {

    /** Fresh random keys and the budgets the demo uses. */
    public static Settings fresh() {
      SecureRandom random = new SecureRandom();
      return new Settings(
          SERVICE_ID,
          hex(random, 16),
          hex(random, 16),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(4));
    }

    private static String hex(SecureRandom random, int bytes) {
      byte[] b = new byte[bytes];
      random.nextBytes(b);
      return HexFormat.of().formatHex(b);
    }
  }

  private final DemoFault fault;
  private final Path dir;
  private final List<Servers.Running> running = new ArrayList<>();
  private final URI apiUrl;
  private final URI backendUrl;
  private final URI gatewayUrl;
  private final URI managementUrl;
  private final Path errorLog;
  private final Path profile;

  private DemoWorld(DemoFault fault, Settings settings, Clock clock) throws IOException {
    this.fault = fault;
    this.dir = Files.createTempDirectory("3scale-doctor-demo-");
    try {
      apiUrl =
          fault == DemoFault.API_DOWN
              ? closed()
              : url(start("api", new FakeApi(fault, settings.apiSlowness())::handle));
      backendUrl =
          fault == DemoFault.BACKEND_DOWN
              ? closed()
              : url(
                  start(
                      "backend",
                      new FakeBackend(
                              fault,
                              settings.serviceId(),
                              settings.serviceToken(),
                              settings.userKey(),
                              clock)
                          ::handle));
      NginxErrorLog log = new NginxErrorLog(dir.resolve("error.log"), clock);
      errorLog = log.file();
      FakeGateway gateway = new FakeGateway(fault, settings, apiUrl, backendUrl, log);
      gatewayUrl =
          fault == DemoFault.GATEWAY_DOWN ? closed() : url(start("gateway", gateway::handle));
      managementUrl =
          fault == DemoFault.GATEWAY_DOWN
              ? closed()
              : url(start("management", gateway::handleManagement));
      String clientKey =
          fault == DemoFault.BAD_KEY
              ? "0000" + settings.userKey().substring(4)
              : settings.userKey();
      profile = dir.resolve("profile.yaml");
      Files.writeString(profile, profileYaml(settings, clientKey), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts a world with {@code fault} injected. */
  public static DemoWorld start(DemoFault fault, Settings settings, Clock clock)
      throws IOException {
    return new DemoWorld(fault, settings, clock);
  }

  private Servers.Running start(String name, com.sun.net.httpserver.HttpHandler handler)
      throws IOException {
    Servers.Running r = Servers.start(name, handler);
    running.add(r);
    return r;
  }

  private static URI url(Servers.Running r) {
    return URI.create("http://127.0.0.1:" + r.port());
  }

  private static URI closed() throws IOException {
    return URI.create("http://127.0.0.1:" + Servers.closedPort());
  }

  private String profileYaml(Settings settings, String clientKey) {
    return """
        # Written by '3scale-doctor demo --fault %s': %s.
        # Everything listens on the loopback address for as long as the demo runs.
        vantage: gateway                 # the doctor runs beside the gateway and reads its log
        gateway:
          url: %s
          errorLog: %s
          management: %s               # APIcast's management API (/status/ready)
        api:
          url: %s
        client:
          method: GET
          path: /hello
        threescale:
          backend: %s
          serviceId: "%s"
          serviceToken: %s
        credentials:
          userKey: %s
          in: query
        timeouts:
          connect: 1s
          read: 2500ms
          total: 20s
        """
        .formatted(
            fault.id(),
            fault.description(),
            gatewayUrl,
            errorLog,
            managementUrl,
            apiUrl,
            backendUrl,
            settings.serviceId(),
            settings.serviceToken(),
            clientKey);
  }

  public DemoFault fault() {
    return fault;
  }

  /** The profile describing this world, for {@code run --config}. */
  public Path profile() {
    return profile;
  }

  public URI apiUrl() {
    return apiUrl;
  }

  public URI backendUrl() {
    return backendUrl;
  }

  public URI gatewayUrl() {
    return gatewayUrl;
  }

  public Path errorLog() {
    return errorLog;
  }

  @Override
  public void close() {
    running.forEach(Servers.Running::close);
    running.clear();
    try (var files = Files.walk(dir)) {
      files
          .sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // A file left in the temporary directory is harmless.
                }
              });
    } catch (IOException e) {
      // As above.
    }
  }
}
