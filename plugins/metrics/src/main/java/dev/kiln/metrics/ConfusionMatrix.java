package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Predictions;
import dev.kiln.api.Schema;
import dev.kiln.api.Score;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The confusion matrix {@code C[i][j]}: the number of samples of true label {@code labels[i]} predicted as
 * {@code labels[j]}, optionally normalised over the true rows ({@code true}), the predicted columns
 * ({@code pred}) or everything ({@code all}), with 0 for an empty row or column. The value is the fraction on
 * the diagonal (the accuracy). Details: {@code matrix} (rows of numbers), {@code labels}, {@code normalize}.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.metrics.confusion_matrix}.
 */
public final class ConfusionMatrix implements Metric<Predictions> {
  static final Option<List<Integer>> LABELS = Option.integers("labels", List.of(),
      "the class labels, in row order; a label outside them is an error; [] takes every label seen, sorted");
  static final Option<String> NORMALIZE = Option.choice("normalize", "none",
      "none: counts; true: each row sums to 1; pred: each column sums to 1; all: the matrix sums to 1",
      "none", "true", "pred", "all");
  static final Schema SCHEMA = Schema.of(LABELS, NORMALIZE);

  /**
   * The options of {@code confusion-matrix}.
   *
   * @param labels the declared labels in row order, or empty for every label seen
   * @param normalize none, true, pred or all
   */
  public record Options(List<Integer> labels, String normalize) {
    public Options {
      labels = List.copyOf(LABELS.check(labels));
      ClassLabels.requireDistinct(labels);
      NORMALIZE.check(normalize);
    }
  }

  private final Options options;

  public ConfusionMatrix(Options options) {
    this.options = options;
  }

  @Override
  public Score score(Predictions input) {
    ClassLabels classes = ClassLabels.of("confusion-matrix", input, options.labels());
    long[][] counts = classes.confusion();
    int k = counts.length;
    double[] rowSums = new double[k];
    double[] columnSums = new double[k];
    long diagonal = 0;
    for (int i = 0; i < k; i++) {
      diagonal += counts[i][i];
      for (int j = 0; j < k; j++) {
        rowSums[i] += counts[i][j];
        columnSums[j] += counts[i][j];
      }
    }
    double total = classes.size();
    Object matrix = counts;
    if (!options.normalize().equals("none")) {
      double[][] normalised = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          double denominator = switch (options.normalize()) {
            case "true" -> rowSums[i];
            case "pred" -> columnSums[j];
            default -> total;
          };
          normalised[i][j] = denominator == 0 ? 0 : counts[i][j] / denominator;
        }
      }
      matrix = normalised;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("matrix", matrix);
    details.put("labels", classes.labels);
    details.put("normalize", options.normalize());
    details.put("n", (long) classes.size());
    return new Score(diagonal / total, details);
  }

  /** The {@code confusion-matrix} plugin. */
  public static final class Plugin implements MetricProvider {
    @Override
    public String name() {
      return "confusion-matrix";
    }

    @Override
    public String summary() {
      return "confusion matrix of true against predicted labels (details.matrix); value: the accuracy";
    }

    @Override
    public String description() {
      return """
          C[i][j] = number of samples with true label labels[i] predicted as labels[j]; labels are the
          declared ones or every label seen, sorted. normalize: true (rows sum to 1), pred (columns sum to 1),
          all (the matrix sums to 1); an empty row or column gives 0. The value is trace(C) / n, the
          accuracy. Predictions are labels [n] or scores [n, k] (row-wise argmax).
          Reference: scikit-learn 1.2 sklearn.metrics.confusion_matrix.
          """;
    }

    @Override
    public Schema schema() {
      return SCHEMA;
    }

    @Override
    public Metric<?> create(Params params) {
      return new ConfusionMatrix(new Options(params.get(LABELS), params.get(NORMALIZE)));
    }

    @Override
    public Class<?> inputType() {
      return Predictions.class;
    }
  }
}
