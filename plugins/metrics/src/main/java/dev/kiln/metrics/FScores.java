package dev.kiln.metrics;

import dev.kiln.api.KilnException;
import dev.kiln.api.Predictions;
import dev.kiln.api.Score;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Precision, recall and F-beta per label and averaged, exactly as scikit-learn 1.2's
 * {@code precision_recall_fscore_support}. With per-label counts {@code tp}, predicted {@code p} and true
 * {@code t}:
 * <pre>
 *   P = tp / p,  R = tp / t   (zeroDivision where the denominator is 0)
 *   F = (1 + β²) P R / (β² P + R)   (0 where β² P + R = 0; F = R for β = ∞)
 * </pre>
 * {@code macro} averages over the labels, {@code weighted} weights by {@code t} (all zeroDivision when no
 * label has a true sample), {@code micro} first sums {@code tp}, {@code p} and {@code t} over the labels, and
 * {@code binary} takes the {@code posLabel} row alone. The metrics {@code precision}, {@code recall},
 * {@code f1} and {@code fbeta} share this and differ in the value they headline.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn/metrics/_classification.py}.
 */
final class FScores {
  /** Which of the three values a metric reports as its value. */
  enum Headline { PRECISION, RECALL, F_SCORE }

  /** The part of precision's, recall's and the F-scores' {@code help()} that describes this computation. */
  static final String HELP = """
      Per label, with true positives tp, predicted count p and true count t:
        precision = tp / p, recall = tp / t (zeroDivision where the denominator is 0),
        F-beta = (1 + beta^2) * P * R / (beta^2 * P + R) (0 where that denominator is 0).
      average: binary (the posLabel class; fails on multi-class data), macro (unweighted mean over
      labels), micro (from tp, p, t summed over labels), weighted (mean weighted by t), none (value NaN;
      per-class values in details). Predictions are labels [n] or scores [n, k] (row-wise argmax).
      """;

  private FScores() {}

  static Score score(String metric, Predictions input, ClassificationOptions options, Headline headline) {
    ClassLabels classes = ClassLabels.of(metric, input, options.labels());
    long[] labels = evaluatedLabels(metric, classes, options);
    long[][] confusion = classes.confusion();
    int k = labels.length;
    double[] tp = new double[k];
    double[] predicted = new double[k];
    double[] actual = new double[k];
    for (int j = 0; j < k; j++) {
      int c = classes.indexOf(labels[j]);
      for (int other = 0; c >= 0 && other < classes.labels.length; other++) {
        predicted[j] += confusion[other][c];
        actual[j] += confusion[c][other];
      }
      tp[j] = c >= 0 ? confusion[c][c] : 0;
    }
    double[] precision = divide(tp, predicted, options.zeroDivision());
    double[] recall = divide(tp, actual, options.zeroDivision());
    double[] fScore = fScore(precision, recall, options.beta());
    double[] averaged = average(options, tp, predicted, actual, precision, recall, fScore);

    Map<String, Object> perClass = new LinkedHashMap<>();
    perClass.put("precision", precision);
    perClass.put("recall", recall);
    perClass.put("fScore", fScore);
    perClass.put("support", Arrays.stream(actual).mapToLong(v -> (long) v).toArray());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("average", options.average());
    details.put("labels", labels);
    details.put("precision", averaged[0]);
    details.put("recall", averaged[1]);
    details.put("fScore", averaged[2]);
    details.put("beta", options.beta());
    details.put("perClass", perClass);
    details.put("zeroDivision", options.zeroDivision());
    details.put("zeroDivisionLabels", IntStream.range(0, k)
        .filter(j -> predicted[j] == 0 || actual[j] == 0).mapToLong(j -> labels[j]).toArray());
    details.put("n", (long) classes.size());
    double value = switch (headline) {
      case PRECISION -> averaged[0];
      case RECALL -> averaged[1];
      case F_SCORE -> averaged[2];
    };
    return new Score(value, details);
  }

  /** The labels scored: the posLabel alone for binary (multi-class data is an error), else all. */
  private static long[] evaluatedLabels(String metric, ClassLabels classes, ClassificationOptions options) {
    if (!options.average().equals("binary")) {
      return classes.labels;
    }
    long[] present = classes.present();
    if (present.length > 2) {
      throw new KilnException(metric + ": the labels are multi-class " + Arrays.toString(present) + " but "
          + "average is 'binary'; choose average: 'macro', 'micro', 'weighted' or 'none'");
    }
    if (present.length == 2 && Arrays.stream(present).noneMatch(l -> l == options.posLabel())) {
      throw new KilnException(metric + ": posLabel " + options.posLabel() + " is not one of the labels "
          + Arrays.toString(present) + "; set posLabel to the positive class");
    }
    return new long[] {options.posLabel()};
  }

  private static double[] divide(double[] numerator, double[] denominator, double zeroDivision) {
    double[] out = new double[numerator.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = denominator[j] == 0 ? zeroDivision : numerator[j] / denominator[j];
    }
    return out;
  }

  private static double[] fScore(double[] precision, double[] recall, double beta) {
    double beta2 = beta * beta;
    double[] out = new double[precision.length];
    for (int j = 0; j < out.length; j++) {
      if (Double.isInfinite(beta)) {
        out[j] = recall[j];
        continue;
      }
      double denominator = beta2 * precision[j] + recall[j];
      out[j] = (1 + beta2) * precision[j] * recall[j] / (denominator == 0 ? 1 : denominator);
    }
    return out;
  }

  /** {precision, recall, F} averaged as the options say; NaN for 'none'. */
  private static double[] average(ClassificationOptions options, double[] tp, double[] predicted,
      double[] actual, double[] precision, double[] recall, double[] fScore) {
    switch (options.average()) {
      case "none":
        return new double[] {Double.NaN, Double.NaN, Double.NaN};
      case "micro": {
        double[] p = divide(new double[] {sum(tp)}, new double[] {sum(predicted)}, options.zeroDivision());
        double[] r = divide(new double[] {sum(tp)}, new double[] {sum(actual)}, options.zeroDivision());
        return new double[] {p[0], r[0], fScore(p, r, options.beta())[0]};
      }
      case "weighted": {
        double total = sum(actual);
        if (total == 0) {
          double z = options.zeroDivision();
          return sum(predicted) == 0 ? new double[] {z, z, z} : new double[] {0, z, 0};
        }
        return new double[] {dot(precision, actual) / total, dot(recall, actual) / total,
            dot(fScore, actual) / total};
      }
      default:
        return new double[] {sum(precision) / tp.length, sum(recall) / tp.length, sum(fScore) / tp.length};
    }
  }

  private static double sum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  private static double dot(double[] a, double[] b) {
    double total = 0;
    for (int i = 0; i < a.length; i++) {
      total += a[i] * b[i];
    }
    return total;
  }

}
