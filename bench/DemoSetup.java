import io.threescaledoctor.cli.demo.DemoFault;
import io.threescaledoctor.cli.demo.DemoWorld;
import java.time.Clock;
import java.time.Duration;

/**
 * The benchmark's healthy setup (not a test): the demo's loopback world (gateway stand-in, API,
 * 3scale backend, APIcast management API) with upstream timeouts long enough that a loaded machine
 * does not turn a healthy gateway into a failing one. Prints "profile PATH" and serves until
 * killed.
 *
 * <p>Usage: java -cp 3scale-doctor.jar bench/DemoSetup.java
 */
public class DemoSetup {
  public static void main(String[] args) throws Exception {
    DemoWorld.Settings fresh = DemoWorld.Settings.fresh();
    DemoWorld world =
        DemoWorld.start(
            DemoFault.NONE,
            new DemoWorld.Settings(
                fresh.serviceId(),
                fresh.serviceToken(),
                fresh.userKey(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                fresh.apiSlowness()),
            Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(world::close));
    System.out.println("profile " + world.profile());
    Thread.currentThread().join();
  }
}
