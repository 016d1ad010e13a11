package dev.kiln.classic;

import dev.kiln.api.train.Cancellation;
import dev.kiln.api.train.SingleThreadedBlas;
import dev.kiln.kernels.Gemm;
import dev.kiln.kernels.Level1;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Lloyd's algorithm for k-means, on the rows minus their mean {@code x̄} (as scikit-learn centres them, for
 * accurate distances): from initial centers, alternate
 * <pre>
 *   E-step  l(i) = argmin_j ||x_i − c_j||² = argmax_j (2 x_i·c_j − ||c_j||²)
 *   M-step  c_j  = mean of the rows with l(i) = j
 * </pre>
 * until no label changes (the centers then stop moving), the sum of squared center shifts is at most
 * {@code tol} times the mean feature variance, or {@code maxIter} iterations have run; then, unless the
 * labels settled, the labels are recomputed from the final centers. A cluster left empty by the E-step takes
 * the row farthest from its center (the farthest rows, one per empty cluster, in decreasing distance), which
 * leaves its old cluster. All this is scikit-learn's {@code _kmeans_single_lloyd}.
 *
 * <p>The E-step is {@link Assignment}'s: one GEMM per block of the centred rows against {@code 2C}, scanned
 * for each row's best center while in cache, which also keeps every cluster's sum {@code S_j} and size
 * {@code n_j} up to date by moving only the rows whose label changed; only {@code k × d} sums enter the M-step.
 * The inertia {@code Σ_i ||x_i − c_{l(i)}||²} follows from the same sums:
 * {@code Σ_i ||x_i||² + Σ_j (n_j ||c_j||² − 2 c_j·S_j)}. The centred rows are released on {@link #close()},
 * not at some collection, so that repeated fits reuse the memory instead of page-faulting fresh buffers in.
 *
 * <p>Reference: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2), 1982;
 * scikit-learn 1.2 {@code sklearn/cluster/_kmeans.py} and {@code _k_means_common.pyx}.
 */
final class Lloyd implements AutoCloseable {
  private final INDArray mean;
  private final INDArray centred;
  private final double sumOfSquares;
  private final int k;
  private final int maxIter;
  private final double tolerance;

  /** Iterations over {@code x [n, d]} (float64) for {@code k} clusters, with scikit-learn's {@code tol}. */
  Lloyd(INDArray x, int k, int maxIter, double tol) {
    long n = x.size(0);
    long d = x.size(1);
    // the column sums as one matrix-vector product (ND4J's mean along the rows: 1.5-2.8 ms on 100,000 x 16)
    this.mean = Gemm.gemm(Nd4j.ones(DataType.DOUBLE, 1, n), x, false, false).divi(n).reshape(d);
    this.centred = Nd4j.createUninitialized(DataType.DOUBLE, n, d);
    Nd4j.getExecutioner().exec(new BroadcastSubOp(x, mean, centred, 1));
    this.sumOfSquares = Level1.dot(centred, centred);   // Σ_i ||x_i − x̄||²
    this.k = k;
    this.maxIter = maxIter;
    this.tolerance = tol * sumOfSquares / (n * d);   // tol × the mean of the features' variances
  }

  /** Releases the centred rows now rather than at some collection (they are as large as the data). */
  @Override
  public void close() {
    centred.close();
  }

  /** The mean row {@code x̄} that was subtracted. */
  INDArray mean() {
    return mean;
  }

  /** The centred rows {@code X − x̄} (contiguous, C order; closed with this). */
  INDArray centred() {
    return centred;
  }

  /** One run's result: centers ({@code k × d}, row-major, centred), labels {@code [n]}, inertia, iterations. */
  record Run(double[] centers, INDArray labels, double inertia, int iterations) {}

  /** Lloyd iterations from the centers {@code c} ({@code k × d}, row-major, centred coordinates). */
  Run run(double[] c, Cancellation cancellation) {
    try (Assignment assignment = new Assignment(centred, k)) {
      if (!assignment.productsSplit()) {
        return iterate(c, assignment, cancellation);
      }
      SingleThreadedBlas.enter();   // the team's threads multiply side by side: OpenBLAS on one thread each
      try {
        return iterate(c, assignment, cancellation);
      } finally {
        SingleThreadedBlas.exit();
      }
    }
  }

  private Run iterate(double[] c, Assignment assignment, Cancellation cancellation) {
    boolean current = false;
    int iteration = 0;
    while (iteration < maxIter) {
      iteration++;
      cancellation.check();
      if (assignment.update(c) == 0) {
        current = true;   // the labels of the last iteration: its means are c already
        break;
      }
      double[] next = means(c, assignment);
      double shift = 0;
      for (int i = 0; i < c.length; i++) {
        shift += (next[i] - c[i]) * (next[i] - c[i]);
      }
      c = next;
      if (shift <= tolerance) {
        break;
      }
    }
    if (!current) {
      assignment.update(c);
    }
    INDArray labels = Nd4j.createFromArray(assignment.labels()).castTo(DataType.DOUBLE);
    return new Run(c, labels, inertia(c, assignment.sums(), assignment.sizes()), iteration);
  }

  /**
   * The M-step: each cluster's mean from its sum and size; an empty cluster first takes the row farthest from
   * its center {@code c_l(i)}, as scikit-learn relocates them (for this step only: the next E-step's sums are
   * again those of the labels); one still empty (all rows on their centers) takes the largest cluster's mean.
   */
  private double[] means(double[] c, Assignment assignment) {
    int d = (int) centred.size(1);
    double[] s = assignment.sums().clone();
    long[] sizes = assignment.sizes().clone();
    int[] empty = IntStream.range(0, k).filter(j -> sizes[j] == 0).toArray();
    if (empty.length > 0) {
      int[] owner = assignment.labels();
      INDArray gathered = Nd4j.pullRows(Nd4j.createFromArray(c).reshape(k, d), 1, owner);
      INDArray distances = Rows.squaredNorms(centred.sub(gathered));
      if (distances.maxNumber().doubleValue() > 0) {
        long[] far = Nd4j.sortWithIndices(distances, 0, false)[0].toLongVector();
        for (int e = 0; e < empty.length; e++) {
          double[] row = centred.getRow(far[e]).toDoubleVector();
          int old = owner[(int) far[e]];
          for (int f = 0; f < d; f++) {
            s[old * d + f] -= row[f];
            s[empty[e] * d + f] = row[f];
          }
          sizes[old]--;
          sizes[empty[e]] = 1;
        }
      }
    }
    int largest = 0;
    for (int j = 1; j < k; j++) {
      largest = sizes[j] > sizes[largest] ? j : largest;
    }
    double[] next = new double[k * d];
    for (int j = 0; j < k; j++) {
      int from = sizes[j] > 0 ? j : largest;
      for (int f = 0; f < d; f++) {
        next[j * d + f] = s[from * d + f] / sizes[from];
      }
    }
    return next;
  }

  /**
   * The inertia of centers {@code c} with sums {@code s} and sizes {@code n_j}:
   * {@code Σ_i ||x_i||² + Σ_j (n_j ||c_j||² − 2 c_j·S_j)}.
   */
  private double inertia(double[] c, double[] s, long[] sizes) {
    int d = (int) centred.size(1);
    double total = sumOfSquares;
    for (int j = 0; j < k; j++) {
      double norm = 0;
      double dot = 0;
      for (int f = 0; f < d; f++) {
        norm += c[j * d + f] * c[j * d + f];
        dot += c[j * d + f] * s[j * d + f];
      }
      total += sizes[j] * norm - 2 * dot;
    }
    return total;
  }
}
