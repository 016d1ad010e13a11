package dev.kiln.metrics;

import dev.kiln.api.KilnException;
import dev.kiln.api.Predictions;
import dev.kiln.api.data.Labels;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The integer class labels of a {@link Predictions} input, encoded as indices into one label list: the
 * declared labels in their order, or else every label seen in the truth or the prediction, sorted (as
 * scikit-learn's {@code unique_labels}). Predicted scores {@code [n, k]} are reduced to their row-wise argmax,
 * column {@code j} standing for the {@code j}-th declared label, or for label {@code j} when none are declared.
 *
 * <p>Fails, in one line with the count and the first position, on a length mismatch, a non-finite or
 * non-integer label, or a label outside the declared ones.
 */
final class ClassLabels {
  /** The label list. */
  final long[] labels;
  /** For each row, the index in {@link #labels} of its true label. */
  final int[] truth;
  /** For each row, the index in {@link #labels} of its predicted label. */
  final int[] predicted;

  private ClassLabels(long[] labels, int[] truth, int[] predicted) {
    this.labels = labels;
    this.truth = truth;
    this.predicted = predicted;
  }

  static ClassLabels of(String metric, Predictions input, List<Integer> declared) {
    INDArray truth = input.truth();
    long n = truth.length();
    if (truth.rank() == 2 && truth.size(1) > 1) {
      throw new KilnException(metric + " takes one true class per row, got truth of shape "
          + Arrays.toString(truth.shape()) + "; pass class labels [n]");
    }
    if (n == 0) {
      throw new KilnException(metric + " of no predictions is undefined: pass at least one");
    }
    INDArray predicted = input.predicted();
    boolean scores = Inputs.isScores(predicted, n);
    if (!scores && !Inputs.isColumn(predicted, n)) {
      throw new KilnException(metric + " needs one predicted class or one row of scores per true class: truth "
          + Arrays.toString(truth.shape()) + ", prediction " + Arrays.toString(predicted.shape()));
    }
    Inputs.requireFinite(metric, "true label", truth);
    Inputs.requireFinite(metric, "prediction", predicted);
    long[] trueValues = integers(metric, "true label", Inputs.vector(truth).toDoubleVector(),
        "pass class labels such as 0, 1, 2");
    long[] predictedValues = scores ? columns(metric, predicted, declared)
        : integers(metric, "predicted label", Inputs.vector(predicted).toDoubleVector(),
            "pass class labels such as 0, 1, 2, or per-class scores [n, k]");
    long[] labels;
    if (declared.isEmpty()) {
      long[] both = Arrays.copyOf(trueValues, trueValues.length + predictedValues.length);
      System.arraycopy(predictedValues, 0, both, trueValues.length, predictedValues.length);
      labels = Arrays.stream(both).sorted().distinct().toArray();
    } else {
      labels = declared.stream().mapToLong(Integer::longValue).toArray();
    }
    return new ClassLabels(labels, encode(metric, "true label", trueValues, labels),
        encode(metric, "predicted label", predictedValues, labels));
  }

  /** Fails when the declared {@code labels} repeat one. */
  static void requireDistinct(List<Integer> labels) {
    if (labels.stream().distinct().count() != labels.size()) {
      throw new KilnException("option 'labels' = " + labels + " repeats a label: list each class once");
    }
  }

  /** The number of rows. */
  int size() {
    return truth.length;
  }

  /** The index of {@code label} in {@link #labels}, or -1. */
  int indexOf(long label) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == label) {
        return i;
      }
    }
    return -1;
  }

  /** The labels present in the truth or the prediction, sorted. */
  long[] present() {
    boolean[] seen = new boolean[labels.length];
    for (int i = 0; i < truth.length; i++) {
      seen[truth[i]] = true;
      seen[predicted[i]] = true;
    }
    return IntStream.range(0, labels.length).filter(i -> seen[i]).mapToLong(i -> labels[i])
        .sorted().toArray();
  }

  /** The confusion counts {@code [true][predicted]} over {@link #labels}. */
  long[][] confusion() {
    long[][] counts = new long[labels.length][labels.length];
    for (int i = 0; i < truth.length; i++) {
      counts[truth[i]][predicted[i]]++;
    }
    return counts;
  }

  private static long[] columns(String metric, INDArray scores, List<Integer> declared) {
    if (!declared.isEmpty() && declared.size() != scores.size(1)) {
      throw new KilnException(metric + ": the prediction has " + scores.size(1) + " score columns but "
          + declared.size() + " labels are declared " + declared + "; declare one label per column");
    }
    long[] columns = Arrays.stream(Nd4j.argMax(scores, 1).toDoubleVector()).mapToLong(v -> (long) v).toArray();
    return declared.isEmpty() ? columns : Arrays.stream(columns).map(j -> declared.get((int) j)).toArray();
  }

  private static long[] integers(String metric, String what, double[] values, String fix) {
    Labels.requireWhole(metric, what, values, fix);
    return Arrays.stream(values).mapToLong(v -> (long) v).toArray();
  }

  private static int[] encode(String metric, String what, long[] values, long[] labels) {
    long[] sorted = labels.clone();
    Arrays.sort(sorted);
    int[] position = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      position[Arrays.binarySearch(sorted, labels[i])] = i;
    }
    int[] out = new int[values.length];
    int bad = 0;
    int first = -1;
    for (int i = 0; i < values.length; i++) {
      int at = Arrays.binarySearch(sorted, values[i]);
      if (at < 0) {
        bad++;
        first = first < 0 ? i : first;
      } else {
        out[i] = position[at];
      }
    }
    if (bad > 0) {
      throw new KilnException(metric + ": " + what + " " + values[first] + " at index " + first
          + " is not among the declared labels " + Arrays.toString(labels) + " (" + bad + " of " + values.length
          + " values); declare it in labels or fix the data");
    }
    return out;
  }
}
