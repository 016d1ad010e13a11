package dev.kiln.metrics;

import dev.kiln.api.KilnException;
import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Predictions;
import dev.kiln.api.Schema;
import dev.kiln.api.Score;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    INDArray truth = input.truth();
    long n = truth.length();
    if (truth.rank() == 2 && truth.size(1) > 1) {
      throw new KilnException("accuracy takes one true class per row, got truth of shape "
          + Arrays.toString(truth.shape()) + "; pass class indices [n]");
    }
    if (n == 0) {
      throw new KilnException("accuracy of no predictions is undefined: pass at least one");
    }
    INDArray predicted = input.predicted();
    if (!Inputs.isScores(predicted, n) && !Inputs.isColumn(predicted, n)) {
      throw new KilnException("accuracy needs one predicted class or one row of scores per true class: truth "
          + Arrays.toString(truth.shape()) + ", prediction " + Arrays.toString(predicted.shape()));
    }
    Inputs.requireFinite("accuracy", "true class", truth);
    Inputs.requireFinite("accuracy", "prediction", predicted);
    ClassLabels.integers("accuracy", "true class", Inputs.vector(truth).toDoubleVector());
    INDArray classes = Inputs.isScores(predicted, n)
        ? Nd4j.argMax(predicted, 1).castTo(DataType.DOUBLE) : Inputs.vector(predicted);
    if (!Inputs.isScores(predicted, n)) {
      ClassLabels.integers("accuracy", "predicted class", classes.toDoubleVector());
    }
    long correct = Inputs.vector(truth).eq(classes).castTo(DataType.LONG).sumNumber().longValue();
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
