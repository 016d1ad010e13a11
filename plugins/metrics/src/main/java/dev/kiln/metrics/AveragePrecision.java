package dev.kiln.metrics;

import dev.kiln.api.KilnException;
import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Predictions;
import dev.kiln.api.Schema;
import dev.kiln.api.Score;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Average precision {@code AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ}: precision at each distinct score threshold weighted by
 * the recall it adds, not interpolated (so not the trapezoidal area under the precision-recall curve).
 * Binary truth takes one score per row (or probabilities {@code [n, 2]}) with {@code posLabel} positive; AP
 * is 0 when there is no positive. Multi-class truth takes scores {@code [n, k]} (columns in sorted class
 * order) and averages the one-vs-rest APs: {@code macro}, {@code weighted} (by support) or {@code micro}.
 * Details: {@code average}, {@code labels}, {@code perClass} (multi-class).
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.metrics.average_precision_score} (multi-class through
 * {@code label_binarize}, as for multilabel indicators); Manning, Raghavan, Schütze, "Introduction to
 * Information Retrieval", §8.4.
 */
public final class AveragePrecision implements Metric<Predictions> {
  static final Option<Integer> POS_LABEL = Option.integer("posLabel", 1, "the positive class label (binary)");
  static final Option<String> AVERAGE = Option.choice("average", "macro",
      "multi-class one-vs-rest averaging: macro (mean), weighted (by support), micro (pooled pairs)",
      "macro", "weighted", "micro");
  static final Schema SCHEMA = Schema.of(POS_LABEL, AVERAGE);

  /**
   * The options of {@code average-precision}.
   *
   * @param posLabel the positive class label for binary truth
   * @param average macro, weighted or micro (multi-class only)
   */
  public record Options(int posLabel, String average) {
    public Options {
      POS_LABEL.check(posLabel);
      AVERAGE.check(average);
    }
  }

  private final Options options;

  public AveragePrecision(Options options) {
    this.options = options;
  }

  @Override
  public Score score(Predictions input) {
    Inputs.Scored scored = Inputs.scored("average-precision", input);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("labels", scored.classes());
    details.put("n", (long) scored.truth().length);
    if (scored.scores() != null) {
      scored.requireBinary("average-precision");
      if (scored.classes().length == 2 && Arrays.stream(scored.classes()).noneMatch(c -> c == options.posLabel())) {
        throw new KilnException("average-precision: posLabel " + options.posLabel() + " is not one of the labels "
            + Arrays.toString(scored.classes()) + "; set posLabel to the positive class");
      }
      boolean[] positive = new boolean[scored.truth().length];
      for (int i = 0; i < positive.length; i++) {
        positive[i] = scored.truth()[i] == options.posLabel();
      }
      details.put("average", "binary");
      return new Score(BinaryCurve.of(scored.scores(), positive).averagePrecision(), details);
    }
    BinaryCurve.OneVsRest result = BinaryCurve.oneVsRest(scored.classIndices("average-precision"),
        scored.classScores(), options.average(), BinaryCurve::averagePrecision);
    details.put("average", options.average());
    details.put("perClass", result.perClass());
    return new Score(result.value(), details);
  }

  /** The {@code average-precision} plugin. */
  public static final class Plugin implements MetricProvider {
    @Override
    public String name() {
      return "average-precision";
    }

    @Override
    public String summary() {
      return "average precision sum_n (R_n - R_n-1) P_n over score thresholds (scikit-learn semantics)";
    }

    @Override
    public String description() {
      return """
          AP = sum_n (R_n - R_{n-1}) * P_n over the distinct score thresholds, descending, with precision
          P_n and recall R_n of the samples scored >= threshold n (no interpolation); 0 with no positives.
          Binary: scores [n] or probabilities [n, 2], posLabel positive. Multi-class: scores [n, k] (columns
          in sorted class order), one-vs-rest AP per class averaged macro, weighted (by support) or micro.
          Reference: scikit-learn 1.2 sklearn.metrics.average_precision_score; Manning et al.,
          Introduction to Information Retrieval, section 8.4.
          """;
    }

    @Override
    public Schema schema() {
      return SCHEMA;
    }

    @Override
    public Metric<?> create(Params params) {
      return new AveragePrecision(new Options(params.get(POS_LABEL), params.get(AVERAGE)));
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
