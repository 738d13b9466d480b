package io.threescaledoctor.checks.threescale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MappingRulesTest {

  private static MappingRule rule(String method, String pattern, int position) {
    return new MappingRule(method, pattern, "hits", 1, false, position);
  }

  @Test
  void matchesAsAPrefixUnlessAnchored() {
    assertThat(rule("GET", "/hello", 1).matches("GET", "/hello/world")).isTrue();
    assertThat(rule("GET", "/hello$", 1).matches("GET", "/hello/world")).isFalse();
    assertThat(rule("GET", "/hello$", 1).matches("GET", "/hello")).isTrue();
    assertThat(rule("POST", "/hello", 1).matches("GET", "/hello")).isFalse();
    assertThat(rule("ANY", "/hello", 1).matches("DELETE", "/hello")).isTrue();
  }

  @Test
  void matchesVariablesAndQueryParameters() {
    MappingRule words = rule("GET", "/v1/words/{word}.json", 1);
    assertThat(words.matches("GET", "/v1/words/apple.json")).isTrue();
    assertThat(words.matches("GET", "/v1/words/.json")).isFalse();
    MappingRule query = rule("GET", "/search?type=book&q={q}", 1);
    assertThat(query.matches("GET", "/search?type=book&q=x")).isTrue();
    assertThat(query.matches("GET", "/search?type=film&q=x")).isFalse();
    assertThat(query.matches("GET", "/search?type=book")).isFalse();
  }

  @Test
  void findsRulesThatCountTheSameRequestTwice() {
    MappingRules rules =
        new MappingRules(
            List.of(rule("GET", "/", 1), rule("GET", "/hello", 2), rule("POST", "/orders$", 3)));
    assertThat(rules.overlaps())
        .extracting(MappingRules.Overlap::describe)
        .containsExactly("GET /hello matches both 'GET / -> hits +1' and 'GET /hello -> hits +1'");
    assertThat(rules.matching("GET", "/hello")).hasSize(2);
    assertThat(rules.matching("GET", "/orders")).hasSize(1);
  }

  @Test
  void aLastRuleStopsTheMatching() {
    MappingRules rules =
        new MappingRules(
            List.of(new MappingRule("GET", "/hello", "hits", 1, true, 1), rule("GET", "/", 2)));
    assertThat(rules.matching("GET", "/hello")).hasSize(1);
    assertThat(rules.overlaps()).isEmpty();
  }

  @Test
  void anchoredRulesDoNotOverlap() {
    MappingRules rules = new MappingRules(List.of(rule("GET", "/$", 1), rule("GET", "/hello$", 2)));
    assertThat(rules.overlaps()).isEmpty();
    assertThat(rules.matching("GET", "/nothing")).isEmpty();
  }
}
