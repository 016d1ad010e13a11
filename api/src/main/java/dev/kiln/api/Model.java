package dev.kiln.api;

import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Training;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable predictor. {@link #fit} learns from a data set as {@link Training} says (with its optimizer,
 * or with the model's own solver when the training names none) and {@link #predict} maps features
 * {@code [n, d]} to predictions ({@code [n]} for one target).
 *
 * <p>Models trained by gradients also implement {@link dev.kiln.api.train.GradientModel}, which exposes
 * their parameters so that any {@link Optimizer} trains any of them.
 */
public interface Model {
  /** Trains on {@code train}; returns what happened (epochs run, loss history, time). */
  Fit fit(Dataset train, Training how);

  /** Predictions for the rows of {@code x} ({@code [n, d]}); fails with both shapes named on a mismatch. */
  INDArray predict(INDArray x);

  /**
   * What the model learned, by name, as scikit-learn's fitted attributes are ({@code inertia},
   * {@code centers}, {@code iterations}, ...): numbers, strings, lists or tensors. Empty before fitting and
   * for models with nothing to report beyond their parameters.
   */
  default Map<String, Object> attributes() {
    return Map.of();
  }

  /**
   * The fitted state as named tensors: with the model's options, enough to rebuild it exactly by
   * {@link #restore}. Model files store it. Fails when the model is not fitted or cannot be saved.
   */
  default Map<String, INDArray> state() {
    throw new KilnException(getClass().getSimpleName() + " models cannot be saved yet");
  }

  /**
   * Makes this freshly created model (same plugin and options) the one whose {@link #state()} is given, so
   * that it predicts exactly as the saved one did. The model may keep the given tensors as its own (model
   * files hand over fresh ones); pass copies of tensors that are used elsewhere. Fails with a one-line
   * message on a missing or mis-shaped tensor.
   */
  default void restore(Map<String, INDArray> state) {
    throw new KilnException(getClass().getSimpleName() + " models cannot be loaded yet");
  }
}
