package io.threescaledoctor.core.engine;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.diagnosis.Diagnosis;

/**
 * Progress of a run, for drawing progress bars or logging. Methods are called from the engine's
 * worker threads, possibly concurrently: implementations must be thread-safe and quick.
 */
public interface EngineListener {
  EngineListener NONE = new EngineListener() {};

  default void runStarted(Checklist checklist) {}

  default void checkStarted(PlannedCheck check) {}

  default void checkFinished(PlannedCheck check, CheckResult result) {}

  default void runFinished(Diagnosis diagnosis) {}
}
