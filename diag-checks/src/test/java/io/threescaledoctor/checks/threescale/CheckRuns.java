package io.threescaledoctor.checks.threescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.engine.Checklist;
import io.threescaledoctor.core.engine.Engine;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.profile.ProfileLoader;
import io.threescaledoctor.core.report.JsonReportRenderer;
import io.threescaledoctor.core.report.TextReportRenderer;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Runs checks the way {@code 3scale-doctor run} does (engine, redaction, catalog) against a profile
 * made of {@code key=value} pairs, and reads back what a test asserts on.
 */
public final class CheckRuns {
  /** Sentinel secrets: no output may contain them. */
  public static final String SERVICE_TOKEN = "SENTINEL-SERVICE-TOKEN-0001";

  public static final String PROVIDER_KEY = "SENTINEL-PROVIDER-KEY-0001";
  public static final String USER_KEY = "SENTINEL-USER-KEY-0001";
  public static final String APP_KEY = "SENTINEL-APP-KEY-0001";
  public static final String ACCESS_TOKEN = "SENTINEL-ACCESS-TOKEN-0001";
  public static final String ADMIN_TOKEN = "SENTINEL-ADMIN-TOKEN-0001";
  public static final List<String> SENTINELS =
      List.of(
          SERVICE_TOKEN,
          PROVIDER_KEY,
          USER_KEY,
          APP_KEY,
          ACCESS_TOKEN,
          ADMIN_TOKEN,
          "SENTINEL-OTHER-APP-KEY-0001");

  private CheckRuns() {}

  public static Profile profile(String... keyValues) {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("timeouts.connect", "1s");
    overrides.put("timeouts.read", "2s");
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      overrides.put(keyValues[i], keyValues[i + 1]);
    }
    try {
      return new ProfileLoader(name -> null).fromOverrides(overrides);
    } catch (ProfileException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static Diagnosis run(Profile profile, Check... checks) {
    Checklist checklist = Checklist.build(CheckRegistry.of(List.of(checks)), profile);
    Diagnosis d = Engine.builder().build().run(checklist, profile);
    assertNoSecret(d);
    return d;
  }

  /** The one result of a run, by full id (e.g. {@code backend.threescale.authorize}). */
  public static CheckResult result(Diagnosis d, String id) {
    return d.result(id)
        .orElseThrow(() -> new AssertionError("no result " + id + " in " + d.results()));
  }

  /** Fails when any rendering of the diagnosis shows a sentinel secret. */
  public static void assertNoSecret(Diagnosis d) {
    StringWriter text = new StringWriter();
    StringWriter json = new StringWriter();
    try {
      new TextReportRenderer(false, true).render(d, text);
      new JsonReportRenderer().render(d, json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    StringBuilder all = new StringBuilder(text.toString()).append(json);
    for (CheckResult r : d.results()) {
      all.append(r.summary())
          .append(r.evidence())
          .append(r.reproduce().orElse(""))
          .append(r.remedy().orElse(""));
    }
    for (String secret : SENTINELS) {
      assertThat(all.toString()).as("output shows secret %s", secret).doesNotContain(secret);
    }
  }

  /** Every request the server recorded, asserting each came within a second. */
  public static List<RecordedRequest> requests(MockWebServer server) throws InterruptedException {
    List<RecordedRequest> all = new java.util.ArrayList<>();
    int n = server.getRequestCount();
    for (int i = 0; i < n; i++) {
      all.add(server.takeRequest(1, TimeUnit.SECONDS));
    }
    return all;
  }
}
