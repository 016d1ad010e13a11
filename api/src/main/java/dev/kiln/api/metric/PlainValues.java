package dev.kiln.api.metric;

import dev.kiln.api.KilnException;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Plain values as scripts pass them turned into rows of numbers that may differ in length. */
final class PlainValues {
  private PlainValues() {}

  /**
   * Rows from a vector or matrix tensor, {@code double[]}, {@code double[][]}, a list of numbers (one row) or
   * a list of rows (lists of numbers, arrays or tensors); fails naming the first element that is not a number.
   */
  static double[][] rows(Object value, String what) {
    if (value instanceof INDArray tensor) {
      if (tensor.rank() > 2) {
        throw new KilnException(what + " must be a vector or a matrix [queries, candidates], got shape "
            + Arrays.toString(tensor.shape()));
      }
      return tensor.rank() == 2 ? tensor.toDoubleMatrix() : new double[][] {tensor.toDoubleVector()};
    }
    if (value instanceof double[] row) {
      return new double[][] {row.clone()};
    }
    if (value instanceof double[][] matrix) {
      return Arrays.stream(matrix).map(double[]::clone).toArray(double[][]::new);
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new KilnException(what + " must be a non-empty array of per-query arrays of numbers, got "
          + (value instanceof List<?> ? "[]" : String.valueOf(value)));
    }
    if (list.get(0) instanceof Number) {
      return new double[][] {row(list, what)};
    }
    double[][] out = new double[list.size()][];
    for (int q = 0; q < list.size(); q++) {
      Object element = list.get(q);
      String at = what + "[" + q + "]";
      if (element instanceof List<?> row) {
        out[q] = row(row, at);
      } else if (element instanceof double[] row) {
        out[q] = row.clone();
      } else if (element instanceof INDArray row && row.rank() <= 1) {
        out[q] = row.toDoubleVector();
      } else {
        throw new KilnException(at + " is " + show(element) + ", not an array of numbers");
      }
    }
    return out;
  }

  private static double[] row(List<?> list, String what) {
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(list.get(i) instanceof Number number)) {
        throw new KilnException(what + "[" + i + "] is " + show(list.get(i)) + ", not a number");
      }
      out[i] = number.doubleValue();
    }
    return out;
  }

  private static String show(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }
}
