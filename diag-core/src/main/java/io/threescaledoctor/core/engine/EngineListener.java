package io.threescaledoctor.core.engine;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.util.List;

/**
 * Progress of a run, for drawing progress bars or logging. Methods are called from the engine's
 * worker threads, possibly concurrently: implementations must be thread-safe and quick. Part of the
 * stable API, with {@link CheckRun}; it takes no other type of this package.
 */
public interface EngineListener {
  EngineListener NONE = new EngineListener() {};

  /** The run is about to start these checks, in the order results will come back. */
  default void runStarted(List<CheckRun> planned) {}

  default void checkStarted(CheckRun check) {}

  /** {@code result} is final: stamped, redacted, and what the diagnosis will hold. */
  default void checkFinished(CheckRun check, CheckResult result) {}

  default void runFinished(Diagnosis diagnosis) {}
}
