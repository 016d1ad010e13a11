package dev.kiln.metrics;

import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Predictions;
import dev.kiln.api.Schema;
import dev.kiln.api.Score;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Classification accuracy {@code (1/n) Σ [yᵢ = ŷᵢ]}: the fraction of predicted classes equal to the true
 * ones. Predictions are class labels {@code [n]}, or per-class scores {@code [n, k]} (probabilities or
 * logits), whose row-wise argmax is taken, the lowest class index winning ties (as {@code numpy.argmax}).
 * Details: {@code correct} and {@code n}.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.metrics.accuracy_score}.
 */
public final class Accuracy implements Metric<Predictions> {
  @Override
  public Score score(Predictions input) {
    ClassLabels labels = ClassLabels.of("accuracy", input, List.of());
    long n = labels.truth.length;
    long correct = IntStream.range(0, labels.truth.length).filter(i -> labels.truth[i] == labels.predicted[i])
        .count();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("correct", correct);
    details.put("n", n);
    return new Score((double) correct / n, details);
  }

  /** The {@code accuracy} plugin. */
  public static final class Plugin implements MetricProvider {
    @Override
    public String name() {
      return "accuracy";
    }

    @Override
    public String summary() {
      return "fraction of predicted classes equal to the true classes";
    }

    @Override
    public String description() {
      return """
          accuracy = (1/n) * sum_i [y_i == yhat_i]. Predictions are class labels [n] or per-class scores
          [n, k], reduced by row-wise argmax (ties go to the lowest class index). Details: correct, n.
          Reference: scikit-learn 1.2 sklearn.metrics.accuracy_score.
          """;
    }

    @Override
    public Schema schema() {
      return Schema.empty();
    }

    @Override
    public Metric<?> create(Params params) {
      return new Accuracy();
    }

    @Override
    public Class<?> inputType() {
      return Predictions.class;
    }
  }
}
