package dev.kiln.classic;

import dev.kiln.api.KilnException;
import dev.kiln.kernels.Gemm;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Lloyd}'s E-step, and the cluster sums and sizes it keeps up to date: each row's label is the center
 * of highest score {@code 2 x·c − ||c||²} (the first on ties), the rows scored against all centers by GEMM block
 * by block, and only the rows whose label changed move between the sums.
 *
 * <p>A block of {@code b} centred rows {@code X_b} is scored by one GEMM {@code 2C X_bᵀ [k, b]}, read back at
 * once while the block is still in cache, and {@code −||c_j||²} added in the scan: given the same dot products,
 * {@code fl(2 x·c − ||c||²)} is scikit-learn's distance {@code fl(||c||² − 2 x·c)} negated, with no other
 * rounding. The blocks are shared among a {@link Team} of threads, each with buffers of its own. A row whose
 * label changed from {@code o} to {@code l} adds its {@code x} to {@code S_l} and subtracts it from {@code S_o}
 * in its block's own accumulator, so that the sums cost only the changed rows (in the benchmark, 27 % of them in
 * the second iteration, under 0.1 % in the twentieth); the blocks' accumulators are added in block order, so a
 * run's numbers do not depend on the thread count. The first E-step, from no labels, sums every row.
 *
 * <p>A Java scan of each block's {@code k} scores per row does what ND4J's kernels could only do in whole
 * passes: {@code IsMax} takes 0.8 ms for the benchmark's 100,000 × 8 scores, and a one-hot GEMM for the sums
 * 1.8 ms, against 1.6 ms for a whole scikit-learn iteration.
 */
final class Assignment implements AutoCloseable {
  /** Bytes of one block's rows and scores: they should stay in a core's cache between its GEMM and its scan. */
  private static final long BLOCK_BYTES = 1 << 19;
  /** The most bytes the threads' score buffers take together (one thread gets its buffers whatever their size). */
  private static final long SCRATCH_BYTES = 256L << 20;
  /**
   * The largest {@code m·n·k} that OpenBLAS multiplies on the calling thread alone ({@code SMP_THRESHOLD_MIN ×
   * GEMM_MULTITHREAD_THRESHOLD}, {@code interface/gemm.c}): blocks within it need no {@code SingleThreadedBlas}
   * scope, whose two thread-count changes cost OpenBLAS 0.5–2.5 ms each (it resizes its threads' buffers).
   */
  private static final long ONE_THREAD_PRODUCT = 65_536L * 4;
  /** The same for a matrix-vector product, k = 1 ({@code 2304 × GEMM_MULTITHREAD_THRESHOLD}, {@code gemv.c}). */
  private static final long ONE_THREAD_VECTOR_PRODUCT = 2_304L * 4;

  private final int n;
  private final int k;
  private final int d;
  private final int rowsPerBlock;
  private final DoubleBuffer values;
  private final INDArray[] blockRows;
  private final INDArray weights;
  private final double[] bias;
  private final double[][] moved;
  private final Team team;
  private final Scratch[] scratches;
  private final int[] labels;
  private final double[] sums;
  private final long[] sizes;

  /**
   * The buffers one team member scans a block with, reused from block to block: the scores {@code [k, rows]} in
   * native memory for the GEMM, their copy in Java, each row's best score and center.
   */
  private record Scratch(INDArray scores, INDArray blockScores, DoubleBuffer scoreValues, double[] scanned,
      double[] best, int[] label) {}

  /**
   * The assignment of the centred rows {@code [n, d]} (float64, a whole C-order array, not a view) to {@code k}
   * centers, on as many threads as ND4J's environment allows.
   */
  Assignment(INDArray centred, int k) {
    this(centred, k, Nd4j.getEnvironment().maxThreads());
  }

