package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A mistyped command or option is one line with a suggestion and exit 2, as in the shell. */
class TypoSuggestionTest {

  @Test
  void aMistypedCommandGetsTheClosestCommand() {
    CliRun run = CliRun.of("log", "error.log");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("3scale-doctor: unknown command 'log'; did you mean 'logs'?\n");
  }

  @Test
  void swappedLettersCountAsOneTypo() {
    assertThat(CliRun.of("rnu").err()).contains("did you mean 'run'?");
  }

  @Test
  void aMistypedOptionGetsTheClosestOptionOfThatCommand() {
    CliRun run = CliRun.of("run", "--formt", "json");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "3scale-doctor: unknown option '--formt' for '3scale-doctor run';"
                + " did you mean '--format'?\n");
  }

  @Test
  void aMistypedSubcommandIsNamedWithItsParent() {
    CliRun run = CliRun.of("remote", "lst");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("unknown command 'lst' for '3scale-doctor remote'; did you mean 'list'?");
  }

  @Test
  void withNothingCloseItPointsAtHelp() {
    CliRun run = CliRun.of("frobnicate");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .containsExactly(
            "3scale-doctor: unknown command 'frobnicate' (see '3scale-doctor --help')");
  }
}
