package dev.kiln.classic;

import dev.kiln.api.KilnException;
import dev.kiln.api.data.Labels;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A classifier's classes: the sorted distinct label values, as scikit-learn's {@code classes_}. Class {@code i}
 * is the {@code i}-th smallest label; probabilities and votes are indexed that way, and predictions are the
 * label values themselves. Labels are read once per fit (an {@code O(n log c)} pass over {@code n} rows).
 */
final class Classes {
  private final double[] values;

  private Classes(double[] values) {
    this.values = values;
  }

  /**
   * The classes of training labels ({@code [n]} or {@code [n, 1]}, finite whole numbers: like scikit-learn, a
   * classifier refuses labels that look continuous).
   */
  static Classes of(String model, INDArray labels) {
    double[] y = Inputs.finiteTarget(model, labels).toDoubleVector();
    Labels.requireWhole(model, "label", y, "a classifier needs class labels such as 0, 1, 2; for continuous "
        + "targets use a regressor");
    return of(y);
  }

  /** The classes of labels from a model's saved state, taken as they are (finite). */
  static Classes saved(String model, INDArray labels) {
    return of(Inputs.finiteTarget(model, labels).toDoubleVector());
  }

  private static Classes of(double[] y) {
    return new Classes(Arrays.stream(y).map(v -> v + 0.0).distinct().sorted().toArray()); // + 0.0: -0.0 joins 0.0
  }

  /** Fails unless there are at least two classes (a classifier cannot learn from one). */
  Classes requireTwo(String model, int rows) {
    if (values.length < 2) {
      throw new KilnException(model + " needs at least 2 classes, but all " + rows + " labels are " + values[0]
          + "; check the label column, or split with stratify so that every part keeps each class");
    }
    return this;
  }

  int size() {
    return values.length;
  }

  /** The class values, in index order. */
  List<Double> values() {
    return Arrays.stream(values).boxed().toList();
  }

  /** The class index of every label (each must be one of these classes). */
  int[] indices(INDArray labels) {
    double[] y = labels.toDoubleVector();
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = Arrays.binarySearch(values, y[i] + 0.0);
      if (out[i] < 0) {
        throw new KilnException("label " + y[i] + " at row " + i + " is not among the classes seen in fit "
            + values() + "; fit on data that contain every class");
      }
    }
    return out;
  }

  /** The class indices of {@link #indices} as a float64 vector, the form one-hot ops take. */
  INDArray indexVector(INDArray labels) {
    return Nd4j.createFromArray(Arrays.stream(indices(labels)).asDoubleStream().toArray());
  }

  /** The labels of class indices {@code [n]}, as a float64 vector. */
  INDArray labels(int[] indices) {
    double[] out = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = values[indices[i]];
    }
    return Nd4j.createFromArray(out);
  }
}
