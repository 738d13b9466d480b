package io.threescaledoctor.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real program the tests drive (nginx, dnsmasq, openssl s_server...), and the suite's one policy
 * for a test that cannot run without it: skipped, saying what to install, on a developer's machine;
 * failed where every component is required ({@code -D}{@value #REQUIRED}{@code =true}, which the
 * build sets when the environment variable {@code CI} is set, as {@code .ci/run} and CI services
 * do), so a green CI build never hides a test that did not run.
 *
 * @param name what the program is called in messages
 * @param debianPackage the package that installs it ({@code .ci/run} installs them all)
 * @param candidates where it may be, first found wins
 */
public record Component(String name, String debianPackage, List<Path> candidates) {
  /** The system property that turns a missing component from a skip into a failure. */
  public static final String REQUIRED = "threescale.doctor.requireComponents";

  public static final Component NGINX = of("nginx", "nginx", "/usr/sbin/nginx");
  public static final Component DNSMASQ = of("dnsmasq", "dnsmasq-base", "/usr/sbin/dnsmasq");
  public static final Component DIG = of("dig", "dnsutils", "/usr/bin/dig");
  public static final Component OPENSSL = of("openssl", "openssl", "/usr/bin/openssl");
  public static final Component GNUTLS_SERV =
      of("gnutls-serv", "gnutls-bin", "/usr/bin/gnutls-serv");
  public static final Component TESTSSL = of("testssl", "testssl.sh", "/usr/bin/testssl");
  public static final Component CHROMIUM =
      of("chromium", "chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
  public static final Component PROMETHEUS = of("prometheus", "prometheus", "/usr/bin/prometheus");
  public static final Component PROMTOOL = of("promtool", "prometheus", "/usr/bin/promtool");
  public static final Component MARIADB = of("mariadbd", "mariadb-server", "/usr/sbin/mariadbd");
  public static final Component POSTGRESQL_15 =
      of("PostgreSQL 15", "postgresql", "/usr/lib/postgresql/15/bin/postgres");
  public static final Component ZSH = of("zsh", "zsh", "/usr/bin/zsh");
  public static final Component GROFF = of("groff", "groff-base", "/usr/bin/groff");
  public static final Component REDIS = of("redis-server", "redis-server", "/usr/bin/redis-server");
  public static final Component IP = of("ip", "iproute2", "/usr/sbin/ip", "/sbin/ip", "/bin/ip");

  private static Component of(String name, String debianPackage, String... paths) {
    return new Component(name, debianPackage, Arrays.stream(paths).map(Path::of).toList());
  }

  /** The first of the candidates that is an executable file. */
  public Optional<Path> find() {
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  public boolean installed() {
    return find().isPresent();
  }

  /**
   * The program's path; when it is missing, skips the calling test (or fails it where components
   * are required) with the package to install.
   */
  public Path require() {
    Optional<Path> found = find();
    requireThat(
        found.isPresent(),
        name + " is not installed (apt-get install " + debianPackage + "; .ci/run installs it)");
    return found.orElseThrow();
  }

  /** Whether this run requires every component: {@value #REQUIRED} is true. */
  public static boolean allRequired() {
    return Boolean.parseBoolean(System.getProperty(REQUIRED, "false"));
  }

  /**
   * The policy for anything a test needs from the machine (a program, network namespaces): nothing
   * when {@code present}; otherwise the test is skipped, or failed when {@link #allRequired()},
   * with {@code missing} as the reason.
   */
  public static void requireThat(boolean present, String missing) {
    if (present) {
      return;
    }
    if (allRequired()) {
      Assertions.fail(missing + " (this run requires every component: -D" + REQUIRED + "=true)");
    }
    Assumptions.abort(missing);
  }
}
