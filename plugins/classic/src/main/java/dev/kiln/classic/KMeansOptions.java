package dev.kiln.classic;

import dev.kiln.api.Option;
import dev.kiln.api.Params;
import dev.kiln.api.Schema;

/**
 * The options of {@link KMeans}, validated on construction; the defaults are scikit-learn 1.2's.
 *
 * @param k the number of clusters, {@code >= 1} ({@code n_clusters}, default 8)
 * @param init {@code k-means++} (greedy k-means++ seeding) or {@code random} ({@code k} distinct rows)
 * @param nInit how many seeded runs to make, keeping the one of lowest inertia ({@code n_init}, default 10)
 * @param maxIter the most Lloyd iterations per run ({@code max_iter}, default 300)
 * @param tol stop when the centers move less than {@code tol} times the mean feature variance
 *     (sum of squared shifts), default 1e-4
 * @param seed the seed of the initialisations
 */
public record KMeansOptions(int k, String init, int nInit, int maxIter, double tol, int seed) {
  static final Option<Integer> K = Option.integer("k", 8, "number of clusters (sklearn n_clusters)").min(1);
  static final Option<String> INIT = Option.choice("init", "k-means++",
      "initial centers: k-means++ (greedy k-means++ seeding, 2 + ln k trials per center) or random (k distinct "
          + "rows)", "k-means++", "random");
  static final Option<Integer> N_INIT = Option.integer("nInit", 10,
      "runs from different initial centers; the run of lowest inertia is kept (sklearn n_init)").min(1);
  static final Option<Integer> MAX_ITER = Option.integer("maxIter", 300, "most Lloyd iterations per run").min(1);
  static final Option<Double> TOL = Option.real("tol", 1e-4,
      "stop when the sum of squared center shifts is at most tol * mean feature variance").min(0);
  static final Option<Integer> SEED = Option.integer("seed", 0, "seed of the initial centers");

  /** The schema of {@code kmeans}'s options. */
  static final Schema SCHEMA = Schema.of(K, INIT, N_INIT, MAX_ITER, TOL, SEED);

  public KMeansOptions {
    K.check(k);
    INIT.check(init);
    N_INIT.check(nInit);
    MAX_ITER.check(maxIter);
    TOL.check(tol);
    SEED.check(seed);
  }

  /** {@code k} clusters, otherwise the defaults. */
  public static KMeansOptions of(int k) {
    return new KMeansOptions(k, "k-means++", 10, 300, 1e-4, 0);
  }

  /** The options in validated {@code params} of {@link #SCHEMA}. */
  public static KMeansOptions from(Params params) {
    return new KMeansOptions(params.get(K), params.get(INIT), params.get(N_INIT), params.get(MAX_ITER),
        params.get(TOL), params.get(SEED));
  }
}
