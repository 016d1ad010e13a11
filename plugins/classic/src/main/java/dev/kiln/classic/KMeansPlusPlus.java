package dev.kiln.classic;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMin;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Greedy k-means++ seeding: the first center is a uniformly random row; each next one is the best of
 * {@code 2 + ⌊ln k⌋} candidates drawn with probability proportional to {@code D(x)²}, the squared distance
 * from a row to its nearest center so far, "best" meaning the candidate that leaves the smallest potential
 * {@code φ = Σ_x min(D(x)², ||x − c||²)}. Candidates are drawn by inverse-CDF search in the cumulative sum of
 * {@code D²} (first index whose cumulative sum reaches {@code u·φ}); the candidates' distances to every row
 * are one GEMM ({@link Rows#squaredDistances}). As scikit-learn's {@code _kmeans_plusplus}, but with Java's
 * {@link Random} for the draws, so the centers differ from scikit-learn's for the same seed.
 *
 * <p>Reference: Arthur and Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007 (the
 * greedy variant with several local trials is their §6); scikit-learn 1.2 {@code sklearn.cluster.kmeans_plusplus}.
 */
final class KMeansPlusPlus {
  private KMeansPlusPlus() {}

  /** The indices of {@code k} rows of {@code x [n, d]} (row norms {@code xNorms [n]}) chosen as initial centers. */
  static int[] rows(INDArray x, INDArray xNorms, int k, Random random) {
    int n = (int) x.size(0);
    int trials = 2 + (int) Math.log(k);
    int[] chosen = new int[k];
    chosen[0] = random.nextInt(n);
    INDArray closest = Rows.squaredDistances(x.getRows(chosen[0]), x, xNorms).reshape(n);
    double potential = closest.sumNumber().doubleValue();
    for (int c = 1; c < k; c++) {
      double[] cumulative = closest.cumsum(0).toDoubleVector();
      int[] candidates = new int[trials];
      for (int t = 0; t < trials; t++) {
        candidates[t] = firstReaching(cumulative, random.nextDouble() * potential);
      }
      INDArray distances = Rows.squaredDistances(x.getRows(candidates), x, xNorms);
      Nd4j.getExecutioner().exec(new BroadcastMin(distances, closest, distances, 1));
      double[] potentials = distances.sum(1).toDoubleVector();
      int best = 0;
      for (int t = 1; t < trials; t++) {
        if (potentials[t] < potentials[best]) {
          best = t;
        }
      }
      potential = potentials[best];
      closest = distances.getRow(best).dup();
      chosen[c] = candidates[best];
    }
    return chosen;
  }

  /** The first index whose cumulative sum reaches {@code target} ({@code searchsorted}, left), clipped to the end. */
  private static int firstReaching(double[] cumulative, double target) {
    int i = Arrays.binarySearch(cumulative, target);
    if (i < 0) {
      i = -i - 1;
    } else {
      while (i > 0 && cumulative[i - 1] == target) {
        i--;
      }
    }
    return Math.min(i, cumulative.length - 1);
  }
}
