package io.threescaledoctor.core.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/** A flag the caller sets to stop a run (Ctrl-C in the shell); the engine and checks poll it. */
public final class Cancellation {
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private volatile Runnable onCancel = () -> {};

  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      onCancel.run();
    }
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  void onCancel(Runnable action) {
    this.onCancel = action;
    if (cancelled.get()) {
      action.run();
    }
  }
}
