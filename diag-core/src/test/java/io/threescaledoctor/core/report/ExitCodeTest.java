package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnoser;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodeTest {
  private static int exitCodeOf(Status... statuses) {
    List<CheckResult> results =
        java.util.stream.IntStream.range(0, statuses.length)
            .mapToObj(i -> CheckResult.of(statuses[i], "seen").withId("c." + i).withHop(Hop.API))
            .toList();
    Diagnosis d =
        new Diagnoser(KnownIssueCatalog.standard())
            .diagnose(Instant.EPOCH, 1, Profile.Vantage.CLIENT, results);
    return ExitCode.of(d);
  }

  @Test
  void mapsEachVerdictToTheCodeOtherToolsRelyOn() {
    assertThat(exitCodeOf(Status.PASS)).isEqualTo(ExitCode.OK).isZero();
    assertThat(exitCodeOf(Status.PASS, Status.WARN)).isEqualTo(ExitCode.OK);
    assertThat(exitCodeOf(Status.PASS, Status.FAIL, Status.ERROR))
        .isEqualTo(ExitCode.FAILING)
        .isEqualTo(1);
    assertThat(exitCodeOf(Status.PASS, Status.ERROR)).isEqualTo(ExitCode.INCONCLUSIVE).isEqualTo(4);
    assertThat(exitCodeOf(Status.SKIP)).isEqualTo(ExitCode.INCONCLUSIVE);
    assertThat(ExitCode.BAD_INPUT).isEqualTo(2);
    assertThat(ExitCode.INTERNAL_ERROR).isEqualTo(3);
  }
}
