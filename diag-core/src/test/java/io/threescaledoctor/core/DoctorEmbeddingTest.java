package io.threescaledoctor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Dependency;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Setting;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.DiagnosisStatus;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.report.JsonReportRenderer;
import io.threescaledoctor.core.report.TextReportRenderer;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an application embedding the doctor relies on beyond a plain run. */
class DoctorEmbeddingTest {
  private static final String SENTINEL_PASSWORD = "SENTINEL-store-pass-9f3e";

  /**
   * A configurable check of an application's own on a dependency of its own: reads its extension
   * settings, reports on "session-store" beside the api hop, and names a cause of its own catalog.
   */
  public static class SessionStoreCheck implements Check {
    static final Setting URL = Setting.url("myapp.store", "url", "the store").asRequired();
    static final Setting PASSWORD = Setting.secret("myapp.store", "password", "its password");
    private final String verdict;

    /** As ServiceLoader makes it: finds the store up. */
    public SessionStoreCheck() {
      this("up");
    }

    SessionStoreCheck(String verdict) {
      this.verdict = verdict;
    }

    @Override
    public String id() {
      return "myapp.store-ping";
    }

    @Override
    public Hop hop() {
      return Hop.API;
    }

    @Override
    public String description() {
      return "the session store answers";
    }

    @Override
    public List<Setting> settings() {
      return List.of(URL, PASSWORD);
    }

    @Override
    public Optional<Dependency> dependency() {
      return Optional.of(Dependency.of("session-store", "the store that holds sessions"));
    }

    @Override
    public CheckResult run(CheckContext context) {
      String url = context.settings("myapp.store").url("url").orElseThrow().toString();
      String password = context.settings("myapp.store").secret("password").orElseThrow().reveal();
      CheckResult r =
          verdict.equals("up")
              ? CheckResult.pass(url + " answered")
              : CheckResult.fail(url + " refused the connection").withCause(verdict);
      return r.withEvidence("auth", "AUTH " + password);
    }
  }

  private static class ApiCheck implements Check {
    private final Status status;

    ApiCheck(Status status) {
      this.status = status;
    }

    @Override
    public String id() {
      return "fake.api";
    }

    @Override
    public Hop hop() {
      return Hop.API;
    }

    @Override
    public String description() {
      return "the api answers";
    }

    @Override
    public CheckResult run(CheckContext context) {
      return CheckResult.of(status, "api answered")
          .withCause(status == Status.FAIL ? "api-unreachable" : null);
    }
  }

  private static final String STORE_YAML =
      "extensions: {myapp.store: {url: 'redis://127.0.0.1:6390', password: "
          + SENTINEL_PASSWORD
          + "}}\n";

  private static Doctor.Builder withStore(Check store, Check api) {
    return Doctor.builder()
        .useRegisteredChecks(false)
        .addCheck(api)
        .addCheck(store)
        .profileYaml(STORE_YAML);
  }

  @Test
  void aProfileObjectTakesOverridesAndTheDeadline() throws Exception {
    Profile p = Profile.builder().gatewayUrl("https://api.example.com").build();

    Doctor doctor =
        Doctor.builder()
            .useRegisteredChecks(false)
            .addCheck(new ApiCheck(Status.PASS))
            .profile(p)
            .set("timeouts.read", "10s")
            .set("credentials.userKey", "uk-0123456789abcdef")
            .deadline(Duration.ofSeconds(7))
            .build();

    assertThat(doctor.profile().gateway().url()).isEqualTo("https://api.example.com");
    assertThat(doctor.profile().timeouts().read()).isEqualTo(Duration.ofSeconds(10));
    assertThat(doctor.profile().timeouts().total()).isEqualTo(Duration.ofSeconds(7));
    assertThat(doctor.profile().credentials().userKey().reveal()).isEqualTo("uk-0123456789abcdef");
  }

