package io.threescaledoctor.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The custom check this module registers in META-INF/services shows up in the command line with no
 * other change: listed by {@code checks}, run by {@code run}, and the same inside the shell.
 */
class CustomCheckInCliTest {

  private static String[] execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.execute(
            args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of("NO_COLOR", "1"));
    return new String[] {String.valueOf(exit), out.toString(), err.toString()};
  }

  @Test
  void checksListsTheRegisteredCustomCheckUnderItsHop() {
    String[] r = execute("checks");
    assertThat(r[0]).isEqualTo("0");
    String out = r[1];
    assertThat(out).contains("sample.api-health");
    assertThat(out.indexOf("sample.api-health")).isGreaterThan(out.indexOf("\napi "));
  }

  @Test
  void runRunsTheCustomCheck() throws Exception {
    try (FakeApi api = new FakeApi()) {
      String[] r = execute("run", "--api", api.url(), "--only", "sample.api-health");
      assertThat(r[2]).isEmpty();
      assertThat(r[1]).contains("ok   sample.api-health").contains("/health answered 200");
      assertThat(r[0]).isEqualTo("0");
    }
  }

  @Test
  void aFailingCustomCheckDecidesTheDiagnosisLikeAnyOther() throws Exception {
    try (FakeApi api = new FakeApi()) {
      api.healthAnswers(500);
      String[] r = execute("run", "--api", api.url(), "--only", "sample.api-health", "--quiet");
      assertThat(r[1].strip()).startsWith("FAILING at api (api-error-status)");
      assertThat(r[0]).isEqualTo("1");
    }
  }

  @Test
  void theShellListsAndRunsTheCustomCheck() throws Exception {
    InputStream stdin = System.in;
    try (FakeApi api = new FakeApi()) {
      System.setIn(
          new ByteArrayInputStream(
              "checks\nrun --only sample.api-health\n".getBytes(StandardCharsets.UTF_8)));
      String[] r = execute("shell", "--api", api.url());
      assertThat(r[1] + r[2]).contains("sample.api-health").contains("/health answered 200");
    } finally {
      System.setIn(stdin);
    }
  }
}
