package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every message of APIcast's the project lists ({@code fixtures/logs/apicast-messages.txt}: the
 * failures it covers and the lines it treats as benign on purpose) is classified as the list says,
 * with no profile and no configuration: APIcast's own words, and 3scale's answers in them, are
 * enough.
 */
class ApicastMessagesTest {
  private record Entry(String expected, String source, String line) {}

  @Test
  void everyListedMessageIsClassifiedAsTheListSays() throws IOException {
    List<Entry> entries = entries();
    assertThat(entries).hasSizeGreaterThan(80);
    List<String> wrong = new ArrayList<>();
    for (Entry e : entries) {
      ErrorLogReport r = analyze(e.line());
      String actual;
      if (r.findings().isEmpty()) {
        actual = r.unknownErrors() > 0 ? "unrecognised" : "benign";
      } else if (r.findings().size() > 1) {
        actual = "several findings " + r.findings();
      } else {
        LogFinding f = r.findings().get(0);
        actual = f.issue() + "@" + f.hop().id();
      }
      if (!actual.equals(e.expected())) {
        wrong.add(e.source() + ": expected " + e.expected() + ", got " + actual);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theListCoversTheFailuresOfEveryPartOfApicast() throws IOException {
    List<String> sources = entries().stream().map(Entry::source).toList();
    for (String part :
        List.of(
            "backend_client.lua",
            "errors.lua",
            "configuration_loader",
            "remote_v2.lua",
            "oidc.lua",
            "discovery.lua",
            "policy_chain.lua",
            "token_introspection.lua",
            "balancer.lua",
            "resolver.lua",
            "stack trace")) {
      assertThat(sources).as(part).anyMatch(s -> s.contains(part));
    }
  }

  @Test
  void aBenignLineIsCountedAsRecognisedNotAsAnUnknownError() throws IOException {
    for (Entry e : entries()) {
      if (e.expected().equals("benign") && e.line().contains("[error]")) {
        assertThat(analyze(e.line()).stats().benignEntries()).as(e.source()).isEqualTo(1);
      }
    }
    String keepalive =
        "2026/11/27 09:20:00 [error] 23#23: *1 client 10.1.1.1 closed keepalive connection";
    ErrorLogReport r = analyze(keepalive);
    assertThat(r.unknownErrors()).isZero();
    assertThat(r.stats().benignEntries()).isEqualTo(1);
  }

  @Test
  void maskTheCredentialsApicastAndThe3scaleBackendWriteInProse() throws IOException {
    for (Entry e : entries()) {
      for (LogFinding f : analyze(e.line()).findings()) {
        assertThat(f.example())
            .as(e.source())
            .doesNotContain("0000deadbeef0000\"")
            .doesNotContain("\"wrongkey0123456789\"")
            .doesNotContain("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl");
      }
    }
  }

  private static ErrorLogReport analyze(String line) {
    return new ErrorLogAnalyzer(Attribution.builder().build())
        .zone(ZoneOffset.UTC)
        .analyze(
            List.of(
                LogSource.stream(
                    "apicast",
                    new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)))));
  }

  private static List<Entry> entries() throws IOException {
    List<Entry> out = new ArrayList<>();
    try (InputStream in =
        ApicastMessagesTest.class.getResourceAsStream("/fixtures/logs/apicast-messages.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", 3);
        out.add(new Entry(parts[0], parts[1], parts[2].replace("\\n", "\n").replace("\\t", "\t")));
      }
    }
    return out;
  }
}