  @Test
  void aProfileObjectMadeWithoutTheBuilderIsValidatedToo() throws Exception {
    Profile bad = withGatewayUrl("not a url");

    assertThatThrownBy(() -> Doctor.builder().useRegisteredChecks(false).profile(bad).build())
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("gateway.url: 'not a url'");
    assertThatThrownBy(
            () ->
                Doctor.builder()
                    .useRegisteredChecks(false)
                    .profile(Profile.empty())
                    .set("api.url", "ftp://x")
                    .build())
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("api.url: 'ftp://x' is not an http:// or https:// URL");
  }

  @Test
  void anInstanceGivenToAddCheckReplacesTheRegisteredOneOfTheSameId(@TempDir Path dir)
      throws Exception {
    ClassLoader loader =
        loaderWith(
            dir,
            "META-INF/services/io.threescaledoctor.core.check.Check",
            SessionStoreCheck.class.getName() + "\n");
    Diagnosis d =
        Doctor.builder()
            .classLoader(loader)
            .profileYaml(STORE_YAML)
            .addCheck(new SessionStoreCheck("api-unreachable"))
            .only("myapp.store-ping")
            .build()
            .run();

    assertThat(d.results()).hasSize(1);
    assertThat(d.results().get(0).status()).isEqualTo(Status.FAIL);
  }

