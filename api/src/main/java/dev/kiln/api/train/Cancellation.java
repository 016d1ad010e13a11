package dev.kiln.api.train;

/**
 * A flag that long work polls between steps (batches, iterations) so that it can be stopped from another
 * thread, such as the shell's Ctrl-C handler. Thread-safe.
 */
public final class Cancellation {
  private volatile boolean cancelled;

  /** Asks the work to stop at its next check. */
  public void cancel() {
    cancelled = true;
  }

  /** Whether {@link #cancel()} has been called; once set, the flag stays set. */
  public boolean isCancelled() {
    return cancelled;
  }

  /** Throws {@link CancelledException} when cancelled. */
  public void check() {
    if (cancelled) {
      throw new CancelledException();
    }
  }
}
