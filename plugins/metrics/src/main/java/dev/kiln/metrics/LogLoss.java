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
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Log loss (cross-entropy) of predicted class probabilities, {@code −(1/n) Σᵢ log p̂(yᵢ | xᵢ)}, as
 * scikit-learn 1.2 computes it: probabilities are clipped to {@code [ε, 1 − ε]} (ε the machine epsilon of
 * their dtype) and each row is renormalised to sum to 1 before the log. Predictions are probabilities
 * {@code [n, k]}, columns in the sorted class order, or {@code [n]} for two classes (the probability of the
 * greater label). Vectorised: clip, row sums and one gather of the true classes' entries. Details: {@code n},
 * {@code eps}, {@code labels}.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.metrics.log_loss}; Bishop, "Pattern Recognition and Machine
 * Learning", §4.3.4.
 */
public final class LogLoss implements Metric<Predictions> {
  static final Option<List<Integer>> LABELS = Option.integers("labels", List.of(),
      "the class labels of the probability columns (sorted); [] takes the labels seen in the truth");
  static final Schema SCHEMA = Schema.of(LABELS);

  /**
   * The options of {@code log-loss}.
   *
   * @param labels the class labels of the columns, or empty for the labels seen in the truth
   */
  public record Options(List<Integer> labels) {
    public Options {
      labels = List.copyOf(LABELS.check(labels));
      ClassLabels.requireDistinct(labels);
    }
  }

  private final Options options;

  public LogLoss(Options options) {
    this.options = options;
  }

  @Override
  public Score score(Predictions input) {
    INDArray predicted = input.predicted();
    double eps = predicted.dataType() == DataType.FLOAT ? Math.ulp(1.0f) : Math.ulp(1.0);
    Inputs.Scored scored = Inputs.scored("log-loss", input);
    double[] classes = options.labels().isEmpty() ? scored.classes()
        : options.labels().stream().mapToDouble(Integer::doubleValue).sorted().toArray();
    if (classes.length < 2) {
      throw new KilnException("log-loss: the truth holds one label " + Arrays.toString(classes) + "; declare "
          + "every class with the labels option");
    }
    int[] truth = new int[scored.truth().length];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = Arrays.binarySearch(classes, scored.truth()[i] + 0.0);
      if (truth[i] < 0) {
        throw new KilnException("log-loss: true label " + scored.truth()[i] + " at index " + i + " is not among "
            + "the labels " + Arrays.toString(classes) + "; declare it in labels or fix the data");
      }
    }
    boolean oneColumn = predicted.rank() == 1 || predicted.size(1) == 1;
    INDArray probabilities = Transforms.min(Transforms.max(predicted.castTo(DataType.DOUBLE), eps, true),
        1 - eps, false).reshape(truth.length, oneColumn ? 1 : predicted.size(1));
    if (oneColumn) {
      probabilities = Nd4j.hstack(probabilities.rsub(1), probabilities);
    }
    if (probabilities.size(1) != classes.length) {
      throw new KilnException("log-loss: the prediction has " + probabilities.size(1) + " probability columns but"
          + " there are " + classes.length + " classes " + Arrays.toString(classes) + "; declare the classes "
          + "with the labels option or pass one column per class");
    }
    INDArray picked = Inputs.pick(probabilities, truth).div(probabilities.sum(1));
    double loss = -Transforms.log(picked, false).meanNumber().doubleValue();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("n", (long) truth.length);
    details.put("eps", eps);
    details.put("labels", classes);
    return new Score(loss, details);
  }

  /** The {@code log-loss} plugin. */
  public static final class Plugin implements MetricProvider {
    @Override
    public String name() {
      return "log-loss";
    }

    @Override
    public String summary() {
      return "log loss (cross-entropy) of predicted class probabilities (scikit-learn semantics)";
    }

    @Override
    public String description() {
      return """
          log loss = -(1/n) * sum_i log p_i[y_i], where p = clip(prediction, eps, 1 - eps) renormalised so
          each row sums to 1 and eps is the machine epsilon of the prediction's dtype. Predictions are
          probabilities [n, k] (columns in sorted class order) or [n] for two classes (probability of the
          greater label).
          Reference: scikit-learn 1.2 sklearn.metrics.log_loss; Bishop, PRML, section 4.3.4.
          """;
    }

    @Override
    public Schema schema() {
      return SCHEMA;
    }

    @Override
    public Metric<?> create(Params params) {
      return new LogLoss(new Options(params.get(LABELS)));
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
