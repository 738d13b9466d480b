import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.profile.Profile;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The {@code builder} mode of bench/embed-startup.sh: the same profile as EmbedStartup's YAML,
 * built in code with {@code Profile.builder()}, so no YAML or data binding is involved.
 */
public final class EmbedStartupBuilder {
  private EmbedStartupBuilder() {}

  public static void main(String[] args) throws Exception {
    final String apiPort = args[1];
    final String backendPort = args[2];
    EmbedStartup.measure(
        "builder",
        new Callable<Doctor>() {
          @Override
          public Doctor call() throws Exception {
            Profile profile =
                Profile.builder()
                    .apiUrl("http://127.0.0.1:" + apiPort)
                    .clientPath("/hello")
                    .threescaleBackend("http://127.0.0.1:" + backendPort)
                    .threescaleServiceId("42")
                    .threescaleServiceToken("bench-service-token")
                    .credentialsUserKey("bench-user-key")
                    .timeoutsConnect(Duration.ofSeconds(1))
                    .timeoutsRead(Duration.ofSeconds(2))
                    .timeoutsTotal(Duration.ofSeconds(15))
                    .build();
            return Doctor.builder().profile(profile).build();
          }
        });
  }
}