  /** As above, the blocks scanned by the caller and {@code threads − 1} helper threads. */
  Assignment(INDArray centred, int k, int threads) {
    if (centred.offset() != 0 || centred.ordering() != 'c' || centred.elementWiseStride() != 1) {
      throw new IllegalArgumentException("k-means' E-step reads whole C-order arrays, got a view or another order");
    }
    this.n = (int) centred.size(0);
    this.k = k;
    this.d = (int) centred.size(1);
    if ((long) n * d > Integer.MAX_VALUE) {
      throw new KilnException("kmeans: " + n + " rows × " + d + " features are more than one buffer of 2^31 "
          + "numbers holds; cluster a sample of the rows or fewer features");
    }
    // per-block sums take (n / rows)·k·(d + 1) numbers and each thread's scores 2·k·rows (native and Java): rows
    // of at least √(n (d + 1) / 4) keep both near k·√(n (d + 1)), not n·k, when k is large
    long balanced = (long) Math.ceil(Math.sqrt(n * (d + 1.0) / 4));
    long rows = Math.max(16, Math.min(n, Math.max(balanced, BLOCK_BYTES / (8L * (d + k)))));
    long oneThreadRows = oneThreadProduct(k) / ((long) k * d);
    this.rowsPerBlock = (int) (rows * k * d > oneThreadProduct(k) && oneThreadRows >= 256 ? oneThreadRows : rows);
    if ((long) k * rowsPerBlock > Integer.MAX_VALUE) {
      throw new KilnException("kmeans: k = " + k + " clusters need more than 2^31 scores per block of " + rowsPerBlock
          + " rows; use fewer clusters");
    }
    this.values = centred.data().asNioDouble();
    int blocks = (n + rowsPerBlock - 1) / rowsPerBlock;
    this.blockRows = new INDArray[blocks];
    for (int b = 0; b < blocks; b++) {
      long from = (long) b * rowsPerBlock;
      blockRows[b] = Nd4j.create(centred.data(), new long[] {Math.min(rowsPerBlock, n - from), d},
          new long[] {d, 1}, from * d, 'c');
    }
    this.weights = Nd4j.create(DataType.DOUBLE, k, d);
    this.bias = new double[k];
    this.moved = new double[blocks][k * (d + 1)];
    // each thread's scores take 16·k·rows bytes (native and Java): at most SCRATCH_BYTES in all, when k is large
    long perThread = 16L * k * rowsPerBlock;
    this.scratches = new Scratch[(int) Math.max(1, Math.min(Math.min(blocks, threads), SCRATCH_BYTES / perThread))];
    for (int member = 0; member < scratches.length; member++) {
      INDArray scores = Nd4j.createUninitialized(DataType.DOUBLE, (long) k * rowsPerBlock);
      scratches[member] = new Scratch(scores, scores.reshape(k, rowsPerBlock), scores.data().asNioDouble(),
          new double[k * rowsPerBlock], new double[rowsPerBlock], new int[rowsPerBlock]);
    }
    this.labels = new int[n];
    Arrays.fill(labels, -1);
    this.sums = new double[k * d];
    this.sizes = new long[k];
    this.team = new Team(scratches.length, "kiln-kmeans");   // last: nothing after it can fail and leak its threads
  }

  /** Ends the helper threads and releases the native buffers now rather than at some collection. */
  @Override
  public void close() {
    team.close();
    weights.close();
    for (Scratch scratch : scratches) {
      scratch.scores().close();
    }
  }

  /**
   * Labels every row by its nearest center in {@code c} ({@code k × d}, row-major, centred) and updates the sums;
   * returns how many labels changed (all {@code n} the first time).
   */
  int update(double[] c) {
    DoubleBuffer w = weights.data().asNioDouble();
    for (int j = 0; j < k; j++) {
      double norm = 0;
      for (int f = 0; f < d; f++) {
        norm += c[j * d + f] * c[j * d + f];
        w.put(j * d + f, 2 * c[j * d + f]);
      }
      bias[j] = -norm;
    }
    int[] changed = new int[blockRows.length];
    team.run(blockRows.length, (member, b) -> changed[b] = scan(b, scratches[member]));
    for (double[] block : moved) {
      for (int j = 0; j < k; j++) {
        for (int f = 0; f < d; f++) {
          sums[j * d + f] += block[j * (d + 1) + f];
        }
        sizes[j] += (long) block[j * (d + 1) + d];
      }
    }
    return Arrays.stream(changed).sum();
  }

