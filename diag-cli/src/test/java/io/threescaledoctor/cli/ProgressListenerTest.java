package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.engine.CheckRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {

  private record NamedCheck(String id, Hop hop) implements Check {
    public String description() {
      return id;
    }

    public CheckResult run(CheckContext context) {
      return CheckResult.pass("ran");
    }
  }

  @Test
  void showsDoneOfPlannedTheRunningCheckItsHopAndTheElapsedTime() {
    AtomicLong nanos = new AtomicLong();
    StringWriter err = new StringWriter();
    Check apiCheck = new NamedCheck("fake.api", Hop.API);
    Check backendCheck = new NamedCheck("fake.backend", Hop.THREESCALE);
    CheckRun api = new CheckRun("fake.api", apiCheck, Hop.API, Optional.empty());
    CheckRun backend = new CheckRun("fake.backend", backendCheck, Hop.THREESCALE, Optional.empty());
    try (ProgressListener progress = new ProgressListener(new PrintWriter(err), nanos::get)) {
      progress.runStarted(List.of(api, backend));
      progress.checkStarted(api);
      nanos.set(1_200_000_000L);
      assertThat(progress.line()).isEqualTo("[0/2]  api  fake.api  1.2s");
      progress.checkFinished(api, CheckResult.fail("broken"));
      progress.checkStarted(backend);
      assertThat(progress.line()).isEqualTo("[1/2] 1 failed  3scale  fake.backend  1.2s");
    }
    assertThat(err.toString()).endsWith("\r\u001b[2K");
  }
}
