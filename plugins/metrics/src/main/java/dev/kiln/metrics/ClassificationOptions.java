package dev.kiln.metrics;

import dev.kiln.api.KilnException;
import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import java.util.List;

/**
 * The options of the label-set metrics ({@code precision}, {@code recall}, {@code f1}, {@code fbeta}),
 * validated on construction; scikit-learn 1.2's {@code precision_recall_fscore_support} arguments.
 *
 * @param average {@code binary} (the {@code posLabel} class only; fails on more than two labels),
 *     {@code macro}, {@code micro}, {@code weighted} or {@code none} (per-class values only)
 * @param posLabel the positive class for {@code binary}
 * @param labels the declared class labels, in report order; empty: every label seen, sorted. A label outside
 *     a declared set is an error.
 * @param zeroDivision the value (0 or 1) of a precision or recall whose denominator is zero
 * @param beta the weight of recall in F-beta, {@code >= 0}; 1 for F1
 */
public record ClassificationOptions(String average, int posLabel, List<Integer> labels, double zeroDivision,
    double beta) {
  static final Option<String> AVERAGE = Option.choice("average", "binary",
      "binary: the posLabel class (two labels only); macro: unweighted mean over labels; micro: from the summed"
          + " counts; weighted: mean weighted by support; none: per-class values in details, value NaN",
      "binary", "macro", "micro", "weighted", "none");
  static final Option<Integer> POS_LABEL = Option.integer("posLabel", 1,
      "the positive class label when average is binary");
  static final Option<List<Integer>> LABELS = Option.integers("labels", List.of(),
      "the class labels, in report order; a label outside them is an error; [] takes every label seen");
  static final Option<Double> ZERO_DIVISION = Option.real("zeroDivision", 0,
      "the value (0 or 1) of a precision or recall with a zero denominator (sklearn zero_division)")
      .min(0).max(1);
  static final Option<Double> BETA = Option.real("beta", 1, "the weight of recall: F-beta = (1 + b^2) P R / "
      + "(b^2 P + R)").min(0);

  /** The schema of {@code precision}, {@code recall} and {@code f1}. */
  static final Schema SCHEMA = Schema.of(AVERAGE, POS_LABEL, LABELS, ZERO_DIVISION);
  /** The schema of {@code fbeta}. */
  static final Schema FBETA_SCHEMA = Schema.of(BETA, AVERAGE, POS_LABEL, LABELS, ZERO_DIVISION);

  public ClassificationOptions {
    AVERAGE.check(average);
    POS_LABEL.check(posLabel);
    labels = List.copyOf(LABELS.check(labels));
    ZERO_DIVISION.check(zeroDivision);
    BETA.check(beta);
    if (zeroDivision != 0 && zeroDivision != 1) {
      throw new KilnException("option 'zeroDivision' = " + zeroDivision + " is not valid: use 0 or 1");
    }
    ClassLabels.requireDistinct(labels);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}, with {@code beta} 1. */
  static ClassificationOptions from(Params params) {
    double beta = params.schema().options().contains(BETA) ? params.get(BETA) : 1;
    return new ClassificationOptions(params.get(AVERAGE), params.get(POS_LABEL), params.get(LABELS),
        params.get(ZERO_DIVISION), beta);
  }
}
