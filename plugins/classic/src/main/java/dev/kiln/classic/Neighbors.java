package dev.kiln.classic;

import dev.kiln.api.KilnException;
import dev.kiln.api.data.Dataset;
import dev.kiln.kernels.Gemm;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Brute-force k-nearest-neighbour search over the training rows, as scikit-learn 1.2's {@code brute}
 * algorithm does it ({@code ArgKmin}, {@code sklearn/metrics/_pairwise_distances_reduction}), in tiles of
 * (queries × training rows) so that memory stays bounded and each tile is still in cache when it is scanned.
 *
 * <p>The rank values, whose k smallest are the k nearest:
 * <ul>
 *   <li>euclidean: {@code (||x||² − 2x·y) + ||y||²}, added in scikit-learn's order, the inner products from one
 *       GEMM per tile; the distance is its square root (negative rounding clipped to 0);
 *   <li>cosine: {@code 1 − x̂·ŷ} of the unit-length rows, clipped to {@code [0, 2]} (scikit-learn's
 *       {@code cosine_distances}), from one GEMM per tile;
 *   <li>manhattan: ND4J's pairwise {@code Σ|x − y|} (reduce3 with all distances).
 * </ul>
 * The scores come in tiles ({@link ScoreTiles}) of {@value #QUERY_BLOCK} queries (or fewer) by as many training
 * rows as fit in {@code blockBytes} (16 MiB by default). Each query keeps its {@code k} best in scikit-learn's
 * bounded max-heap ({@link Nearest}), fed the training rows in index order, so ties at the boundary resolve as
 * scikit-learn's single-threaded search resolves them. The k found are returned nearest first, ties by index.
 *
 * <p>The two GEMM metrics score the tiles in float32 ({@link Gemm}: a 512 × 4,096 × 784 tile takes 8 ms, in
 * float64 29) and confirm in float64: every float32 value lies within a rounding bound of the float64 one
 * ({@code γ_{d+3} = (d+3)u / (1 − (d+3)u)}, {@code u = 2⁻²⁴}, times {@code ||x||·max ||y||}; Higham, "Accuracy
 * and Stability of Numerical Algorithms", §3.1), so the rows within twice the bound of the float32 heap's k-th
 * best include every row that changes the float64 heap ({@link Screen}). The float64 search is then replayed over
 * those few rows alone, their float64 values from the same formula (GEMMs over the rows kept for a block of
 * queries, which round as the float64 tiles do, up to the last bit that BLAS kernels of other sizes may round
 * otherwise), and finds the same k, ties included. The float32 copy of the training rows is made on the first
 * search and kept (half the size of the rows). Data with row norms beyond float32's comfortable range (above
 * 10¹⁵) are searched in float64 throughout.
 */
final class Neighbors {
  /** The default size limit of one tile of scores: 16 MiB, which fits in a common server's last-level cache. */
  static final long BLOCK_BYTES = 16L << 20;
  /** The most queries in one tile. */
  static final int QUERY_BLOCK = 512;
  /** float32's unit roundoff. */
  private static final double UNIT = 0x1p-24;
  /** Row norms up to which float32 screening is safe from overflow. */
  private static final double LARGEST_SCREENED_NORM = 1e15;

  private final String metric;
  private final INDArray rows;
  private final INDArray train;
  private final double[] trainNorms;
  private final double largestNorm;   // of the training rows the GEMM metrics score (0 for manhattan)
  private final long blockBytes;
  private final ScoreTiles tiles;
  private volatile INDArray train32;   // made on the first screened search; a race makes it twice, harmlessly

  /** A search over {@code rows [n, d]} (float64) with {@code metric}; scores tiles of at most {@code blockBytes}. */
  Neighbors(INDArray rows, String metric, long blockBytes) {
    this.metric = metric;
    this.rows = rows;
    this.train = metric.equals("cosine") ? Rows.unitRows(rows) : rows;
    this.trainNorms = metric.equals("euclidean") ? Rows.squaredNorms(rows).toDoubleVector() : null;
    this.largestNorm = metric.equals("manhattan") ? 0 : Math.sqrt(Rows.squaredNorms(train).maxNumber().doubleValue());
    this.blockBytes = blockBytes;
    this.tiles = new ScoreTiles(metric, blockBytes);
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
    return search(queries, k, true);
  }

  /** {@link #search} with the float32 screening off: scored and scanned in float64 throughout (for tests). */
  Found searchInFloat64(INDArray queries, int k) {
    return search(queries, k, false);
  }

  private Found search(INDArray queries, int k, boolean screen) {
    int q = (int) queries.size(0);
    INDArray x = metric.equals("cosine") ? Rows.unitRows(queries) : queries;
    boolean gemm = !metric.equals("manhattan");
    double[] norms = gemm ? Rows.squaredNorms(x).toDoubleVector() : null;
    double[] bases = metric.equals("euclidean") ? norms : new double[q];   // ||x||², or 1 (cosine), or 0
    if (metric.equals("cosine")) {
      Arrays.fill(bases, 1);
    }
    boolean screened = screen && gemm && largestNorm <= LARGEST_SCREENED_NORM
        && Arrays.stream(norms).allMatch(norm -> norm <= LARGEST_SCREENED_NORM * LARGEST_SCREENED_NORM);
    Nearest[] nearest = screened ? screened(x, bases, norms, k) : exact(x, bases, k);
    int[][] indices = new int[q][];
    double[][] distances = new double[q][];
    IntStream.range(0, q).parallel().forEach(i -> {
      Integer[] order = nearest[i].order();
      indices[i] = new int[k];
      distances[i] = new double[k];
      for (int j = 0; j < k; j++) {
        indices[i][j] = nearest[i].index(order[j]);
        double value = nearest[i].value(order[j]);
        distances[i][j] = trainNorms != null ? Math.sqrt(Math.max(value, 0)) : value;
      }
    });
    return new Found(indices, distances);
  }

  /** The search in float64 throughout: every rank value scored and scanned exactly. */
  private Nearest[] exact(INDArray x, double[] bases, int k) {
    Nearest[] nearest = new Nearest[(int) x.size(0)];
    Arrays.setAll(nearest, i -> new Nearest(k));
    tiles.scan(x, train, DataType.DOUBLE, (query, tile, at, m, from) -> {
      DoubleBuffer scores = tile.data().asNioDouble();
      Nearest best = nearest[query];
      for (int j = 0; j < m; j++) {
        best.offer(rank(bases[query], scores.get(at + j), from + j), from + j);
      }
    });
    return nearest;
  }

  /** The search screened in float32 and confirmed in float64 (see the class comment). */
  private Nearest[] screened(INDArray x, double[] bases, double[] norms, int k) {
    int q = (int) x.size(0);
    long d = x.size(1);
    double gamma = (d + 3) * UNIT / (1 - (d + 3) * UNIT);
    double scale = metric.equals("euclidean") ? 2 : 1;
    Screen[] screens = new Screen[q];
    Arrays.setAll(screens, i -> {
      double norm = Math.sqrt(norms[i]);
      double product = gamma * norm * largestNorm + d * 0x1p-147 * (1 + norm + largestNorm);   // and underflow
      double sums = 1e-12 * (bases[i] + largestNorm * largestNorm + 1);   // float64 rounding of the additions
      return new Screen(k, 2 * (scale * product + sums));                 // the bound, doubled for margin
    });
    if (train32 == null) {
      train32 = train.castTo(DataType.FLOAT);
    }
    tiles.scan(x.castTo(DataType.FLOAT), train32, DataType.FLOAT, (query, tile, at, m, from) -> {
      FloatBuffer scores = tile.data().asNioFloat();
      Screen screen = screens[query];
      for (int j = 0; j < m; j++) {
        screen.offer(rank(bases[query], scores.get(at + j), from + j), from + j);
      }
    });
    Nearest[] nearest = new Nearest[q];
    for (int start = 0; start < q; start += QUERY_BLOCK) {
      replay(x, bases, screens, start, Math.min(q, start + QUERY_BLOCK), scale, k, nearest);
    }
    int[] overflowed = IntStream.range(0, q).filter(i -> screens[i].overflowed()).toArray();
    if (overflowed.length > 0) {
      Nearest[] exact = exact(Nd4j.pullRows(x, 1, overflowed), Arrays.stream(overflowed).mapToDouble(i -> bases[i])
          .toArray(), k);
      for (int i = 0; i < overflowed.length; i++) {
        nearest[overflowed[i]] = exact[i];
      }
    }
    return nearest;
  }

  /**
   * Queries {@code [from, to)}'s float64 searches replayed over the rows their screens kept ({@link Screen}),
   * with float64 inner products from GEMMs of the same form as {@link #exact}'s tiles: the union of the kept
   * rows by the block of queries, in pieces of at most {@code blockBytes} of products.
   */
  private void replay(INDArray x, double[] bases, Screen[] screens, int from, int to, double scale, int k,
      Nearest[] nearest) {
    int b = to - from;
    int[][] kept = new int[b][];
    double[][] values = new double[b][];
    TreeSet<Integer> union = new TreeSet<>();
    for (int i = 0; i < b; i++) {
      kept[i] = screens[from + i].overflowed() ? new int[0] : screens[from + i].rows();
      values[i] = new double[kept[i].length];
      Arrays.stream(kept[i]).forEach(union::add);
    }
    int[] rowsOfUnion = union.stream().mapToInt(Integer::intValue).toArray();
    INDArray queries = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    int piece = (int) Math.max(1, Math.min(rowsOfUnion.length, blockBytes / ((long) Double.BYTES * b)));
    int[] next = new int[b];   // per query, its first kept row not yet scored
    for (int start = 0; start < rowsOfUnion.length; start += piece) {
      int[] rowsOfPiece = Arrays.copyOfRange(rowsOfUnion, start, Math.min(rowsOfUnion.length, start + piece));
      int m = rowsOfPiece.length;
      INDArray products = Nd4j.create(DataType.DOUBLE, new long[] {m, b}, 'f');
      Gemm.gemm(Nd4j.pullRows(train, 1, rowsOfPiece, train.ordering()), queries, products, false, true, -scale,
          0.0);
      DoubleBuffer scores = products.data().asNioDouble();
      int last = rowsOfPiece[m - 1];
      IntStream.range(0, b).parallel().forEach(i -> {
        for (; next[i] < kept[i].length && kept[i][next[i]] <= last; next[i]++) {
          int row = kept[i][next[i]];
          values[i][next[i]] = rank(bases[from + i], scores.get(i * m + Arrays.binarySearch(rowsOfPiece, row)), row);
        }
      });
    }
    IntStream.range(0, b).filter(i -> !screens[from + i].overflowed()).parallel().forEach(i -> {
      nearest[from + i] = new Nearest(k);
      for (int j = 0; j < kept[i].length; j++) {
        nearest[from + i].offer(values[i][j], kept[i][j]);
      }
    });
  }

  /** The rank value of training row {@code row} from a query's {@code base} and {@code score} (see above). */
  private double rank(double base, double score, int row) {
    double value = base + score;
    if (trainNorms != null) {
      return value + trainNorms[row];
    }
    return metric.equals("cosine") ? Math.min(2, Math.max(0, value)) : value;
  }
}
