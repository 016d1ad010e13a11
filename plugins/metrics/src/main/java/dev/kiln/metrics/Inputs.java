package dev.kiln.metrics;

import dev.kiln.api.KilnException;
import dev.kiln.api.Predictions;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;
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

  /** Whether {@code values} holds one value per row for {@code n} rows: {@code [n]} or a column {@code [n, 1]}. */
  static boolean isColumn(INDArray values, long n) {
    return values.length() == n && (values.rank() == 1 || values.rank() == 2 && values.size(1) == 1);
  }

  /** Whether {@code a} and {@code b} have one shape, a vector {@code [n]} counting as a column {@code [n, 1]}. */
  static boolean sameShape(INDArray a, INDArray b) {
    return Arrays.equals(a.shape(), b.shape()) || isColumn(a, a.length()) && isColumn(b, a.length());
  }

  /** Whether {@code values} is a matrix {@code [n, k]} of per-class scores (k > 1) for {@code n} true values. */
  static boolean isScores(INDArray values, long n) {
    return values.rank() == 2 && values.size(0) == n && values.size(1) > 1;
  }

  /**
   * Truth and scores for the threshold metrics (ROC, average precision): one score per row ({@code [n]},
   * {@code [n, 1]}, or column 1 of {@code [n, 2]}, the positive class of predictProba) or one column per
   * class ({@code [n, k > 2]}).
   *
   * @param truth the true labels
   * @param classes the distinct true labels, ascending
   * @param scores {@code [n]} for binary input, else null
   * @param classScores {@code [n][k]} for multi-class input, else null
   */
  record Scored(double[] truth, double[] classes, double[] scores, double[][] classScores) {
    /**
     * For multi-class input, the index in {@link #classes} of each true label (the column that scores it);
     * fails unless there is one score column per distinct true label.
     */
    int[] classIndices(String metric) {
      if (classes.length != classScores[0].length) {
        throw new KilnException(metric + ": the truth has " + classes.length + " classes "
            + Arrays.toString(classes) + " but the prediction has " + classScores[0].length + " score columns; "
            + "pass one column per class, in the classes' sorted order");
      }
      return Arrays.stream(truth).mapToInt(v -> Arrays.binarySearch(classes, v + 0.0)).toArray();
    }

    /** Fails when binary scores come with more than two true classes. */
    void requireBinary(String metric) {
      if (classes.length > 2) {
        throw new KilnException(metric + ": the truth has " + classes.length + " classes "
            + Arrays.toString(classes) + " but the prediction is one score per row; pass one score column per "
            + "class [n, " + classes.length + "]");
      }
    }
  }

  /** {@link Scored} from predictions, failing on mismatched shapes and non-finite values. */
  static Scored scored(String metric, Predictions input) {
    INDArray truth = input.truth();
    INDArray predicted = input.predicted();
    long n = truth.length();
    boolean columns = predicted.rank() == 2 && predicted.size(0) == n && predicted.size(1) > 1;
    if ((truth.rank() == 2 && truth.size(1) > 1) || (!columns && !isColumn(predicted, n)) || n == 0) {
      throw new KilnException(metric + " needs one true label per row and one score (or one score per class) "
          + "per row: truth " + Arrays.toString(truth.shape()) + ", prediction "
          + Arrays.toString(predicted.shape()));
    }
    requireFinite(metric, "true label", truth);
    requireFinite(metric, "score", predicted);
    double[] labels = vector(truth).toDoubleVector();
    double[] classes = distinct(labels);
    if (columns && predicted.size(1) > 2) {
      return new Scored(labels, classes, null, predicted.castTo(DataType.DOUBLE).toDoubleMatrix());
    }
    INDArray column = columns ? predicted.getColumn(1) : predicted;
    return new Scored(labels, classes, vector(column).toDoubleVector(), null);
  }

  /**
   * The distinct values, ascending, -0.0 counted as 0.0: one pass while there are few (class labels), a sort of
   * a copy otherwise.
   */
  static double[] distinct(double[] values) {
    double[] seen = new double[64];
    int count = 0;
    for (double value : values) {
      double v = value + 0.0;
      int at = Arrays.binarySearch(seen, 0, count, v);
      if (at >= 0) {
        continue;
      }
      if (count == seen.length) {
        return Arrays.stream(values).map(x -> x + 0.0).sorted().distinct().toArray();
      }
      System.arraycopy(seen, -at - 1, seen, -at, count + at + 1);
      seen[-at - 1] = v;
      count++;
    }
    return Arrays.copyOf(seen, count);
  }

  /**
   * The entries {@code matrix[i, columns[i]]} of a matrix {@code [n, k]}, as a vector {@code [n]}: one gather
   * over the flattened matrix. (The indices go in as a tensor: ND4J 1.0.0-M2.1's {@code Gather} with an
   * {@code int[]} of indices corrupts memory.)
   */
  static INDArray pick(INDArray matrix, int[] columns) {
    long k = matrix.size(1);
    long[] flat = new long[columns.length];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = i * k + columns[i];
    }
    INDArray vector = matrix.reshape('c', new long[] {matrix.length()});
    return Nd4j.exec(new Gather(vector, Nd4j.createFromArray(flat), 0))[0];
  }

  /** Fails on a NaN or infinite value, naming the metric, what it is, where the first is and how many there are. */
  static void requireFinite(String metric, String what, INDArray values) {
    if (!BooleanIndexing.or(values, Conditions.notFinite())) {
      return;
    }
    double[] flat = vector(values).toDoubleVector();
    int first = -1;
    int bad = 0;
    for (int i = 0; i < flat.length; i++) {
      if (!Double.isFinite(flat[i])) {
        first = first < 0 ? i : first;
        bad++;
      }
    }
    String where = values.rank() == 2 ? "row " + first / values.size(1) + ", column " + first % values.size(1)
        : "index " + first;
    throw new KilnException(metric + ": " + what + " at " + where + " is " + flat[first] + " (" + bad + " of "
        + flat.length + " values, shape " + Arrays.toString(values.shape()) + "); every " + what
        + " must be a finite number");
  }
}
