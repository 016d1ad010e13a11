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
import java.util.stream.IntStream;

/**
 * The receiver operating characteristic of a binary scorer: for each distinct score threshold {@code s}
 * (descending), the false positive rate {@code FPR = FP(score >= s) / N} and the true positive rate
 * {@code TPR = TP(score >= s) / P}, starting at (0, 0) with the threshold {@code max(score) + 1}. With
 * {@code dropIntermediate}, points collinear with their neighbours (zero second difference of both counts)
 * are dropped, which leaves the plotted curve and its area unchanged. The value is the area under the curve.
 * Details: {@code fpr}, {@code tpr}, {@code thresholds}, {@code auc}, {@code posLabel}.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.metrics.roc_curve}; Fawcett, "An introduction to ROC
 * analysis", Pattern Recognition Letters 27(8), 2006.
 */
public final class RocCurve implements Metric<Predictions> {
  static final Option<Integer> POS_LABEL = Option.integer("posLabel", 1,
      "the positive class label; every other label counts as negative");
  static final Option<Boolean> DROP_INTERMEDIATE = Option.flag("dropIntermediate", true,
      "drop thresholds whose points are collinear with their neighbours (sklearn drop_intermediate)");
  static final Schema SCHEMA = Schema.of(POS_LABEL, DROP_INTERMEDIATE);

  /**
   * The options of {@code roc-curve}.
   *
   * @param posLabel the positive class label
   * @param dropIntermediate whether to drop collinear points
   */
  public record Options(int posLabel, boolean dropIntermediate) {
    public Options {
      POS_LABEL.check(posLabel);
      DROP_INTERMEDIATE.check(dropIntermediate);
    }
  }

  private final Options options;

  public RocCurve(Options options) {
    this.options = options;
  }

  @Override
  public Score score(Predictions input) {
    Inputs.Scored scored = Inputs.scored("roc-curve", input);
    if (scored.scores() == null) {
      throw new KilnException("roc-curve is binary: pass one score per row (or probabilities [n, 2]), got "
          + scored.classScores()[0].length + " score columns; use roc-auc for one-vs-rest over classes");
    }
    boolean[] positive = new boolean[scored.truth().length];
    for (int i = 0; i < positive.length; i++) {
      positive[i] = scored.truth()[i] == options.posLabel();
    }
    BinaryCurve curve = BinaryCurve.of(scored.scores(), positive);
    double auc = curve.rocAuc("roc-curve (posLabel " + options.posLabel() + ")");
    int[] kept = kept(curve);
    double[] fpr = new double[kept.length + 1];
    double[] tpr = new double[kept.length + 1];
    double[] thresholds = new double[kept.length + 1];
    thresholds[0] = curve.thresholds[kept[0]] + 1;
    for (int i = 0; i < kept.length; i++) {
      fpr[i + 1] = (double) curve.fps[kept[i]] / curve.negatives();
      tpr[i + 1] = (double) curve.tps[kept[i]] / curve.positives();
      thresholds[i + 1] = curve.thresholds[kept[i]];
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("fpr", fpr);
    details.put("tpr", tpr);
    details.put("thresholds", thresholds);
    details.put("auc", auc);
    details.put("posLabel", options.posLabel());
    return new Score(auc, details);
  }

  /** The indices of the points kept: all, or the ends and the corners when dropping intermediate ones. */
  private int[] kept(BinaryCurve curve) {
    int m = curve.tps.length;
    if (!options.dropIntermediate() || m <= 2) {
      return IntStream.range(0, m).toArray();
    }
    int[] out = new int[m];
    int count = 0;
    out[count++] = 0;
    for (int i = 1; i < m - 1; i++) {
      long fpBend = curve.fps[i - 1] - 2 * curve.fps[i] + curve.fps[i + 1];
      long tpBend = curve.tps[i - 1] - 2 * curve.tps[i] + curve.tps[i + 1];
      if (fpBend != 0 || tpBend != 0) {
        out[count++] = i;
      }
    }
    out[count++] = m - 1;
    return Arrays.copyOf(out, count);
  }

  /** The {@code roc-curve} plugin. */
  public static final class Plugin implements MetricProvider {
    @Override
    public String name() {
      return "roc-curve";
    }

    @Override
    public String summary() {
      return "ROC curve of a binary scorer (details: fpr, tpr, thresholds); value: the area under it";
    }

    @Override
    public String description() {
      return """
          For each distinct score threshold s, descending: FPR = #negatives scored >= s / #negatives and
          TPR = #positives scored >= s / #positives, after a first point (0, 0) at threshold max + 1.
          dropIntermediate removes points collinear with their neighbours (the curve is unchanged). Truth:
          labels, posLabel positive and every other label negative; scores [n] or probabilities [n, 2].
          The value is the area under the curve (trapezoidal rule, computed exactly from the counts).
          Reference: scikit-learn 1.2 sklearn.metrics.roc_curve; Fawcett, Pattern Recognition Letters 2006.
          """;
    }

    @Override
    public Schema schema() {
      return SCHEMA;
    }

    @Override
    public Metric<?> create(Params params) {
      return new RocCurve(new Options(params.get(POS_LABEL), params.get(DROP_INTERMEDIATE)));
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
