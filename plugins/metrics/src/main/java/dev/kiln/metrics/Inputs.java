package dev.kiln.metrics;

import dev.kiln.api.KilnException;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** Checks and conversions the metrics of this module share. */
final class Inputs {
  private Inputs() {}

  /** {@code values} as a float64 vector {@code [n]}, in row-major order. */
  static INDArray vector(INDArray values) {
    INDArray doubles = values.castTo(DataType.DOUBLE);
    return doubles.rank() == 1 ? doubles : doubles.reshape(doubles.length());
  }

  /** Whether {@code values} is a matrix {@code [n, k]} of per-class scores (k > 1) for {@code n} true values. */
  static boolean isScores(INDArray values, long n) {
    return values.rank() == 2 && values.size(0) == n && values.size(1) > 1;
  }

  /** Fails on the first NaN or infinite value, naming the metric, what it is and where. */
  static void requireFinite(String metric, String what, INDArray values) {
    if (!BooleanIndexing.or(values, Conditions.notFinite())) {
      return;
    }
    double[] flat = vector(values).toDoubleVector();
    for (int i = 0; i < flat.length; i++) {
      if (!Double.isFinite(flat[i])) {
        String where = values.rank() == 2 ? "row " + i / values.size(1) + ", column " + i % values.size(1)
            : "index " + i;
        throw new KilnException(metric + ": " + what + " at " + where + " is " + flat[i] + " (shape "
            + Arrays.toString(values.shape()) + "); every " + what + " must be a finite number");
      }
    }
  }
}
