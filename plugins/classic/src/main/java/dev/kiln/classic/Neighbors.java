package dev.kiln.classic;

import dev.kiln.api.KilnException;
import dev.kiln.api.data.Dataset;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Brute-force k-nearest-neighbour search over the training rows, as scikit-learn 1.2's {@code brute}
 * algorithm does it ({@code ArgKmin}, {@code sklearn/metrics/_pairwise_distances_reduction}), in blocks of
 * queries so that memory stays bounded.
 *
 * <p>For a block of {@code b} queries, one ND4J call scores every (query, training row) pair into a
 * {@code [b, n]} matrix of at most {@code blockBytes} (256 MiB by default: 559 queries at a time against
 * 60,000 training rows; the buffer is reused from block to block and released at the end), which is then
 * scanned in place through a {@link DoubleBuffer} view, the queries of a block in parallel:
 * <ul>
 *   <li>euclidean: one GEMM gives {@code −2 x·yᵀ}; the rank value is {@code (||x||² − 2x·y) + ||y||²}, added in
 *       scikit-learn's order, and the distance its square root (negative rounding clipped to 0);
 *   <li>cosine: one GEMM of the unit-length rows gives {@code −x̂·ŷ}; the distance is {@code 1 − x̂·ŷ} clipped
 *       to {@code [0, 2]} (scikit-learn's {@code cosine_distances});
 *   <li>manhattan: ND4J's pairwise {@code Σ|x − y|} (reduce3 with all distances).
 * </ul>
 * Each query keeps its {@code k} best in scikit-learn's bounded max-heap ({@code heap_push} in
 * {@code sklearn/utils/_heap.pyx}), fed the training rows in index order, so a training row whose value
 * equals the current k-th best is not taken and ties at the boundary resolve as scikit-learn's single-threaded
 * search resolves them. The k found are returned nearest first, ties by index.
 */
final class Neighbors {
  /** The default size limit of one block of scores. */
  static final long BLOCK_BYTES = 256L << 20;

  private final String metric;
  private final INDArray rows;
  private final INDArray train;
  private final double[] trainNorms;
  private final long blockBytes;

  /** A search over {@code rows [n, d]} (float64) with {@code metric}; scores blocks of at most {@code blockBytes}. */
  Neighbors(INDArray rows, String metric, long blockBytes) {
    this.metric = metric;
    this.rows = rows;
    this.train = metric.equals("cosine") ? Rows.unitRows(rows) : rows;
    this.trainNorms = metric.equals("euclidean") ? Rows.squaredNorms(rows).toDoubleVector() : null;
    this.blockBytes = blockBytes;
  }

  /** The search a model of {@code options.k()} neighbours makes over {@code features}; checked as models need. */
  static Neighbors over(String model, INDArray features, KnnOptions options) {
    INDArray x = Inputs.matrix(model, features);
    if (options.k() > x.size(0)) {
      throw new KilnException(model + ": k = " + options.k() + " neighbours, but the training data have only "
          + x.size(0) + " rows; use k <= " + x.size(0));
    }
    return new Neighbors(x, options.metric(), BLOCK_BYTES);
  }

  /** The training data of a saved model's state ({@code x [n, d]}, {@code y [n]}), checked. */
  static Dataset stored(String model, Map<String, INDArray> state) {
    INDArray x = state.get("x");
    INDArray y = state.get("y");
    if (x == null || y == null || x.rank() != 2 || y.length() != x.size(0)) {
      throw new KilnException(model + " state needs x [n, d] and y [n], got x " + (x == null ? "none"
          : Arrays.toString(x.shape())) + ", y " + (y == null ? "none" : Arrays.toString(y.shape())));
    }
    return Dataset.of(x, y);
  }

  /** The training rows, as given. */
  INDArray train() {
    return rows;
  }

  /** The number of training rows. */
  int size() {
    return (int) rows.size(0);
  }

  /** The number of feature columns. */
  long width() {
    return rows.size(1);
  }

  /** The {@code k} nearest training rows of each query: {@code indices[q][k]} and {@code distances[q][k]}. */
  record Found(int[][] indices, double[][] distances) {
    /**
     * The weights of query {@code i}'s neighbours: 1 each, or with {@code byDistance} {@code 1 / d}, except
     * that when some neighbours lie at distance 0 they weigh 1 and the others 0 (scikit-learn's
     * {@code _get_weights}).
     */
    double[] weights(int i, boolean byDistance) {
      double[] d = distances[i];
      double[] w = new double[d.length];
      boolean exact = byDistance && Arrays.stream(d).anyMatch(v -> v == 0);
      for (int j = 0; j < d.length; j++) {
        w[j] = !byDistance ? 1 : exact ? (d[j] == 0 ? 1 : 0) : 1 / d[j];
      }
      return w;
    }
  }

