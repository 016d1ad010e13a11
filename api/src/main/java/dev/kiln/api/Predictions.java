package dev.kiln.api;

import org.nd4j.linalg.api.ndarray.INDArray;
import java.util.Arrays;

/**
 * What regression and classification metrics score: the true values and the predicted ones, of the same
 * length. Validated on construction: a length mismatch names both shapes.
 */
public record Predictions(INDArray truth, INDArray predicted) {
  public Predictions {
    if (truth.length() != predicted.length()) {
      throw new KilnException("truth and prediction differ in length: truth " + Arrays.toString(truth.shape())
          + ", prediction " + Arrays.toString(predicted.shape()) + "; pass one prediction per true value");
    }
  }
}