  /**
   * Whether OpenBLAS, with more than one thread, would split a block's product across them: the team's threads
   * then need it on one thread each.
   */
  boolean productsSplit() {
    return (long) k * d * rowsPerBlock > oneThreadProduct(k);
  }

  /** The largest product OpenBLAS runs on one thread, for {@code k} centers (one is a matrix-vector product). */
  private static long oneThreadProduct(int k) {
    return k == 1 ? ONE_THREAD_VECTOR_PRODUCT : ONE_THREAD_PRODUCT;
  }

  /** Each row's center index, {@code [n]} (not a copy). */
  int[] labels() {
    return labels;
  }

  /** {@code Xᵀ A}: cluster {@code j}'s sum at {@code [j d, (j + 1) d)} (not a copy). */
  double[] sums() {
    return sums;
  }

  /** The number of rows of each cluster (not a copy). */
  long[] sizes() {
    return sizes;
  }

  /**
   * Scores block {@code b}, relabels its rows and records their moves (sums, then the change of size, per
   * center); returns the number of changed labels. The block's scores are {@code [k, b]}, each center's in a row,
   * and the scan keeps every row's best so far center by center: the rows are independent, where a row-by-row
   * scan waits on each comparison (and mispredicts its branches), 4× slower.
   */
  private int scan(int b, Scratch scratch) {
    int rows = (int) blockRows[b].size(0);
    INDArray scores = rows == rowsPerBlock ? scratch.blockScores()
        : Nd4j.create(scratch.scores().data(), new long[] {k, rows}, new long[] {rows, 1}, 0, 'c');   // the last block
    Gemm.gemm(weights, blockRows[b], scores, false, true, 1.0, 0.0);
    double[] scanned = scratch.scanned();
    scratch.scoreValues().get(0, scanned, 0, rows * k);
    double[] best = scratch.best();
    int[] label = scratch.label();
    for (int i = 0; i < rows; i++) {
      best[i] = scanned[i] + bias[0];
    }
    Arrays.fill(label, 0);
    for (int j = 1; j < k; j++) {
      int at = j * rows;
      double shift = bias[j];
      for (int i = 0; i < rows; i++) {
        double score = scanned[at + i] + shift;
        int better = score > best[i] ? -1 : 0;   // a conditional move: the first center keeps a tie
        label[i] ^= (label[i] ^ j) & better;
        best[i] = Math.max(best[i], score);
      }
    }
    return move(b, rows, label);
  }

  /** Records in block {@code b}'s accumulator the rows whose label changed to {@code label}; returns their count. */
  private int move(int b, int rows, int[] label) {
    double[] delta = moved[b];
    Arrays.fill(delta, 0);
    double[] row = new double[d];
    int changed = 0;
    int from = b * rowsPerBlock;
    for (int i = 0; i < rows; i++) {
      int old = labels[from + i];
      int now = label[i];
      if (now != old) {
        labels[from + i] = now;
        changed++;
        values.get((from + i) * d, row, 0, d);
        for (int f = 0; f < d; f++) {
          delta[now * (d + 1) + f] += row[f];
        }
        delta[now * (d + 1) + d]++;
        if (old >= 0) {
          for (int f = 0; f < d; f++) {
            delta[old * (d + 1) + f] -= row[f];
          }
          delta[old * (d + 1) + d]--;
        }
      }
    }
    return changed;
  }
}
