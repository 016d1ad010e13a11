package dev.kiln.api.train;

/** Hears about training as it goes: progress bars, loss logs, early stopping. Methods run on the training thread. */
public interface TrainingListener {
  /** After each batch's optimizer step. */
  default void onBatch(Progress progress) {}

  /** After each epoch, with the epoch's mean loss. */
  default void onEpoch(Progress progress) {}

  /** Once, when training ends (normally, stopped early, cancelled or failed). */
  default void onEnd() {}

  /** Asked after each epoch's {@link #onEpoch}: true ends training there (early stopping). */
  default boolean stopRequested() {
    return false;
  }
}
