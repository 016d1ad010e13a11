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
 * algorithm does it ({@code ArgKmin}, {@code sklearn/metrics/_pairwise_distances_reduction}), in tiles of
 * (queries × training rows) so that memory stays bounded and each tile is still in cache when it is scanned.
 *
 * <p>A tile is {@value #QUERY_BLOCK} queries (or fewer) by as many training rows as fit in {@code blockBytes}
 * of scores (16 MiB by default: 512 queries × 4,096 training rows). One ND4J call scores every (query,
 * training row) pair of the tile into one buffer, reused from tile to tile and released at the end, which is
 * then scanned in place through a {@link DoubleBuffer} view, the queries of the tile in parallel:
 * <ul>
 *   <li>euclidean: one GEMM gives {@code −2 x·yᵀ}; the rank value is {@code (||x||² − 2x·y) + ||y||²}, added in
 *       scikit-learn's order, and the distance its square root (negative rounding clipped to 0);
 *   <li>cosine: one GEMM of the unit-length rows gives {@code −x̂·ŷ}; the distance is {@code 1 − x̂·ŷ} clipped
 *       to {@code [0, 2]} (scikit-learn's {@code cosine_distances});
 *   <li>manhattan: ND4J's pairwise {@code Σ|x − y|} (reduce3 with all distances).
 * </ul>
 * Each query keeps its {@code k} best in scikit-learn's bounded max-heap ({@code heap_push} in
 * {@code sklearn/utils/_heap.pyx}) across the tiles of its block, fed the training rows in index order, so a
 * training row whose value equals the current k-th best is not taken and ties at the boundary resolve as
 * scikit-learn's single-threaded search resolves them. The k found are returned nearest first, ties by index.
 */
final class Neighbors {
  /** The default size limit of one tile of scores: 16 MiB, which fits in a common server's last-level cache. */
  static final long BLOCK_BYTES = 16L << 20;
  /** The most queries in one tile. */
  static final int QUERY_BLOCK = 512;

  private final String metric;
  private final INDArray rows;
  private final INDArray train;
  private final double[] trainNorms;
  private final long blockBytes;

  /** A search over {@code rows [n, d]} (float64) with {@code metric}; scores tiles of at most {@code blockBytes}. */
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
    int block = Math.min(q, QUERY_BLOCK);
    int chunk = (int) Math.max(1, Math.min(n, blockBytes / (8L * block)));
    INDArray x = metric.equals("cosine") ? Rows.unitRows(queries) : queries;
    double[] queryNorms = metric.equals("euclidean") ? Rows.squaredNorms(queries).toDoubleVector() : null;
    double base = metric.equals("cosine") ? 1 : 0;
    double[][] heaps = new double[q][k];
    int[][] heapIndices = new int[q][k];
    for (double[] heap : heaps) {
      Arrays.fill(heap, Double.POSITIVE_INFINITY);
    }
    INDArray buffer = metric.equals("manhattan") ? null
        : Nd4j.createUninitialized(DataType.DOUBLE, (long) chunk * block);
    for (int start = 0; start < q; start += block) {
      int first = start;
      INDArray rows = x.get(NDArrayIndex.interval(start, Math.min(q, start + block)), NDArrayIndex.all());
      for (int from = 0; from < n; from += chunk) {
        int offset = from;
        int m = Math.min(n, from + chunk) - from;
        INDArray tile = scores(rows, from, m, buffer);
        DoubleBuffer values = tile.data().asNioDouble();
        IntStream.range(0, (int) rows.size(0)).parallel().forEach(i -> scan(values, i * m, m, offset,
            queryNorms != null ? queryNorms[first + i] : base, heaps[first + i], heapIndices[first + i]));
        if (buffer == null) {
          tile.close();   // manhattan's own array
        }
      }
    }
    if (buffer != null) {
      buffer.close();   // the views above do not keep it alive; it is released here, not at some GC
    }
    int[][] indices = new int[q][];
    double[][] distances = new double[q][];
    IntStream.range(0, q).parallel().forEach(i -> sorted(heaps[i], heapIndices[i], indices, distances, i));
    return new Found(indices, distances);
  }

  /**
   * The scores of {@code rows [b, d]} against the {@code m} training rows from {@code from}, query {@code i}'s at
   * {@code [i m, (i+1) m)}: in {@code buffer} except for manhattan.
   */
  private INDArray scores(INDArray rows, int from, int m, INDArray buffer) {
    INDArray part = train.get(NDArrayIndex.interval(from, from + m), NDArrayIndex.all());
    if (metric.equals("manhattan")) {
      return Transforms.allManhattanDistances(rows, part, 1);   // [b, m], row-major
    }
    // [m, b] in column-major order is [b, m] in row-major order: each query's scores are contiguous
    INDArray out = Nd4j.create(buffer.data(), new long[] {m, rows.size(0)}, new long[] {1, m}, 0, 'f');
    Nd4j.gemm(part, rows, out, false, true, metric.equals("euclidean") ? -2.0 : -1.0, 0.0);
    return out;
  }

  /**
   * Scans one query's {@code m} scores from {@code at}, those of the training rows from {@code from}, into its
   * heap of the {@code k} smallest rank values.
   */
  private void scan(DoubleBuffer scores, int at, int m, int from, double base, double[] heap,
      int[] heapIndices) {
    boolean cosine = metric.equals("cosine");
    double worst = heap[0];
    for (int j = 0; j < m; j++) {
      double value = base + scores.get(at + j);
      if (trainNorms != null) {
        value += trainNorms[from + j];
      } else if (cosine) {
        value = Math.min(2, Math.max(0, value));
      }
      if (value < worst) {
        push(heap, heapIndices, value, from + j);
        worst = heap[0];
      }
    }
  }

  /** Query {@code query}'s heap in order, nearest first and ties by index, as indices and distances. */
  private void sorted(double[] heap, int[] heapIndices, int[][] indices, double[][] distances, int query) {
    int k = heap.length;
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
