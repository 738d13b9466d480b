import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * One cold measurement for bench/embed-startup.sh: in a fresh JVM, how long building the standard
 * Doctor takes (timed from main, so JVM start is excluded) and then its first run. Prints one line,
 * {@code MODE BUILD_MS RUN_MS STATUS}.
 *
 * <p>Modes: {@code empty} (no profile), {@code yaml} (the profile as YAML text); {@code builder}
 * (the profile built in code) is EmbedStartupBuilder, compiled only where {@code Profile.builder()}
 * exists, so the script can time an older revision with the same code. Anonymous classes instead
 * of lambdas, and the script compiles with inline string concatenation, so nothing here warms up
 * the JDK's bootstrap machinery before the clock starts.
 */
public final class EmbedStartup {
  private EmbedStartup() {}

  public static void main(String[] args) throws Exception {
    final String mode = args[0];
    final String yaml =
        "api: {url: 'http://127.0.0.1:"
            + args[1]
            + "'}\n"
            + "client: {path: /hello}\n"
            + "threescale: {backend: 'http://127.0.0.1:"
            + args[2]
            + "', serviceId: '42', serviceToken: bench-service-token}\n"
            + "credentials: {userKey: bench-user-key}\n"
            + "timeouts: {connect: 1s, read: 2s, total: 15s}\n";
    measure(
        mode,
        new Callable<Doctor>() {
          @Override
          public Doctor call() throws Exception {
            if (mode.equals("empty")) {
              return Doctor.builder().build();
            }
            return Doctor.builder().profileYaml(yaml).build();
          }
        });
  }

  /** Times {@code build}, then the first run of what it built, and prints the line. */
  static void measure(String mode, Callable<Doctor> build) throws Exception {
    long start = System.nanoTime();
    Doctor doctor = build.call();
    long built = System.nanoTime();
    Diagnosis d = doctor.run();
    long ran = System.nanoTime();
    System.out.println(
        String.format(
            Locale.ROOT,
            "%s %.1f %.1f %s",
            mode,
            (built - start) / 1e6,
            (ran - built) / 1e6,
            d.status()));
  }
}
