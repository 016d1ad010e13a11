package dev.kiln.classic;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link Knn} and {@link KnnRegressor}, validated on construction.
 *
 * @param k the number of neighbours, {@code >= 1} (scikit-learn's {@code n_neighbors}, default 5)
 * @param weights {@code uniform} (every neighbour counts the same) or {@code distance} (weight {@code 1/d})
 * @param metric {@code euclidean}, {@code manhattan} or {@code cosine} ({@code 1 − cos} of the angle)
 */
public record KnnOptions(int k, String weights, String metric) {
  static final Option<Integer> K = Option.integer("k", 5, "number of neighbours (sklearn n_neighbors)").min(1);
  static final Option<String> WEIGHTS = Option.choice("weights", "uniform",
      "uniform: each neighbour counts once; distance: weight 1/d (neighbours at distance 0 take all the weight)",
      "uniform", "distance");
  static final Option<String> METRIC = Option.choice("metric", "euclidean",
      "distance: euclidean sqrt(sum (x - y)^2), manhattan sum |x - y|, cosine 1 - x.y / (|x| |y|)",
      "euclidean", "manhattan", "cosine");

  /** The schema of {@code knn}'s and {@code knn-regressor}'s options. */
  static final Schema SCHEMA = Schema.of(K, WEIGHTS, METRIC);

  public KnnOptions {
    K.check(k);
    WEIGHTS.check(weights);
    METRIC.check(metric);
  }

  /** {@code k} neighbours, uniform weights, euclidean distance. */
  public static KnnOptions of(int k) {
    return new KnnOptions(k, "uniform", "euclidean");
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static KnnOptions from(Params params) {
    return new KnnOptions(params.get(K), params.get(WEIGHTS), params.get(METRIC));
  }

  boolean distanceWeighted() {
    return weights.equals("distance");
  }
}