  /** The {@code k <= size()} nearest training rows of every row of {@code queries [q, d]} (float64). */
  Found search(INDArray queries, int k) {
    int q = (int) queries.size(0);
    int n = size();
    int block = (int) Math.max(1, Math.min(q, blockBytes / (8L * n)));
    INDArray x = metric.equals("cosine") ? Rows.unitRows(queries) : queries;
    double[] queryNorms = metric.equals("euclidean") ? Rows.squaredNorms(queries).toDoubleVector() : null;
    double base = metric.equals("cosine") ? 1 : 0;
    int[][] indices = new int[q][];
    double[][] distances = new double[q][];
    INDArray scores = null;
    for (int start = 0; start < q; start += block) {
      int first = start;
      int end = Math.min(q, start + block);
      INDArray previous = scores;
      scores = scores(x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()), previous);
      if (previous != null && previous != scores) {
        previous.close();
      }
      DoubleBuffer values = scores.data().asNioDouble();
      IntStream.range(0, end - start).parallel().forEach(i -> select(values, i * n, n,
          queryNorms != null ? queryNorms[first + i] : base, k, indices, distances, first + i));
    }
    scores.close();   // the view above does not keep the block alive; it is released here, not at some GC
    return new Found(indices, distances);
  }

  /**
   * The scores of {@code rows [b, d]} against every training row, query {@code i}'s at {@code [i n, (i+1) n)};
   * into {@code reuse} when it has room for exactly {@code b} queries.
   */
  private INDArray scores(INDArray rows, INDArray reuse) {
    long b = rows.size(0);
    if (metric.equals("manhattan")) {
      return Transforms.allManhattanDistances(rows, train, 1);   // [b, n], row-major
    }
    // [n, b] in column-major order is [b, n] in row-major order: each query's scores are contiguous
    INDArray out = reuse != null && reuse.size(1) == b ? reuse
        : Nd4j.create(DataType.DOUBLE, new long[] {train.size(0), b}, 'f');
    Nd4j.gemm(train, rows, out, false, true, metric.equals("euclidean") ? -2.0 : -1.0, 0.0);
    return out;
  }

  /** Scans one query's {@code n} scores from {@code offset}, keeping the {@code k} smallest rank values. */
  private void select(DoubleBuffer scores, int offset, int n, double base, int k, int[][] indices,
      double[][] distances, int query) {
    double[] heap = new double[k];
    int[] heapIndices = new int[k];
    Arrays.fill(heap, Double.POSITIVE_INFINITY);
    boolean cosine = metric.equals("cosine");
    double worst = heap[0];
    for (int j = 0; j < n; j++) {
      double value = base + scores.get(offset + j);
      if (trainNorms != null) {
        value += trainNorms[j];
      } else if (cosine) {
        value = Math.min(2, Math.max(0, value));
      }
      if (value < worst) {
        push(heap, heapIndices, value, j);
        worst = heap[0];
      }
    }
    Integer[] order = new Integer[k];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> heap[a] != heap[b] ? Double.compare(heap[a], heap[b])
        : Integer.compare(heapIndices[a], heapIndices[b]));
    indices[query] = new int[k];
    distances[query] = new double[k];
    for (int i = 0; i < k; i++) {
      indices[query][i] = heapIndices[order[i]];
      double value = heap[order[i]];
      distances[query][i] = trainNorms != null ? Math.sqrt(Math.max(value, 0)) : value;
    }
  }

  /**
   * Puts {@code value} into the max-heap of the {@code k} smallest values so far, replacing the root (the
   * current k-th smallest), which the caller has checked to be larger: scikit-learn's {@code heap_push}.
   */
  private static void push(double[] heap, int[] heapIndices, double value, int index) {
    int size = heap.length;
    int current = 0;
    while (true) {
      int left = 2 * current + 1;
      int right = left + 1;
      int swap;
      if (left >= size) {
        break;
      } else if (right >= size) {
        if (heap[left] > value) {
          swap = left;
        } else {
          break;
        }
      } else if (heap[left] >= heap[right]) {
        if (value < heap[left]) {
          swap = left;
        } else {
          break;
        }
      } else if (value < heap[right]) {
        swap = right;
      } else {
        break;
      }
      heap[current] = heap[swap];
      heapIndices[current] = heapIndices[swap];
      current = swap;
    }
    heap[current] = value;
    heapIndices[current] = index;
  }
}
