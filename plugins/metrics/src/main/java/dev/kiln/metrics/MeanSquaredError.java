package dev.kiln.metrics;

import dev.kiln.api.KilnException;
import dev.kiln.api.Metric;
import dev.kiln.api.MetricProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Predictions;
import dev.kiln.api.Schema;
import dev.kiln.api.Score;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean squared error {@code MSE = (1/n) Σ (yᵢ − ŷᵢ)²} over every element, in float64; for several outputs
 * this is the mean of the per-output errors, as scikit-learn's {@code multioutput='uniform_average'}.
 * Details: {@code n}, the number of values.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.metrics.mean_squared_error}.
 */
public final class MeanSquaredError implements Metric<Predictions> {
  @Override
  public Score score(Predictions input) {
    INDArray truth = input.truth();
    INDArray predicted = input.predicted();
    if (!Inputs.sameShape(truth, predicted)) {
      throw new KilnException("mse needs one prediction per true value: truth " + Arrays.toString(truth.shape())
          + ", prediction " + Arrays.toString(predicted.shape()));
    }
    if (truth.length() == 0) {
      throw new KilnException("mse of no values is undefined: pass at least one value");
    }
    Inputs.requireFinite("mse", "true value", truth);
    Inputs.requireFinite("mse", "prediction", predicted);
    INDArray error = Inputs.vector(truth).sub(Inputs.vector(predicted));
    long n = error.length();
    double value = Nd4j.getBlasWrapper().level1().dot(n, 1.0, error, error) / n;
    return new Score(value, Map.of("n", n));
  }

  /** The {@code mse} plugin. */
  public static final class Plugin implements MetricProvider {
    @Override
    public String name() {
      return "mse";
    }

    @Override
    public String summary() {
      return "mean squared error between true values and predictions";
    }

    @Override
    public String description() {
      return """
          MSE = (1/n) * sum_i (y_i - yhat_i)^2 over every value, in float64; scores (truth, prediction) of
          the same length. Details: n. NaN or infinite inputs are rejected.
          Reference: scikit-learn 1.2 sklearn.metrics.mean_squared_error.
          """;
    }

    @Override
    public Schema schema() {
      return Schema.empty();
    }

    @Override
    public Metric<?> create(Params params) {
      return new MeanSquaredError();
    }

    @Override
    public Class<?> inputType() {
      return Predictions.class;
    }
  }
}
