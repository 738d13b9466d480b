package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.engine.Checklist;
import io.threescaledoctor.core.engine.Engine;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.report.JsonReportRenderer;
import io.threescaledoctor.core.report.TextReportRenderer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/** Runs the checks of one installation through the engine, as the cluster and bundle verbs do. */
public final class ClusterRun {
  private ClusterRun() {}

  public static Diagnosis diagnose(Installation inst) {
    return diagnose(inst, Reachability.OFFLINE);
  }

  public static Diagnosis diagnose(Installation inst, Reachability reach) {
    Checklist checklist =
        Checklist.build(
            CheckRegistry.of(ClusterChecks.of(inst, Duration.ofHours(1), reach)), Profile.empty());
    return Engine.builder()
        .clock(Clock.fixed(FakeInstallation.NOW, ZoneOffset.UTC))
        .build()
        .run(checklist, Profile.empty());
  }

  public static CheckResult result(Diagnosis d, String id) {
    return d.result(id)
        .orElseThrow(() -> new AssertionError("no result " + id + " in " + d.results()));
  }

  /** Every rendering a person or a tool reads, for secret sweeps. */
  public static String allOutput(Diagnosis d) {
    try {
      StringWriter out = new StringWriter();
      new TextReportRenderer(false, true).render(d, out);
      new JsonReportRenderer().render(d, out);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
