package io.threescaledoctor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.DiagnosisStatus;
import io.threescaledoctor.core.engine.CheckRun;
import io.threescaledoctor.core.engine.EngineListener;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
  private static final String SENTINEL = "SENTINEL-user-key-55aa77";

  /** Passes when the profile names a gateway; says what it saw. */
  private static final class FakeGatewayNamedCheck implements Check {
    public String id() {
      return "fake.gateway";
    }

    public Hop hop() {
      return Hop.CLIENT_GATEWAY;
    }

    public String description() {
      return "the profile names a gateway";
    }

    public Optional<String> missingInput(Profile p) {
      return p.gateway().url() == null ? Optional.of("gateway.url") : Optional.empty();
    }

    public CheckResult run(CheckContext context) {
      return CheckResult.pass("gateway is " + context.profile().gateway().url())
          .withEvidence("userKey", context.profile().credentials().userKey().reveal());
    }
  }

  /** Fails, and depends on the gateway check. */
  private static final class FakeClientFailsCheck implements Check {
    public String id() {
      return "fake.client";
    }

    public Hop hop() {
      return Hop.CLIENT;
    }

    public String description() {
      return "always finds the client's call broken";
    }

    public List<String> dependsOn() {
      return List.of("fake.gateway");
    }

    public CheckResult run(CheckContext context) {
      return CheckResult.fail("the call answered 403").withCause("credentials-invalid");
    }
  }

  /** Waits far longer than any deadline the tests give, deaf to interrupts like a socket read. */
  private static final class FakeHangingCheck implements Check {
    public String id() {
      return "fake.hang";
    }

    public Hop hop() {
      return Hop.API;
    }

    public String description() {
      return "never answers";
    }

    public CheckResult run(CheckContext context) {
      long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < until) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          // A blocking read does not notice either; the engine's deadline must cope.
        }
      }
      return CheckResult.pass("woke up");
    }
  }

  private static final String YAML =
      """
      gateway:
        url: https://api.example.com
      credentials:
        userKey: ${USER_KEY}
      """;

  private static Doctor.Builder doctor() {
    return Doctor.builder()
        .useRegisteredChecks(false)
        .environment(Map.of("USER_KEY", SENTINEL))
        .profileYaml(YAML)
        .addCheck(new FakeGatewayNamedCheck())
        .addCheck(new FakeClientFailsCheck());
  }

  @Test
  void runsTheChecklistAndReturnsTheDiagnosis() throws Exception {
    Diagnosis d = doctor().build().run();
    assertThat(d.status()).isEqualTo(DiagnosisStatus.FAILING);
    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.CLIENT);
    assertThat(d.cause()).isEqualTo("credentials-invalid");
    assertThat(d.results())
        .extracting(CheckResult::id)
        .containsExactly("fake.gateway", "fake.client");
  }

  @Test
  void masksTheProfilesSecretsInEveryResult() throws Exception {
    Diagnosis d = doctor().build().run();
    assertThat(d.result("fake.gateway").orElseThrow().evidence().get("userKey"))
        .isEqualTo("****aa77");
  }

  @Test
  void runsOneCheckAloneWithItsPrerequisites() throws Exception {
    Doctor doctor = doctor().build();
    assertThat(doctor.run("fake.gateway").results())
        .extracting(CheckResult::id)
        .containsExactly("fake.gateway");
    CheckResult client = doctor.check("fake.client");
    assertThat(client.status()).isEqualTo(Status.FAIL);
    assertThat(doctor.run("fake.client").results()).hasSize(2);
  }

  @Test
  void aCheckWhoseInputIsMissingIsSkippedNamingTheKey() throws Exception {
    CheckResult r =
        doctor().profileYaml("api: {url: http://127.0.0.1:1}").build().check("fake.gateway");
    assertThat(r.status()).isEqualTo(Status.SKIP);
    assertThat(r.evidence()).containsEntry("missingInput", "gateway.url");
  }

  @Test
  void theDeadlineBoundsTheRun() throws Exception {
    long start = System.nanoTime();
    Diagnosis d =
        doctor().addCheck(new FakeHangingCheck()).deadline(Duration.ofMillis(300)).build().run();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    CheckResult hung = d.result("fake.hang").orElseThrow();
    assertThat(hung.status()).isEqualTo(Status.ERROR);
    assertThat(hung.summary()).contains("timeouts.total");
  }

  @Test
  void tellsTheListenerAboutEveryCheck() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    doctor()
        .listener(
            new EngineListener() {
              @Override
              public void checkFinished(CheckRun check, CheckResult result) {
                events.add(check.id() + " " + result.status());
              }
            })
        .build()
        .run();
    assertThat(events).containsExactlyInAnyOrder("fake.gateway PASS", "fake.client FAIL");
  }

  @Test
  void acceptsAProfileObjectAndAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("profile.yaml");
    Files.writeString(file, "gateway: {url: https://file.example.com}\n");
    Doctor fromFile = doctor().profilePath(file).build();
    assertThat(fromFile.profile().gateway().url()).isEqualTo("https://file.example.com");
    Doctor fromObject =
        doctor().profile(fromFile.profile()).deadline(Duration.ofSeconds(7)).build();
    assertThat(fromObject.profile().timeouts().total()).isEqualTo(Duration.ofSeconds(7));
    assertThat(fromObject.profile().gateway().url()).isEqualTo("https://file.example.com");
  }

  @Test
  void anInvalidProfileIsAProfileExceptionNamingTheKey() {
    assertThatThrownBy(() -> doctor().profileYaml("gateway: {urll: x}").build())
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("urll");
  }

  @Test
  void anUnknownCheckIdIsRejected() {
    assertThatThrownBy(() -> doctor().only("no.such.check").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no.such.check");
  }
}
