package dev.kiln.api.train;

/** Hears about training as it goes: progress bars, loss logs, early stopping. Methods run on the training thread. */
public interface TrainingListener {
  /** After each batch's optimizer step. */
  default void onBatch(Progress progress) {}

  /** After each epoch, with the epoch's mean loss. */
  default void onEpoch(Progress progress) {}

  /** Once, when training ends (normally, cancelled or failed). */
  default void onEnd() {}
}
