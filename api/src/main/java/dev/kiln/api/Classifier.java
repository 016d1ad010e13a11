package dev.kiln.api;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A model whose predictions are class indices, and which can also give class probabilities. */
public interface Classifier extends Model {
  /** Class probabilities {@code [n, classes]}, each row summing to one. */
  INDArray predictProba(INDArray x);

  /**
   * Whether this model, as configured, classifies: true unless an option made it a regressor (a network with
   * the loss {@code mse}), whose predictions are values and which has no probabilities.
   */
  default boolean classifies() {
    return true;
  }

  /** Whether {@code model} is a classifier that classifies (see {@link #classifies()}). */
  static boolean classifying(Model model) {
    return model instanceof Classifier c && c.classifies();
  }
}
