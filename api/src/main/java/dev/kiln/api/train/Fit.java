package dev.kiln.api.train;

import java.time.Duration;
import java.util.List;

/**
 * What training did: the epochs it ran, each epoch's mean loss (empty for closed-form solvers), the final
 * loss and the wall time.
 */
public record Fit(int epochs, List<Double> epochLosses, double finalLoss, Duration wallTime) {
  public Fit {
    epochLosses = List.copyOf(epochLosses);
  }
}
