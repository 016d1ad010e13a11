package dev.kiln.api.train;

import java.time.Duration;
import java.util.List;

/**
 * What training did: the epochs it ran, each epoch's mean loss (empty for closed-form solvers) and training
 * accuracy (empty for models that do not report one, see {@link GradientModel#lastBatchCorrect()}), the final
 * loss and the wall time.
 */
public record Fit(int epochs, List<Double> epochLosses, List<Double> epochAccuracies, double finalLoss,
    Duration wallTime) {
  /** Copies the per-epoch lists into unmodifiable ones. */
  public Fit {
    epochLosses = List.copyOf(epochLosses);
    epochAccuracies = List.copyOf(epochAccuracies);
  }

  /** A fit with no training accuracy, as closed-form solvers and regressors report. */
  public Fit(int epochs, List<Double> epochLosses, double finalLoss, Duration wallTime) {
    this(epochs, epochLosses, List.of(), finalLoss, wallTime);
  }
}
