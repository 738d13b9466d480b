package io.threescaledoctor.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.threescaledoctor.core.check.Hop;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GuideSectionsTest {
  /** "Chapter 4. Troubleshooting" or "4.3.4. API gateway > 3scale", from the first column. */
  private static final Pattern HEADING =
      Pattern.compile("^(?:Chapter (\\d+)|(\\d+(?:\\.\\d+)+))\\. (.*)$");

  private static final String GUIDE = "shared/seed/operating-3scale-2.5.txt";

  /** The headings kept in src/test/resources/guide/toc.txt, by section number. */
  private static Map<String, String> tocCopy() throws IOException {
    try (InputStream in = GuideSectionsTest.class.getResourceAsStream("/guide/toc.txt")) {
      return headings(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    }
  }

  private static Map<String, String> headings(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher m = HEADING.matcher(line.replace('\u00a0', ' ').stripTrailing());
      if (m.matches()) {
        out.putIfAbsent(m.group(1) != null ? m.group(1) : m.group(2), m.group(3));
      }
    }
    return out;
  }

  @Test
  void everySectionPairsItsNumberWithTheTitleTheGuideGivesIt() throws IOException {
    Map<String, String> toc = tocCopy();
    assertThat(GuideSections.all()).isNotEmpty();
    for (Map.Entry<String, String> e : GuideSections.all().entrySet()) {
      String heading = toc.get(e.getKey());
      assertThat(heading).as("section %s is in the guide's headings", e.getKey()).isNotNull();
      // The guide numbers a few headings' first item ("4.2.1. 1. Can we connect?") and its text
      // export runs a few headings into their first sentence ("4.3.5. 3scale 1. Is 3scale ...").
      String text = heading.replaceFirst("^\\d+\\. ", "");
      assertThat(text.equals(e.getValue()) || text.startsWith(e.getValue() + " "))
          .as("section %s is titled '%s' in the guide, not '%s'", e.getKey(), text, e.getValue())
          .isTrue();
    }
    assertThat(GuideSections.all().keySet()).containsExactlyElementsOf(toc.keySet());
  }

  @Test
  void everyReferenceTheDoctorPrintsIsASectionOfTheGuide() {
    List<String> unknown = new ArrayList<>();
    for (Hop h : Hop.values()) {
      if (GuideSections.title(h.guideSection()).isEmpty()) {
        unknown.add("hop " + h.id() + ": " + h.guideSection());
      }
    }
    for (KnownIssue i : KnownIssueCatalog.standard().all()) {
      if (GuideSections.title(i.reference()).isEmpty()) {
        unknown.add("known issue " + i.id() + ": " + i.reference());
      }
    }
    assertThat(unknown).isEmpty();
    assertThat(GuideSections.line("4.3.4")).isEqualTo("Guide section 4.3.4: API gateway > 3scale");
  }

  @Test
  void theCopyOfTheTableOfContentsMatchesTheGuideWhenTheGuideIsThere() throws IOException {
    Optional<Path> guide = findGuide();
    assumeTrue(guide.isPresent(), GUIDE + " is not in a parent directory of this build");
    Map<String, String> fromGuide =
        headings(Files.readAllLines(guide.get(), StandardCharsets.UTF_8));
    assertThat(tocCopy()).isEqualTo(fromGuide);
  }

  private static Optional<Path> findGuide() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(GUIDE);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
