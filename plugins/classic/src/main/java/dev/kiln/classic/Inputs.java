package dev.kiln.classic;

import dev.kiln.api.KilnException;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Training;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks and conversions the models of this module share; every failure is a one-line {@link KilnException}. */
final class Inputs {
  private Inputs() {}

  /**
   * {@code x} as a float64 matrix {@code [n, d]} (the same array when it already is one), checked for NaN and
   * infinities: one native sum (NaN or infinite exactly when some value is, barring overflow), then, only when it
   * is not finite, a search for the first bad value's place.
   */
  static INDArray matrix(String model, INDArray x) {
    if (x.rank() != 2) {
      throw new KilnException(model + " takes features as a matrix [rows, columns], got shape "
          + Arrays.toString(x.shape()) + "; reshape it to [n, d]");
    }
    INDArray doubles = x.castTo(DataType.DOUBLE);
    if (!Double.isFinite(doubles.sumNumber().doubleValue())) {
      Dataset.unlabelled(doubles).requireFinite();
    }
    return doubles;
  }

  /** {@code x} as {@link #matrix} gives it, with the {@code d} columns the model was fitted on. */
  static INDArray matrix(String model, INDArray x, long d) {
    requireWidth(d, x);
    return matrix(model, x);
  }

  /** Fails unless {@code x} is a matrix of {@code d} columns, naming its shape. */
  static void requireWidth(long d, INDArray x) {
    if (x.rank() != 2 || x.size(1) != d) {
      throw new KilnException("model was trained on " + d + " features, x has shape " + Arrays.toString(x.shape())
          + "; pass a matrix [n, " + d + "]");
    }
  }

  /** The labels as a contiguous float64 vector {@code [n]}: one target or class per row. */
  static INDArray target(String model, INDArray labels) {
    if (!(labels.rank() == 1 || labels.rank() == 2 && labels.size(1) == 1)) {
      throw new KilnException(model + " fits one target per row, got labels of shape "
          + Arrays.toString(labels.shape()) + "; pass labels [n] or [n, 1]");
    }
    INDArray y = labels.castTo(DataType.DOUBLE);
    y = y.rank() == 1 ? y : y.reshape(y.size(0));
    return y.elementWiseStride() >= 1 ? y : y.dup();
  }

  /** {@link #target} checked for NaN and infinities, naming the first bad label's row. */
  static INDArray finiteTarget(String model, INDArray labels) {
    INDArray y = target(model, labels);
    if (!Double.isFinite(y.sumNumber().doubleValue())) {
      double[] values = y.toDoubleVector();
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          throw new KilnException(model + ": label at row " + i + " is " + values[i]
              + "; drop or impute rows with missing labels before training");
        }
      }
    }
    return y;
  }

  /**
   * The per-feature vectors {@code names} of a saved state, as float64 vectors in that order; fails naming
   * what is missing when one is absent or their lengths differ.
   */
  static List<INDArray> featureVectors(String model, Map<String, INDArray> state, String... names) {
    List<INDArray> vectors = new ArrayList<>();
    for (String name : names) {
      INDArray v = state.get(name);
      if (v == null || !vectors.isEmpty() && v.length() != vectors.get(0).length()) {
        throw new KilnException(model + " state needs " + String.join(", ", names) + " of one length, got "
            + state.keySet());
      }
      vectors.add(v.castTo(DataType.DOUBLE).reshape(v.length()));
    }
    return vectors;
  }

  /**
   * Fails when {@code how} brings an optimizer to a model that fits in closed form or by its own iterations
   * (the optimizer would be ignored, and the fit's report would describe training that did not happen).
   */
  static void withoutOptimizer(String model, Training how) {
    if (how.optimizerIfAny().isPresent()) {
      throw new KilnException(model + " fits without an optimizer (it has its own solver): leave the optimizer "
          + "out of fit");
    }
  }

  /** The error for a model used before {@code fit}. */
  static KilnException notFitted(String model) {
    return new KilnException(model + " is not fitted: call fit(data) first");
  }
}
