package dev.kiln.classic;

import dev.kiln.api.Model;
import dev.kiln.api.ModelProvider;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Training;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * k-nearest-neighbours regression: the weighted mean of the targets of the {@code k} nearest training rows,
 * <pre>  ŷ(x) = Σ_{i ∈ N_k(x)} w_i y_i / Σ_{i ∈ N_k(x)} w_i</pre>
 * with the weights and the neighbour search of {@link Knn} ({@link Neighbors}).
 *
 * <p>Reference: Hastie, Tibshirani, Friedman, "The Elements of Statistical Learning", 2nd ed., §2.3.2;
 * scikit-learn 1.2 {@code sklearn.neighbors.KNeighborsRegressor} with {@code algorithm="brute"}.
 */
public final class KnnRegressor implements Model {
  private static final String NAME = "knn-regressor";
  private final KnnOptions options;
  private Neighbors neighbors;
  private double[] targets;
  private INDArray trainTargets;

  public KnnRegressor(KnnOptions options) {
    this.options = options;
  }

  public KnnOptions options() {
    return options;
  }

  @Override
  public Fit fit(Dataset train, Training how) {
    Inputs.withoutOptimizer(NAME, how);
    long start = System.nanoTime();
    trainTargets = Inputs.finiteTarget(NAME, train.labels());
    targets = trainTargets.toDoubleVector();
    neighbors = Neighbors.over(NAME, train.features(), options);
    return new Fit(0, List.of(), 0, Duration.ofNanos(System.nanoTime() - start));
  }

  @Override
  public INDArray predict(INDArray x) {
    if (neighbors == null) {
      throw Inputs.notFitted(NAME);
    }
    Neighbors.Found found = neighbors.search(Inputs.matrix(NAME, x, neighbors.width()), options.k());
    double[] out = new double[found.indices().length];
    for (int i = 0; i < out.length; i++) {
      double[] weights = found.weights(i, options.distanceWeighted());
      int[] nearest = found.indices()[i];
      double sum = 0;
      double total = 0;
      for (int j = 0; j < nearest.length; j++) {
        sum += targets[nearest[j]] * weights[j];
        total += weights[j];
      }
      out[i] = sum / total;
    }
    return Nd4j.createFromArray(out);
  }

  /** The training rows {@code x [n, d]} and their targets {@code y [n]}. */
  @Override
  public Map<String, INDArray> state() {
    if (neighbors == null) {
      throw Inputs.notFitted(NAME);
    }
    return Map.of("x", neighbors.train(), "y", trainTargets);
  }

  @Override
  public void restore(Map<String, INDArray> state) {
    fit(Neighbors.stored(NAME, state), Training.defaults());
  }

  /** The {@code knn-regressor} plugin. */
  public static final class Plugin implements ModelProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String summary() {
      return "k-nearest-neighbours regression: the uniform or 1/d weighted mean of the neighbours' targets";
    }

    @Override
    public String description() {
      return """
          Predicts y(x) = sum of w_i y_i / sum of w_i over the k nearest training rows, with w_i = 1 (uniform)
          or 1 / d(x, x_i) (distance; neighbours at distance 0 take all the weight); euclidean, manhattan or
          cosine distance, brute-force search in blocks of bounded memory as knn.
          Reference: Hastie, Tibshirani, Friedman, The Elements of Statistical Learning, 2nd ed., 2.3.2;
          scikit-learn 1.2 KNeighborsRegressor(algorithm="brute").
          """;
    }

    @Override
    public Schema schema() {
      return KnnOptions.SCHEMA;
    }

    @Override
    public Model create(Params params) {
      return new KnnRegressor(KnnOptions.from(params));
    }
  }
}
