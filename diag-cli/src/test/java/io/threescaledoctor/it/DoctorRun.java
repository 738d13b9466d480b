package io.threescaledoctor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** One run of the doctor through the CLI's own entry point, with what it printed. */
record DoctorRun(int exitCode, String stdout, String stderr) {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static DoctorRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err)) {
      code = Main.execute(args, o, e, Map.of());
    }
    return new DoctorRun(code, out.toString(), err.toString());
  }

  /** Stdout as JSON; fails the test if it holds anything else (banners, progress). */
  JsonNode json() {
    try {
      return MAPPER.readTree(stdout);
    } catch (IOException e) {
      throw new AssertionError(
          "stdout is not pure JSON (" + e.getMessage() + "):\n" + stdout + "\nstderr:\n" + stderr,
          e);
    }
  }

  /** The verdict, in the form failures are easiest to read in. */
  String diagnosisLine() {
    JsonNode d = json().path("diagnosis");
    return d.path("status").asText()
        + " "
        + d.path("likelyFailurePoint").asText(null)
        + " "
        + d.path("cause").asText(null)
        + " exit "
        + exitCode;
  }

  /** One line per result (id, hop, status, cause, summary), for assertion messages. */
  String resultsTable() {
    StringBuilder s = new StringBuilder();
    for (JsonNode r : json().path("results")) {
      s.append(
          String.format(
              "  %-34s %-15s %-5s %-32s %s%n",
              r.path("id").asText(),
              r.path("hop").asText(),
              r.path("status").asText(),
              r.path("cause").asText("-"),
              r.path("summary").asText()));
    }
    return s.toString();
  }

  void assertNoSecret(List<String> secrets) {
    for (String secret : secrets) {
      assertThat(stdout).as("stdout leaks a secret").doesNotContain(secret);
      assertThat(stderr).as("stderr leaks a secret").doesNotContain(secret);
    }
  }
}
