package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The listing commands share one --format: text by default, json on request, nothing else. */
class TextOrJsonTest {
  private static final String[][] COMMANDS = {
    {"checks"}, {"explain", "409"}, {"nginx-conf", "/dev/null"}
  };

  @Test
  void rejectsAFormatOtherThanTextOrJsonAsBadInput() {
    for (String[] command : COMMANDS) {
      CliRun run = CliRun.of(with(command, "--format", "yaml"));

      assertThat(run.exit()).as(String.join(" ", command)).isEqualTo(2);
      assertThat(run.err()).contains("--format yaml: use text or json");
    }
  }

  @Test
  void writesJsonOnlyWhenAskedTo() throws Exception {
    for (String[] command : new String[][] {{"checks"}, {"explain", "409"}}) {
      CliRun text = CliRun.of(command);
      CliRun json = CliRun.of(with(command, "-f", "json"));

      assertThat(text.out()).doesNotStartWith("{").doesNotStartWith("[");
      assertThat(new ObjectMapper().readTree(json.out()).isContainerNode()).isTrue();
    }
  }

  private static String[] with(String[] command, String... more) {
    String[] all = new String[command.length + more.length];
    System.arraycopy(command, 0, all, 0, command.length);
    System.arraycopy(more, 0, all, command.length, more.length);
    return all;
  }
}
