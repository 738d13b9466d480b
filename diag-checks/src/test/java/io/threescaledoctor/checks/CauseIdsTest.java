package io.threescaledoctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every cause a check can emit is a known issue. Causes are kebab-case ids and live in this
 * module's sources as string literals (in withCause, in a switch arm, in a helper's table), so
 * every kebab-case literal here must be a catalog id, unless it is a thread's name or listed below
 * with the reason it is not a cause. A typo in a cause fails the build instead of printing a cause
 * nobody can explain.
 */
class CauseIdsTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern KEBAB = Pattern.compile("\"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\"");
  private static final Pattern THREAD_NAME = Pattern.compile("new Thread\\([^,]+, \"");

  /** Kebab-case literals that are not causes, and why. */
  private static final Map<String, String> NOT_CAUSES =
      Map.ofEntries(
          Map.entry(
              "backend-address-not-current",
              "ErrorLogAnalyzer's id for its own stale-address message, mapped to dns-stale-address"),
          Map.entry(
              "backend-answer",
              "a log-message catalog keyword: the line carries 3scale's answer, judged by its code"),
          Map.entry("apicast-production", "the production APIcast's deployment, service and route"),
          Map.entry("backend-listener", "the backend listener's deployment, service and route"),
          Map.entry("system-app", "the admin portal's deployment"),
          Map.entry("system-provider", "the admin portal's service, behind the tenant's route"),
          Map.entry("system-seed", "the secret holding the admin portal's access token"),
          Map.entry("system-master-apicast", "the secret holding APIcast's portal endpoint"),
          Map.entry("invalid-credential", "the doctor's own invalid credential, in request lines"),
          Map.entry("invalid-credentials", "the mark of the doctor's invalid-credentials probe"),
          Map.entry("no-credentials", "the mark of the doctor's probe without credentials"));

  /** Files whose kebab-case literals are all names of something else, and what. */
  private static final Map<String, String> FILES_WITHOUT_CAUSES =
      Map.of(
          "io/threescaledoctor/checks/cluster/Component.java",
          "the workloads a 3scale installation is made of",
          "io/threescaledoctor/checks/cluster/Kubeconfig.java",
          "the keys of a kubeconfig file");

  @Test
  void everyKebabCaseLiteralInTheChecksIsAKnownIssue() throws IOException {
    KnownIssueCatalog catalog = KnownIssueCatalog.standard();
    List<String> unknown = new ArrayList<>();
    int causes = 0;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !FILES_WITHOUT_CAUSES.containsKey(SOURCES.relativize(f).toString()))
              .toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (THREAD_NAME.matcher(line).find()) {
            continue;
          }
          Matcher m = KEBAB.matcher(line);
          while (m.find()) {
            String id = m.group(1);
            if (NOT_CAUSES.containsKey(id)) {
              continue;
            }
            causes++;
            if (!catalog.contains(id)) {
              unknown.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + id);
            }
          }
        }
      }
    }
    assertThat(causes)
        .as("cause literals found (is the scan looking at the sources?)")
        .isGreaterThan(50);
    assertThat(unknown).as("causes missing from the known-issue catalogs").isEmpty();
  }
}
