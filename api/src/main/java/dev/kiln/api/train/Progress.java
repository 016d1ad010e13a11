package dev.kiln.api.train;

/**
 * Where training stands: after {@code batch} of {@code batches} in {@code epoch} of {@code epochs} (both
 * 1-based), with the loss of that batch or, at the end of an epoch, the epoch's mean loss, and the training
 * accuracy over the epoch's rows so far (at the end of an epoch, the epoch's accuracy).
 *
 * @param accuracy the fraction of the epoch's rows so far that the model classified right; NaN when the model
 *     does not report one ({@link GradientModel#lastBatchCorrect()}), such as a regressor
 */
public record Progress(int epoch, int epochs, int batch, int batches, double loss, double accuracy) {
  /** Whether the model reports a training accuracy. */
  public boolean hasAccuracy() {
    return !Double.isNaN(accuracy);
  }
}