  @Test
  void aCheckIdThatBreaksTheRuleIsRejected() {
    Check odd =
        new ApiCheck(Status.PASS) {
          @Override
          public String id() {
            return "MyCheck";
          }
        };
    assertThatThrownBy(() -> Doctor.builder().useRegisteredChecks(false).addCheck(odd).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("check id 'MyCheck'")
        .hasMessageContaining("breaks the id rule");
  }

  @Test
  void aDeclaredCauseMustBeInACatalogTheExtensionMayShip(@TempDir Path dir) throws Exception {
    Check declaring =
        new SessionStoreCheck("store-unreachable") {
          @Override
          public Set<String> causes() {
            return Set.of("store-unreachable");
          }
        };
    assertThatThrownBy(
            () -> Doctor.builder().useRegisteredChecks(false).addCheck(declaring).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cause 'store-unreachable', which no known-issue catalog defines");

    ClassLoader loader =
        loaderWith(
            dir,
            KnownIssueCatalog.RESOURCE,
            """
            - id: store-unreachable
              hop: api
              title: "The session store refuses connections"
              explanation: "Nothing listens where the store should."
              remedy: "Start the store."
              reference: "4.3.1"
            """);
    Diagnosis d =
        Doctor.builder()
            .useRegisteredChecks(false)
            .classLoader(loader)
            .profileYaml(STORE_YAML)
            .addCheck(declaring)
            .build()
            .run();
    CheckResult r = d.results().get(0);
    assertThat(r.cause()).contains("store-unreachable");
    assertThat(r.remedy()).contains("Start the store.");
  }

  @Test
  void aCauseNoCatalogDefinesMovesToEvidenceInsteadOfPassingSilently() throws Exception {
    Diagnosis d =
        withStore(new SessionStoreCheck("store-exploded"), new ApiCheck(Status.PASS)).build().run();

    CheckResult r = d.result("myapp.store-ping").orElseThrow();
    assertThat(r.cause()).isEmpty();
    assertThat(r.evidence().get("undefinedCause"))
        .startsWith("store-exploded (no known-issue catalog defines it")
        .contains(SessionStoreCheck.class.getName());
  }

  @Test
  void settingsNoCheckDeclaresAreAProfileException() {
    assertThatThrownBy(
            () ->
                withStore(new SessionStoreCheck(), new ApiCheck(Status.PASS))
                    .set("extensions.myapp.store.passwd", "x")
                    .build())
        .isInstanceOf(ProfileException.class)
        .hasMessageContaining("extensions.myapp.store.passwd: unknown setting");
  }

  @Test
  void aCheckIsSkippedNamingTheRequiredSettingItLacks() throws Exception {
    Diagnosis d =
        Doctor.builder().useRegisteredChecks(false).addCheck(new SessionStoreCheck()).build().run();

    CheckResult r = d.result("myapp.store-ping").orElseThrow();
    assertThat(r.status()).isEqualTo(Status.SKIP);
    assertThat(r.evidence()).containsEntry("missingInput", "extensions.myapp.store.url");
  }

  @Test
  void aSecretSettingIsMaskedInResultsAndReports() throws Exception {
    Doctor doctor = withStore(new SessionStoreCheck(), new ApiCheck(Status.PASS)).build();
    Diagnosis d = doctor.run();

    assertThat(d.result("myapp.store-ping").orElseThrow().evidence().get("auth"))
        .isEqualTo("AUTH ****9f3e");
    assertThat(new JsonReportRenderer().render(d)).doesNotContain(SENTINEL_PASSWORD);
    assertThat(doctor.profile().secrets()).extracting(s -> s.reveal()).contains(SENTINEL_PASSWORD);
  }

  @Test
  void aFailingDependencyFailsTheRunButNeverTheApiHop() throws Exception {
    Diagnosis d =
        withStore(new SessionStoreCheck("api-unreachable"), new ApiCheck(Status.PASS))
            .build()
            .run();

    assertThat(d.status()).isEqualTo(DiagnosisStatus.FAILING);
    assertThat(d.likelyFailurePoint()).isNull();
    assertThat(d.hop(Hop.API).orElseThrow().status()).isEqualTo(Status.PASS);
    assertThat(d.dependencies())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.dependency().id()).isEqualTo("session-store");
              assertThat(r.status()).isEqualTo(Status.FAIL);
              assertThat(r.beside()).isEqualTo(Hop.API);
            });
    assertThat(d.explanation()).contains("application dependency session-store");
    String text = new TextReportRenderer(false, false).render(d);
    assertThat(text)
        .contains("api ....> session-store[FAIL]  <- failing dependency")
        .contains("FAILING - failing application dependency: session-store")
        .doesNotContain("likely failure point: api");
  }

  @Test
  void aFailingHopStaysTheFailurePointWithTheDependencyAmongTheNextSteps() throws Exception {
    Diagnosis d =
        withStore(new SessionStoreCheck("api-unreachable"), new ApiCheck(Status.FAIL))
            .build()
            .run();

    assertThat(d.likelyFailurePoint()).isEqualTo(Hop.API);
    assertThat(d.cause()).isEqualTo("api-unreachable");
    assertThat(d.nextSteps()).anyMatch(s -> s.startsWith("Application dependency session-store"));
  }

  /** A profile whose gateway.url is {@code url}, made with the records' own constructors. */
  private static Profile withGatewayUrl(String url) throws ReflectiveOperationException {
    RecordComponent[] sections = Profile.class.getRecordComponents();
    Object[] args = new Object[sections.length];
    for (int i = 0; i < sections.length; i++) {
      if (sections[i].getName().equals("gateway")) {
        RecordComponent[] fields = Profile.Gateway.class.getRecordComponents();
        Object[] values = new Object[fields.length];
        values[0] = url;
        args[i] = canonical(Profile.Gateway.class).newInstance(values);
      }
    }
    return (Profile) canonical(Profile.class).newInstance(args);
  }

  private static java.lang.reflect.Constructor<?> canonical(Class<?> record)
      throws NoSuchMethodException {
    RecordComponent[] c = record.getRecordComponents();
    Class<?>[] types = new Class<?>[c.length];
    for (int i = 0; i < c.length; i++) {
      types[i] = c[i].getType();
    }
    return record.getDeclaredConstructor(types);
  }

  private static ClassLoader loaderWith(Path dir, String resource, String content)
      throws IOException {
    Path file = dir.resolve(resource);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return new URLClassLoader(
        new URL[] {dir.toUri().toURL()}, DoctorEmbeddingTest.class.getClassLoader());
  }
}
