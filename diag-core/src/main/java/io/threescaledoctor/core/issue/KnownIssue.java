package io.threescaledoctor.core.issue;

import io.threescaledoctor.core.check.Hop;
import java.util.List;

/**
 * A cause the doctor can name: a stable kebab-case id (never renamed), the hop it belongs to, a
 * title, an explanation, a remedy in the guide's spirit, and the guide section.
 *
 * @param explainedBy ids of causes that, when they fail elsewhere in the same run, explain this one
 *     (a gateway that times out while the API it waits on times out too); such a finding is not
 *     reported as a failure of its own
 */
public record KnownIssue(
    String id,
    Hop hop,
    String title,
    String explanation,
    String remedy,
    String reference,
    List<String> explainedBy) {

  public KnownIssue {
    explainedBy = explainedBy == null ? List.of() : List.copyOf(explainedBy);
  }

  public KnownIssue(
      String id, Hop hop, String title, String explanation, String remedy, String reference) {
    this(id, hop, title, explanation, remedy, reference, List.of());
  }
}
