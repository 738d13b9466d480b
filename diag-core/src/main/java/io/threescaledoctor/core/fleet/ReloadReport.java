package io.threescaledoctor.core.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a (re)load of the profiles changed.
 *
 * @param at when it happened
 * @param added profiles seen for the first time
 * @param changed profiles whose source changed and which loaded
 * @param removed profiles no longer in the source; they stop running
 * @param broken every profile that does not load, by name, with the one-line reason; one that
 *     loaded before keeps running as it was
 * @param sourceError why the source itself could not be read (then nothing changed), or null
 */
public record ReloadReport(
    Instant at,
    List<String> added,
    List<String> changed,
    List<String> removed,
    Map<String, String> broken,
    String sourceError) {

  public ReloadReport {
    added = List.copyOf(added);
    changed = List.copyOf(changed);
    removed = List.copyOf(removed);
    broken = Map.copyOf(broken);
  }

  /** Whether every profile loaded. */
  public boolean successful() {
    return broken.isEmpty() && sourceError == null;
  }

  public Optional<String> sourceErrorIfAny() {
    return Optional.ofNullable(sourceError);
  }
}
