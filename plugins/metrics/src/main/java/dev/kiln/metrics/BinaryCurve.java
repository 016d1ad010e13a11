package dev.kiln.metrics;

import dev.kiln.api.KilnException;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * The operating points of a binary scorer, as scikit-learn's {@code _binary_clf_curve}: for each distinct
 * score {@code s} (descending), the numbers of positives {@code tps} and negatives {@code fps} scored
 * {@code >= s}. Tied scores form one point.
 *
 * <p>The positives' and the negatives' scores are sorted apart (two primitive sorts, {@link Arrays#parallelSort}
 * on the common fork-join pool) and merged from the top, so no index sort is needed; the area under the ROC curve follows exactly from the integer counts as the
 * Mann–Whitney statistic {@code Σ Δfps · (tps_prev + tps) / (2 P N)} (the trapezoidal rule over every point).
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn/metrics/_ranking.py} ({@code _binary_clf_curve},
 * {@code roc_curve}, {@code average_precision_score}); Fawcett, "An introduction to ROC analysis", Pattern
 * Recognition Letters 27(8), 2006.
 */
final class BinaryCurve {
  /** Distinct scores, descending. */
  final double[] thresholds;
  /** Negatives scored at least each threshold. */
  final long[] fps;
  /** Positives scored at least each threshold. */
  final long[] tps;

  private BinaryCurve(double[] thresholds, long[] fps, long[] tps) {
    this.thresholds = thresholds;
    this.fps = fps;
    this.tps = tps;
  }

  /** The curve of {@code scores} where {@code positive[i]} marks the positives. */
  static BinaryCurve of(double[] scores, boolean[] positive) {
    int p = 0;
    for (boolean b : positive) {
      p += b ? 1 : 0;
    }
    double[] pos = new double[p];
    double[] neg = new double[scores.length - p];
    for (int i = 0, a = 0, b = 0; i < scores.length; i++) {
      if (positive[i]) {
        pos[a++] = scores[i];
      } else {
        neg[b++] = scores[i];
      }
    }
    Arrays.parallelSort(pos);
    Arrays.parallelSort(neg);
    double[] thresholds = new double[scores.length];
    long[] fps = new long[scores.length];
    long[] tps = new long[scores.length];
    int m = 0;
    long tp = 0;
    long fp = 0;
    for (int i = pos.length - 1, j = neg.length - 1; i >= 0 || j >= 0; m++) {
      double v = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
      for (; i >= 0 && pos[i] == v; i--) {
        tp++;
      }
      for (; j >= 0 && neg[j] == v; j--) {
        fp++;
      }
      thresholds[m] = v;
      tps[m] = tp;
      fps[m] = fp;
    }
    return new BinaryCurve(Arrays.copyOf(thresholds, m), Arrays.copyOf(fps, m), Arrays.copyOf(tps, m));
  }

  long positives() {
    return tps[tps.length - 1];
  }

  long negatives() {
    return fps[fps.length - 1];
  }

  /** The area under the ROC curve; fails unless there are positives and negatives. */
  double rocAuc(String metric) {
    if (positives() == 0 || negatives() == 0) {
      throw new KilnException(metric + " is undefined when only one class is present: the truth has "
          + positives() + " positive and " + negatives() + " negative samples; pass both");
    }
    long twiceArea = 0;
    long previousTp = 0;
    long previousFp = 0;
    for (int i = 0; i < tps.length; i++) {
      twiceArea += (fps[i] - previousFp) * (previousTp + tps[i]);
      previousTp = tps[i];
      previousFp = fps[i];
    }
    return twiceArea / (2.0 * positives() * negatives());
  }

  /**
   * Average precision {@code Σ (Rₙ − Rₙ₋₁) Pₙ} over the thresholds, not interpolated; 0 without positives
   * (scikit-learn then sets every recall to 1).
   */
  double averagePrecision() {
    if (positives() == 0) {
      return 0;
    }
    double sum = 0;
    double previousRecall = 0;
    for (int i = 0; i < tps.length; i++) {
      double recall = (double) tps[i] / positives();
      sum += (recall - previousRecall) * ((double) tps[i] / (tps[i] + fps[i]));
      previousRecall = recall;
    }
    return sum;
  }

  /** A one-vs-rest result: the averaged value and the value of each class. */
  record OneVsRest(double value, double[] perClass) {}

  /**
   * A binary metric of each class against the rest, class {@code c} scored by column {@code c} of
   * {@code scores [n][k]} ({@code truth[i]} in {@code [0, k)}), and averaged: {@code macro} is the mean over
   * classes, {@code weighted} weights by each class's support, {@code micro} scores all {@code n·k}
   * (indicator, score) pairs as one binary problem.
   */
  static OneVsRest oneVsRest(int[] truth, double[][] scores, String average, ToDoubleFunction<BinaryCurve> metric) {
    int n = truth.length;
    int k = scores[0].length;
    double[] perClass = new double[k];
    long[] support = new long[k];
    double[] column = new double[n];
    boolean[] positive = new boolean[n];
    double sum = 0;
    double weighted = 0;
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < n; i++) {
        column[i] = scores[i][c];
        positive[i] = truth[i] == c;
        support[c] += positive[i] ? 1 : 0;
      }
      perClass[c] = metric.applyAsDouble(of(column, positive));
      sum += perClass[c];
      weighted += perClass[c] * support[c];
    }
    if (!average.equals("micro")) {
      return new OneVsRest(average.equals("weighted") ? weighted / n : sum / k, perClass);
    }
    double[] flat = new double[n * k];
    boolean[] indicator = new boolean[n * k];
    for (int i = 0; i < n; i++) {
      System.arraycopy(scores[i], 0, flat, i * k, k);
      indicator[i * k + truth[i]] = true;
    }
    return new OneVsRest(metric.applyAsDouble(of(flat, indicator)), perClass);
  }
}
