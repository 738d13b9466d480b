package io.threescaledoctor.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --only} and {@code --skip}, the same on every verb that runs a checklist ({@code run},
 * {@code cluster}, {@code bundle}), with completion of check ids, endpoints and hops.
 */
public final class Selection {
  @Option(
      names = "--only",
      paramLabel = "ID",
      completionCandidates = Candidates.CheckSelectors.class,
      split = ",",
      description = "Run only these checks, endpoints or hops (and what they need).")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--skip",
      paramLabel = "ID",
      completionCandidates = Candidates.CheckSelectors.class,
      split = ",",
      description = "Leave out these checks, endpoints or hops.")
  List<String> skip = new ArrayList<>();

  public List<String> only() {
    return only;
  }

  public List<String> skip() {
    return skip;
  }
}
