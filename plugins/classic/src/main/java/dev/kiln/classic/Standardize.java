package dev.kiln.classic;

import dev.kiln.api.Model;
import dev.kiln.api.ModelProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.Transformer;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Training;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Standardisation {@code z = (x − μ) / σ} per feature, with the mean {@code μ} and the population standard
 * deviation {@code σ = sqrt(mean((x − μ)²))} (ddof 0) of the training rows. Fit on training data, then
 * transform training and test data alike ({@code predict} is {@code transform}). As scikit-learn's
 * {@code StandardScaler}: a feature whose variance is within rounding of zero
 * ({@code var <= n·eps·var + (n·μ·eps)²}) keeps {@code σ = 1}, and {@code withMean} / {@code withStd} switch
 * either step off.
 *
 * <p>Reference: scikit-learn 1.2 {@code sklearn.preprocessing.StandardScaler}.
 */
public final class Standardize implements Transformer {
  private static final String NAME = "standardize";
  private final StandardizeOptions options;
  private INDArray mean;
  private INDArray variance;
  private INDArray scale;

  public Standardize(StandardizeOptions options) {
    this.options = options;
  }

  public StandardizeOptions options() {
    return options;
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    Inputs.withoutOptimizer(NAME, how);
    long start = System.nanoTime();
    INDArray x = Inputs.matrix(NAME, train.features());
    long n = x.size(0);
    mean = x.mean(0);
    variance = x.var(false, 0);
    double[] m = mean.toDoubleVector();
    double[] v = variance.toDoubleVector();
    double eps = Math.ulp(1.0);
    double[] s = new double[v.length];
    for (int f = 0; f < v.length; f++) {
      boolean constant = v[f] <= n * eps * v[f] + Math.pow(n * m[f] * eps, 2);
      s[f] = !options.withStd() || constant ? 1 : Math.sqrt(v[f]);
    }
    scale = Nd4j.createFromArray(s);
    return new Fit(0, List.of(), 0, Duration.ofNanos(System.nanoTime() - start));
  }

  /** {@code (x − μ) / σ} with the training statistics. */
  @Override
  public INDArray transform(INDArray x) {
    if (mean == null) {
      throw Inputs.notFitted(NAME);
    }
    INDArray rows = Inputs.matrix(NAME, x, mean.length());
    return (options.withMean() ? rows.subRowVector(mean) : rows.dup()).diviRowVector(scale);
  }

  @Override
  public INDArray predict(INDArray x) {
    return transform(x);
  }

  /** {@code mean}, {@code variance} and {@code scale} per feature (scikit-learn's mean_, var_, scale_). */
  @Override
  public Map<String, Object> attributes() {
    return mean == null ? Map.of() : new LinkedHashMap<>(state());
  }

  @Override
  public Map<String, INDArray> state() {
    if (mean == null) {
      throw Inputs.notFitted(NAME);
    }
    Map<String, INDArray> out = new LinkedHashMap<>();
    out.put("mean", mean);
    out.put("variance", variance);
    out.put("scale", scale);
    return out;
  }

  @Override
  public void restore(Map<String, INDArray> state) {
    List<INDArray> v = Inputs.featureVectors(NAME, state, "mean", "variance", "scale");
    mean = v.get(0);
    variance = v.get(1);
    scale = v.get(2);
  }

  /** The {@code standardize} plugin. */
  public static final class Plugin implements ModelProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String summary() {
      return "standardise features: (x - mean) / std, fitted on training data (sklearn StandardScaler)";
    }

    @Override
    public String description() {
      return """
          Per feature, z = (x - mu) / sigma with the training mean mu and population standard deviation
          sigma = sqrt(mean((x - mu)^2)); constant features keep sigma = 1. Fit on the training data, then
          transform (or predict) training and test data alike. withMean / withStd switch either step off.
          Attributes: mean, variance, scale.
          Reference: scikit-learn 1.2 sklearn.preprocessing.StandardScaler.
          """;
    }

    @Override
    public Schema schema() {
      return StandardizeOptions.SCHEMA;
    }

    @Override
    public Model create(Params params) {
      return new Standardize(StandardizeOptions.from(params));
    }
  }
}
