package dev.kiln.metrics;

import dev.kiln.api.KilnException;
import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Predictions;
import dev.kiln.api.Schema;
import dev.kiln.api.Score;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The area under the ROC curve, {@code AUC = P(score of a random positive > score of a random negative)}
 * with ties counting one half (the Mann–Whitney U statistic over {@code P·N}). Binary truth takes one score
 * per row (or probabilities {@code [n, 2]}), the greater label being positive. Multi-class truth takes
 * probabilities {@code [n, k]} (rows summing to 1, columns in the sorted class order) and averages the
 * one-vs-rest AUCs: {@code macro} (mean), {@code weighted} (by class support) or {@code micro} (all
 * indicator–score pairs at once). Details: {@code average}, {@code labels}, {@code perClass} (multi-class).
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.metrics.roc_auc_score} ({@code multi_class='ovr'}); Hanley
 * and McNeil, "The meaning and use of the area under a ROC curve", Radiology 143(1), 1982.
 */
public final class RocAuc implements Metric<Predictions> {
  static final Option<String> AVERAGE = Option.choice("average", "macro",
      "multi-class one-vs-rest averaging: macro (mean), weighted (by support), micro (pooled pairs)",
      "macro", "weighted", "micro");
  static final Schema SCHEMA = Schema.of(AVERAGE);

  /**
   * The options of {@code roc-auc}.
   *
   * @param average macro, weighted or micro (multi-class only)
   */
  public record Options(String average) {
    public Options {
      AVERAGE.check(average);
    }
  }

  private final Options options;

  public RocAuc(Options options) {
    this.options = options;
  }

  @Override
  public Score score(Predictions input) {
    Inputs.Scored scored = Inputs.scored("roc-auc", input);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("labels", scored.classes());
    details.put("n", (long) scored.truth().length);
    if (scored.scores() != null) {
      scored.requireBinary("roc-auc");
      double positiveLabel = scored.classes()[scored.classes().length - 1];
      boolean[] positive = new boolean[scored.truth().length];
      for (int i = 0; i < positive.length; i++) {
        positive[i] = scored.truth()[i] == positiveLabel;
      }
      details.put("average", "binary");
      return new Score(BinaryCurve.of(scored.scores(), positive).rocAuc("roc-auc"), details);
    }
    int[] truth = scored.classIndices("roc-auc");
    requireProbabilities(scored.classScores());
    BinaryCurve.OneVsRest result = BinaryCurve.oneVsRest(truth, scored.classScores(), options.average(),
        curve -> curve.rocAuc("roc-auc"));
    details.put("average", options.average());
    details.put("perClass", result.perClass());
    return new Score(result.value(), details);
  }

  /** Fails unless every row sums to 1 within numpy.allclose's tolerance (1e-8 + 1e-5 |sum|). */
  private static void requireProbabilities(double[][] scores) {
    for (int i = 0; i < scores.length; i++) {
      double sum = 0;
      for (double v : scores[i]) {
        sum += v;
      }
      if (Math.abs(1 - sum) > 1e-8 + 1e-5 * Math.abs(sum)) {
        throw new KilnException("roc-auc: multi-class scores must be probabilities, but row " + i + " sums to "
            + sum + "; apply softmax (or predictProba) first");
      }
    }
  }

  /** The {@code roc-auc} plugin. */
  public static final class Plugin implements MetricProvider {
    @Override
    public String name() {
      return "roc-auc";
    }

    @Override
    public String summary() {
      return "area under the ROC curve, binary or one-vs-rest multi-class (scikit-learn semantics)";
    }

    @Override
    public String description() {
      return """
          AUC = (sum over positive-negative pairs of [s+ > s-] + 0.5 [s+ = s-]) / (P * N), the area under
          the ROC curve. Binary: scores [n] or probabilities [n, 2], the greater label positive. Multi-class:
          probabilities [n, k] (rows sum to 1, columns in sorted class order), one-vs-rest AUC per class,
          averaged: macro (mean), weighted (by support) or micro (all indicator-score pairs pooled).
          Reference: scikit-learn 1.2 sklearn.metrics.roc_auc_score (multi_class='ovr'); Hanley & McNeil,
          Radiology 1982.
          """;
    }

    @Override
    public Schema schema() {
      return SCHEMA;
    }

    @Override
    public Metric<?> create(Params params) {
      return new RocAuc(new Options(params.get(AVERAGE)));
    }

    @Override
    public Class<?> inputType() {
      return Predictions.class;
    }

    @Override
    public boolean scoresProbabilities() {
      return true;
    }
  }
}
