package io.threescaledoctor.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.cli.CliEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where {@code 3scale-doctor shell} keeps its history. */
class ShellCommandTest {
  @AfterEach
  void clearProperty() {
    System.clearProperty(ShellCommand.HISTORY_PROPERTY);
  }

  private static CliEnvironment env(Map<String, String> variables) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return new CliEnvironment(variables, sink, sink);
  }

  @Test
  void historyDefaultsToTheHomeDirectory() {
    assertThat(ShellCommand.historyFile(env(Map.of())))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".3scale-doctor", "history"));
  }

  @Test
  void historyMovesWithTheVariableAndThePropertyWins() {
    assertThat(ShellCommand.historyFile(env(Map.of(ShellCommand.HISTORY_VARIABLE, "/tmp/h1"))))
        .isEqualTo(Path.of("/tmp/h1"));
    System.setProperty(ShellCommand.HISTORY_PROPERTY, "/tmp/h2");
    assertThat(ShellCommand.historyFile(env(Map.of(ShellCommand.HISTORY_VARIABLE, "/tmp/h1"))))
        .isEqualTo(Path.of("/tmp/h2"));
  }

  @Test
  void anEmptySettingTurnsHistoryOff() {
    assertThat(ShellCommand.historyFile(env(Map.of(ShellCommand.HISTORY_VARIABLE, "")))).isNull();
  }
}
