package io.threescaledoctor.checks.threescale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A service's mapping rules in APIcast's evaluation order, and what they do to a request. */
public record MappingRules(List<MappingRule> rules) {

  public MappingRules {
    rules = rules.stream().sorted(Comparator.comparingInt(MappingRule::position)).toList();
  }

  /** The rules APIcast would count for this request, honouring {@code last}. */
  public List<MappingRule> matching(String method, String pathAndQuery) {
    List<MappingRule> matched = new ArrayList<>();
    for (MappingRule r : rules) {
      if (r.matches(method, pathAndQuery)) {
        matched.add(r);
        if (r.last()) {
          break;
        }
      }
    }
    return matched;
  }

  /**
   * Pairs of rules that one request can match together, so it is counted twice: for each rule, a
   * request it matches is tried against every other rule.
   */
  public List<Overlap> overlaps() {
    List<Overlap> found = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      MappingRule a = rules.get(i);
      for (int j = i + 1; j < rules.size(); j++) {
        MappingRule b = rules.get(j);
        String method = "ANY".equalsIgnoreCase(a.httpMethod()) ? b.httpMethod() : a.httpMethod();
        if ("ANY".equalsIgnoreCase(method)) {
          method = "GET";
        }
        for (String sample : List.of(a.sampleRequestPath(), b.sampleRequestPath())) {
          List<MappingRule> both = matching(method, sample);
          if (both.contains(a) && both.contains(b)) {
            found.add(new Overlap(a, b, method + " " + sample));
            break;
          }
        }
      }
    }
    return found;
  }

  /** Two rules that both count {@code example}. */
  public record Overlap(MappingRule first, MappingRule second, String example) {
    public String describe() {
      return example + " matches both '" + first.describe() + "' and '" + second.describe() + "'";
    }
  }
}
