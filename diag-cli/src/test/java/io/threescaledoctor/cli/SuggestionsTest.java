package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean": the likeliest names only. */
class SuggestionsTest {
  private static final List<String> COMMANDS =
      List.of("run", "dns", "checks", "connect", "cert", "set", "show", "walk", "last");

  @Test
  void aSwappedPairOfLettersIsOneTypo() {
    assertThat(Suggestions.closest("rnu", COMMANDS)).containsExactly("run");
    assertThat(Suggestions.closest("lsat", COMMANDS)).containsExactly("last");
  }

  @Test
  void aPrefixNamesEveryCommandItStarts() {
    assertThat(Suggestions.closest("ce", COMMANDS)).containsExactly("cert");
    assertThat(Suggestions.closest("che", COMMANDS)).containsExactly("checks");
  }

  @Test
  void nothingIsSuggestedForAWordFarFromEveryName() {
    assertThat(Suggestions.didYouMean("kubectl", COMMANDS)).isEmpty();
  }
}
